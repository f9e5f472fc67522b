import {
  ILabShell,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { createCallGraphRendererFactory } from './callgraphview';
import { createCheckRendererFactory } from './checkview';
import { createCoachRendererFactory } from './coachview';
import { createTimelineRendererFactory } from './timelineview';
import { lessonPath } from './course';
import { shippedCourse, shippedNotebook } from './data';
import { asyncioLabIcon } from './icons';
import { CourseNotebook, lessonOfPanel } from './kernel';
import { CourseModel } from './model';
import { LessonPanel } from './panel';
import { CommandIDs, IAsyncioLab } from './tokens';

const PLUGIN_ID = 'asyncio-lab:plugin';

/**
 * The course: its model, the lesson panel and the open-lesson command.
 */
const coursePlugin: JupyterFrontEndPlugin<IAsyncioLab> = {
  id: PLUGIN_ID,
  description: 'The asyncio-lab lesson panel and course model.',
  autoStart: true,
  provides: IAsyncioLab,
  requires: [IDocumentManager],
  optional: [ITranslator, ILabShell, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    docManager: IDocumentManager,
    translator: ITranslator | null,
    labShell: ILabShell | null,
    palette: ICommandPalette | null
  ): IAsyncioLab => {
    translator = translator ?? nullTranslator;
    const trans = translator.load('asyncio_lab');
    const model = new CourseModel(shippedCourse());

    const openLesson = async (id: string) => {
      const lesson = model.lesson(id);
      if (!lesson) {
        throw new Error(trans.__('There is no lesson "%1".', id));
      }
      const path = lessonPath(model.course, lesson);
      const contents = docManager.services.contents;
      try {
        await contents.get(path, { content: false });
      } catch {
        // Not on this server yet (a JupyterLab where the course was
        // pip-installed): create it from the copy shipped with the extension.
        await Private.ensureDirectory(contents, PathExt.dirname(path));
        await contents.save(path, {
          type: 'notebook',
          format: 'json',
          content: await shippedNotebook(lesson)
        });
      }
      return docManager.openOrReveal(path);
    };

    const panel = new LessonPanel({ model, openLesson, translator });
    panel.title.icon = asyncioLabIcon;
    app.shell.add(panel, 'left', { rank: 150, type: 'asyncio lessons' });

    app.commands.addCommand(CommandIDs.openLesson, {
      label: args =>
        args.id
          ? trans.__(
              'Open Lesson %1',
              model.lesson(args.id as string)?.title ?? ''
            )
          : trans.__('Open Lesson'),
      describedBy: {
        args: {
          type: 'object',
          properties: { id: { type: 'string', description: 'Lesson id' } }
        }
      },
      execute: async args => {
        const id = (args.id as string) ?? model.lessons[0]?.id;
        return id ? openLesson(id) : undefined;
      }
    });
    app.commands.addCommand(CommandIDs.showPanel, {
      label: trans.__('asyncio Lessons'),
      caption: trans.__('Show the asyncio-lab lesson panel'),
      icon: asyncioLabIcon,
      execute: () => {
        if (labShell) {
          labShell.activateById(panel.id);
        } else {
          app.shell.activateById(panel.id);
        }
      }
    });
    if (palette) {
      const category = trans.__('asyncio-lab');
      palette.addItem({ command: CommandIDs.showPanel, category });
      for (const lesson of model.lessons) {
        palette.addItem({
          command: CommandIDs.openLesson,
          args: { id: lesson.id },
          category
        });
      }
    }
    return { model };
  }
};

/**
 * Course notebooks: loads `asyncio_lab` into their kernels, records check
 * results in the course model and tracks the active lesson.
 */
const notebooksPlugin: JupyterFrontEndPlugin<void> = {
  id: 'asyncio-lab:notebooks',
  description:
    'Loads the asyncio_lab magics in course notebooks and records checks.',
  autoStart: true,
  requires: [IAsyncioLab, INotebookTracker],
  optional: [ISettingRegistry, ITranslator],
  activate: async (
    app: JupyterFrontEnd,
    lab: IAsyncioLab,
    tracker: INotebookTracker,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('asyncio_lab');
    let autoload = true;
    if (settingRegistry) {
      try {
        const settings = await settingRegistry.load(PLUGIN_ID);
        const read = () => {
          autoload = settings.get('autoload').composite !== false;
        };
        read();
        settings.changed.connect(read);
      } catch (reason) {
        console.warn('asyncio-lab: settings could not be loaded', reason);
      }
    }

    const watch = async (panel: NotebookPanel) => {
      await panel.context.ready;
      if (panel.isDisposed || !autoload) {
        return;
      }
      const lessonId = lessonOfPanel(panel);
      if (!lessonId) {
        return;
      }
      const watcher = new CourseNotebook(panel, lessonId);
      watcher.checked.connect((_, result) => lab.model.recordCheck(result));
      watcher.loadFailed.connect((_, error) => {
        Notification.error(
          trans.__(
            'The asyncio_lab helpers could not be loaded in this kernel (%1). Install them with: pip install asyncio-lab',
            error
          ),
          { autoClose: false }
        );
      });
      panel.disposed.connect(() => watcher.dispose());
      if (tracker.currentWidget === panel) {
        lab.model.activeLessonId = lessonId;
      }
    };
    tracker.widgetAdded.connect((_, panel) => {
      void watch(panel);
    });
    tracker.forEach(panel => void watch(panel));
    tracker.currentChanged.connect((_, panel) => {
      lab.model.activeLessonId = panel ? lessonOfPanel(panel) : null;
    });
  }
};

/**
 * The renderer for `%%check` results, theme-aware and text-only.
 */
const rendererPlugin: JupyterFrontEndPlugin<void> = {
  id: 'asyncio-lab:renderers',
  description:
    'Renders asyncio-lab check results, task timelines, call graphs and coach notes.',
  autoStart: true,
  requires: [IRenderMimeRegistry],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    rendermime: IRenderMimeRegistry,
    translator: ITranslator | null
  ) => {
    const t = translator ?? nullTranslator;
    for (const factory of [
      createCheckRendererFactory(t),
      createTimelineRendererFactory(t),
      createCallGraphRendererFactory(t),
      createCoachRendererFactory(t)
    ]) {
      rendermime.addFactory(factory);
    }
  }
};

namespace Private {
  export async function ensureDirectory(
    contents: IDocumentManager['services']['contents'],
    dir: string
  ): Promise<void> {
    if (!dir || dir === '.' || dir === '/') {
      return;
    }
    try {
      await contents.get(dir, { content: false });
      return;
    } catch {
      await ensureDirectory(contents, PathExt.dirname(dir));
    }
    await contents.save(dir, { type: 'directory' });
  }
}

export default [coursePlugin, notebooksPlugin, rendererPlugin];
