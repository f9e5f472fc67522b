import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { CourseNotebook, lessonOfPanel } from '../notebooks/kernel';
import { IAsyncioLab } from '../tokens';
import { notifyLoadFailed } from '../ui/notices';
import { DOMAIN } from '../ui/translation';

/**
 * Course notebooks: loads `asyncio_lab` into their kernels, records check
 * results in the course model and tracks the active lesson.
 */
const plugin: JupyterFrontEndPlugin<void> = {
  id: 'asyncio-lab:notebooks',
  description:
    'Loads the asyncio_lab magics in course notebooks and records checks.',
  autoStart: true,
  requires: [IAsyncioLab, INotebookTracker],
  activate: activateNotebooks
};

export default plugin;

function activateNotebooks(
  app: JupyterFrontEnd,
  lab: IAsyncioLab,
  tracker: INotebookTracker
): void {
  tracker.widgetAdded.connect((_, panel) => {
    void Private.watch(lab, tracker, panel);
  });
  tracker.forEach(panel => void Private.watch(lab, tracker, panel));
  tracker.currentChanged.connect((_, panel) => {
    lab.model.activeLessonId = panel ? lessonOfPanel(panel) : null;
  });
}

namespace Private {
  /**
   * Once a notebook is ready: if it is a lesson (and autoload is on), load
   * the course into its kernels and record its checks.
   */
  export async function watch(
    lab: IAsyncioLab,
    tracker: INotebookTracker,
    panel: NotebookPanel
  ): Promise<void> {
    const { model, settings } = lab;
    await panel.context.ready;
    if (panel.isDisposed || !settings.autoload) {
      return;
    }
    const lessonId = lessonOfPanel(panel);
    if (!lessonId) {
      return;
    }
    const watcher = new CourseNotebook(panel, lessonId, {
      coach: () => settings.coach
    });
    watcher.checked.connect((_, result) => model.recordCheck(result));
    watcher.loadFailed.connect((_, error) =>
      notifyLoadFailed(lab.translator.load(DOMAIN), error)
    );
    panel.disposed.connect(() => watcher.dispose());
    if (tracker.currentWidget === panel) {
      model.activeLessonId = lessonId;
    }
  }
}
