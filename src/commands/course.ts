/**
 * Course commands: show the lesson panel, run the pre-flight check.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget } from '@jupyterlab/apputils';
import { checkIcon } from '@jupyterlab/ui-components';
import { CommandIDs } from '../tokens';
import { asyncioLabIcon } from '../ui/icons';
import { PreflightView } from '../ui/preflight';
import { Trans } from '../ui/translation';

export function addCourseCommands(
  app: JupyterFrontEnd,
  trans: Trans,
  showPanel: () => void
): void {
  const { commands } = app;
  commands.addCommand(CommandIDs.preflight, {
    label: trans.__('Check My Browser'),
    caption: trans.__('Pre-flight check: can this browser run the course?'),
    icon: checkIcon,
    execute: async () => {
      const view = new PreflightView(app.serviceManager, trans);
      const widget = new MainAreaWidget({ content: view });
      widget.id = 'asyncio-lab-preflight-area';
      widget.title.label = view.title.label;
      widget.title.icon = checkIcon;
      app.shell.add(widget, 'main');
      app.shell.activateById(widget.id);
      return view.run();
    }
  });
  commands.addCommand(CommandIDs.showPanel, {
    label: trans.__('asyncio Lessons'),
    caption: trans.__('Show the asyncio-lab lesson panel'),
    icon: asyncioLabIcon,
    execute: showPanel
  });
}
