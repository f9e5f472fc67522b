import {
  ILabShell,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  Dialog,
  ICommandPalette,
  MainAreaWidget,
  Notification,
  showDialog,
  showErrorMessage
} from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import {
  caretLeftIcon,
  checkIcon,
  caretRightIcon,
  downloadIcon,
  fileUploadIcon,
  listIcon,
  refreshIcon
} from '@jupyterlab/ui-components';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import {
  IActionContext,
  checkLessonCopy,
  confirmSolution,
  currentProgress,
  ensureDirectory,
  exportProgress,
  importProgressText,
  keepLessonCopy,
  pickFile,
  resetLesson,
  runMagicBelowExercise,
  summaryWidget
} from '../notebooks/actions';
import { createCallGraphRendererFactory } from '../renderers/callgraph';
import { createCheckRendererFactory } from '../renderers/check';
import { createCoachRendererFactory } from '../renderers/coach';
import { createTimelineRendererFactory } from '../renderers/timeline';
import { lessonIdFromMetadata, lessonPath } from '../course/manifest';
import { instructorNotes, shippedCourse, shippedNotebook } from '../course/shipped';
import { asyncioLabIcon } from '../ui/icons';
import { DOMAIN, courseTranslator } from '../ui/translation';
import { CourseNotebook, lessonOfPanel } from '../notebooks/kernel';
import { CourseModel } from '../course/model';
import { LessonPanel } from '../ui/panel';
import { PreflightView } from '../ui/preflight';
import {
  ProgressError,
  ProgressStorage,
  StateProgressMirror,
  mergeProgress
} from '../course/progress';
import { CommandIDs, IAsyncioLab } from '../tokens';

const PLUGIN_ID = 'asyncio-lab:plugin';

/**
 * The course: its model, the lesson panel and the open-lesson command.
 */
const coursePlugin: JupyterFrontEndPlugin<IAsyncioLab> = {
  id: PLUGIN_ID,
  description: 'The asyncio-lab lesson panel, course model and progress.',
  autoStart: true,
  provides: IAsyncioLab,
  requires: [IDocumentManager],
  optional: [
    ITranslator,
    ILabShell,
    ICommandPalette,
    INotebookTracker,
    ISettingRegistry,
    IStateDB
  ],
  activate: async (
    app: JupyterFrontEnd,
    docManager: IDocumentManager,
    translator: ITranslator | null,
    labShell: ILabShell | null,
    palette: ICommandPalette | null,
    tracker: INotebookTracker | null,
    settingRegistry: ISettingRegistry | null,
    state: IStateDB | null
  ): Promise<IAsyncioLab> => {
    const model = new CourseModel(shippedCourse(), instructorNotes());
    const fromUrl = new URLSearchParams(window.location.search).get(
      'instructor'
    );
    // `?instructor=1` (or 0) overrides the instructorMode setting.
    const instructorFromUrl = fromUrl === null ? null : fromUrl !== '0';
    model.instructorMode = instructorFromUrl ?? false;
    let hintsPolicy = 'always';
    // Settings are read before the panel is shown, so it never flickers
    // from one instructor mode to the other, and speaks the course language.
    const settings = settingRegistry
      ? await settingRegistry.load(PLUGIN_ID).catch(reason => {
          console.warn('asyncio-lab: settings could not be loaded', reason);
          return null;
        })
      : null;
    translator = courseTranslator(
      translator ?? nullTranslator,
      (settings?.get('language').composite as string) ?? 'default'
    );
    const trans = translator.load(DOMAIN);
    const ctx: IActionContext = { model, docManager, tracker, trans };
    if (settings) {
      const read = () => {
        hintsPolicy = (settings.get('hints').composite as string) ?? 'always';
        model.instructorMode =
          instructorFromUrl ??
          settings.get('instructorMode').composite === true;
      };
      read();
      settings.changed.connect(read);
    }

    // Progress lives in the browser's storage; every change is written at
    // once, so a reload or a crash loses nothing. A second copy goes to
    // JupyterLab's state database (the workspace, on a Jupyter server), and
    // the two are merged at start: a pass recorded in either stays passed.
    const storage = new ProgressStorage(window.localStorage, model.course.id);
    const mirror = state
      ? new StateProgressMirror(state, model.course.id)
      : null;
    const reportUnreadable = (problem: { message: string; keptAs: string }) =>
      Notification.warning(
        trans.__(
          'Your saved progress could not be read (%1). It was kept under "%2" in this browser; use Import Progress to bring back an exported copy.',
          problem.message,
          problem.keptAs
        ),
        { autoClose: false }
      );
    const loaded = storage.load();
    if (loaded.progress) {
      model.cleared = loaded.progress.cleared ?? null;
      model.restore(loaded.progress.exercises);
    }
    if (loaded.problem) {
      reportUnreadable(loaded.problem);
    }
    // The state database answers only once the workspace is restored, after
    // every plugin has activated: merge its copy in then, never wait for it.
    void mirror?.load().then(fromState => {
      if (fromState.progress) {
        const merged = mergeProgress(
          currentProgress(model),
          fromState.progress,
          { honourClears: true }
        );
        model.cleared = merged.cleared ?? null;
        model.restore(merged.exercises);
      }
      if (fromState.problem) {
        reportUnreadable(fromState.problem);
      }
    });
    model.progressChanged.connect(() => {
      const progress = currentProgress(model);
      try {
        storage.save(progress);
      } catch (reason) {
        console.error('asyncio-lab: progress could not be saved', reason);
      }
      mirror
        ?.save(progress)
        .catch(reason =>
          console.error(
            'asyncio-lab: progress could not be saved in the state database',
            reason
          )
        );
    });

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
        await ensureDirectory(contents, PathExt.dirname(path));
        await contents.save(path, {
          type: 'notebook',
          format: 'json',
          content: await shippedNotebook(lesson)
        });
      }
      return docManager.openOrReveal(path);
    };
    const activeLesson = (args: ReadonlyPartialJSONObject) =>
      model.lesson((args.id as string) ?? model.activeLessonId ?? '');

    const { commands } = app;
    commands.addCommand(CommandIDs.openLesson, {
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
    for (const [id, step] of [
      [CommandIDs.nextLesson, 1],
      [CommandIDs.previousLesson, -1]
    ] as const) {
      commands.addCommand(id, {
        label:
          step === 1 ? trans.__('Next Lesson') : trans.__('Previous Lesson'),
        caption:
          step === 1
            ? trans.__('Open the next lesson of the course')
            : trans.__('Open the previous lesson of the course'),
        icon: step === 1 ? caretRightIcon : caretLeftIcon,
        isEnabled: () => model.neighbour(model.activeLessonId, step) !== null,
        execute: async () => {
          const lesson = model.neighbour(model.activeLessonId, step);
          return lesson ? openLesson(lesson.id) : undefined;
        }
      });
    }
    commands.addCommand(CommandIDs.resetLesson, {
      label: args =>
        activeLesson(args)
          ? trans.__('Reset Lesson %1…', activeLesson(args)!.number)
          : trans.__('Reset Lesson…'),
      caption: trans.__(
        'Restore the lesson as shipped, keeping your copy as a backup'
      ),
      icon: refreshIcon,
      isEnabled: args => !!activeLesson(args),
      execute: async args => {
        const lesson = activeLesson(args);
        if (lesson && (await resetLesson(ctx, lesson))) {
          Notification.success(
            trans.__(
              'Lesson %1 was reset; your copy is in the backups folder.',
              lesson.number
            ),
            {
              autoClose: 5000
            }
          );
        }
      }
    });
    commands.addCommand(CommandIDs.keepLessonCopy, {
      label: args =>
        activeLesson(args)
          ? trans.__('Keep My Copy of Lesson %1', activeLesson(args)!.number)
          : trans.__('Keep My Copy of the Lesson'),
      caption: trans.__(
        'Keep your copy of a lesson that has a newer version, and stop reporting it'
      ),
      isEnabled: args => {
        const lesson = activeLesson(args);
        return !!lesson && model.isStale(lesson.id);
      },
      execute: async args => {
        const lesson = activeLesson(args);
        if (lesson) {
          await keepLessonCopy(ctx, lesson);
        }
      }
    });
    const exerciseArg = {
      args: {
        type: 'object',
        properties: { exercise: { type: 'string', description: 'Exercise id' } }
      }
    };
    commands.addCommand(CommandIDs.showHint, {
      label: trans.__('Show Next Hint'),
      caption: trans.__('Show the next hint for an exercise'),
      describedBy: exerciseArg,
      execute: async args => {
        const id =
          (args.exercise as string) ?? Private.currentExercise(tracker);
        if (!id) {
          await showErrorMessage(
            trans.__('No exercise'),
            trans.__('Select an exercise cell first.')
          );
          return;
        }
        if (
          hintsPolicy === 'after-attempt' &&
          model.progress(id).attempts === 0
        ) {
          Notification.info(
            trans.__(
              'Run your attempt once first: hints open after the first check.'
            ),
            {
              autoClose: 5000
            }
          );
          return;
        }
        await runMagicBelowExercise(ctx, id, `%hint ${id}`);
      }
    });
    commands.addCommand(CommandIDs.showSolution, {
      label: trans.__('Show Solution…'),
      caption: trans.__(
        'Show the reference solution of an exercise, after confirming'
      ),
      describedBy: exerciseArg,
      execute: async args => {
        const id =
          (args.exercise as string) ?? Private.currentExercise(tracker);
        if (!id) {
          await showErrorMessage(
            trans.__('No exercise'),
            trans.__('Select an exercise cell first.')
          );
          return;
        }
        const lesson = model.lessonOfExercise(id);
        const title = lesson?.exercises.find(e => e.id === id)?.title ?? id;
        if (await confirmSolution(trans, title)) {
          await runMagicBelowExercise(ctx, id, `%solution ${id} --confirm`);
        }
      }
    });
    commands.addCommand(CommandIDs.exportProgress, {
      label: trans.__('Export Progress'),
      caption: trans.__('Save your progress as a JSON file'),
      icon: downloadIcon,
      execute: () => {
        const name = exportProgress(model);
        Notification.info(trans.__('Progress saved as %1', name), {
          autoClose: 4000
        });
      }
    });
    commands.addCommand(CommandIDs.importProgress, {
      label: trans.__('Import Progress…'),
      caption: trans.__('Bring back progress from an exported JSON file'),
      icon: fileUploadIcon,
      describedBy: {
        args: {
          type: 'object',
          properties: {
            text: {
              type: 'string',
              description: 'The file content (otherwise a file is picked)'
            }
          }
        }
      },
      execute: async args => {
        const text = (args.text as string) ?? (await pickFile());
        if (text === null) {
          return;
        }
        try {
          if ((await importProgressText(model, text, trans)) === 'imported') {
            Notification.success(trans.__('Progress imported.'), {
              autoClose: 4000
            });
          }
        } catch (error) {
          if (error instanceof ProgressError) {
            await showErrorMessage(
              trans.__('This file cannot be imported'),
              trans.__('Nothing was changed: %1.', error.message)
            );
            return;
          }
          throw error;
        }
      }
    });
    commands.addCommand(CommandIDs.clearProgress, {
      label: trans.__('Clear Progress…'),
      caption: trans.__(
        'Start the course over on this machine (a copy of your progress is kept)'
      ),
      execute: async () => {
        const answer = await showDialog({
          title: trans.__('Clear your progress?'),
          body: trans.__(
            'Every exercise goes back to "not tried" in this browser (and in the JupyterLab workspace). A copy is kept in this browser\'s storage; Export Progress first to take it with you.'
          ),
          buttons: [
            Dialog.cancelButton(),
            Dialog.warnButton({ label: trans.__('Clear') })
          ]
        });
        if (!answer.button.accept) {
          return;
        }
        const keptAs = storage.setAside(currentProgress(model));
        model.cleared = new Date().toISOString();
        model.restore({});
        Notification.info(
          trans.__('Progress cleared; the old one is kept under "%1".', keptAs),
          { autoClose: 5000 }
        );
      }
    });
    commands.addCommand(CommandIDs.showSummary, {
      label: trans.__('Progress Summary'),
      caption: trans.__('A summary of your progress to show an instructor'),
      icon: listIcon,
      execute: () =>
        showDialog({
          title: trans.__('Your progress in %1', model.course.title),
          body: summaryWidget(model, trans),
          buttons: [Dialog.okButton({ label: trans.__('Close') })]
        })
    });
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
      execute: () => {
        if (labShell) {
          labShell.activateById(panel.id);
        } else {
          app.shell.activateById(panel.id);
        }
      }
    });
    // The panel's toolbar shows the commands above, so it comes after them.
    const panel = new LessonPanel({
      model,
      commands: app.commands,
      translator
    });
    panel.title.icon = asyncioLabIcon;
    app.shell.add(panel, 'left', { rank: 150, type: 'asyncio lessons' });
    model.changed.connect(() => commands.notifyCommandChanged());

    // A learner's copy made from an older version of a lesson (a new site
    // version, an upgraded package) is shown as such in the panel, and
    // reported when it is opened; resetting brings in the new version and
    // keeps the copy as a backup.
    const notified = new Set<string>();
    const reportStale = (lessonId: string) => {
      const lesson = model.lesson(lessonId);
      if (!lesson || notified.has(lessonId)) {
        return;
      }
      notified.add(lessonId);
      Notification.warning(
        trans.__(
          'Lesson %1 has a newer version than your copy. Update it to get the new version (your copy is kept in the backups folder), or keep your copy as it is.',
          lesson.number
        ),
        {
          autoClose: false,
          actions: [
            {
              label: trans.__('Update Lesson…'),
              callback: () =>
                void commands.execute(CommandIDs.resetLesson, {
                  id: lesson.id
                })
            },
            {
              label: trans.__('Keep My Copy'),
              callback: () =>
                void commands.execute(CommandIDs.keepLessonCopy, {
                  id: lesson.id
                })
            }
          ]
        }
      );
    };
    tracker?.widgetAdded.connect((_, notebook) => {
      void notebook.context.ready.then(async () => {
        const lessonId = lessonIdFromMetadata(notebook.context.model.metadata);
        const lesson = lessonId ? model.lesson(lessonId) : undefined;
        if (
          !lesson ||
          notebook.isDisposed ||
          notebook.context.path !== lessonPath(model.course, lesson)
        ) {
          return;
        }
        const copy = notebook.context.model.toJSON();
        if (await checkLessonCopy(ctx, lesson, copy)) {
          reportStale(lesson.id);
        }
      });
    });
    void app.restored.then(() => Private.scanCopies(ctx));
    if (palette) {
      const category = trans.__('asyncio-lab');
      for (const command of [
        CommandIDs.showPanel,
        CommandIDs.nextLesson,
        CommandIDs.previousLesson,
        CommandIDs.resetLesson,
        CommandIDs.keepLessonCopy,
        CommandIDs.showHint,
        CommandIDs.showSolution,
        CommandIDs.showSummary,
        CommandIDs.preflight,
        CommandIDs.exportProgress,
        CommandIDs.importProgress,
        CommandIDs.clearProgress
      ]) {
        palette.addItem({ command, category });
      }
      for (const lesson of model.lessons) {
        palette.addItem({
          command: CommandIDs.openLesson,
          args: { id: lesson.id },
          category
        });
      }
    }
    return { model, translator };
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
  optional: [ISettingRegistry],
  activate: async (
    app: JupyterFrontEnd,
    lab: IAsyncioLab,
    tracker: INotebookTracker,
    settingRegistry: ISettingRegistry | null
  ) => {
    const trans = lab.translator.load(DOMAIN);
    let autoload = true;
    let coach = true;
    if (settingRegistry) {
      try {
        const settings = await settingRegistry.load(PLUGIN_ID);
        const read = () => {
          autoload = settings.get('autoload').composite !== false;
          coach = settings.get('coach').composite !== false;
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
      const watcher = new CourseNotebook(panel, lessonId, {
        coach: () => coach
      });
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
  optional: [IAsyncioLab, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    rendermime: IRenderMimeRegistry,
    lab: IAsyncioLab | null,
    translator: ITranslator | null
  ) => {
    const t = lab?.translator ?? translator ?? nullTranslator;
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
  /**
   * Check every lesson copy the learner has (one listing of the lessons
   * folder, then each copy in it) for staleness; failures are logged, never
   * shown: the check is a courtesy.
   */
  export async function scanCopies(ctx: IActionContext): Promise<void> {
    const { course } = ctx.model;
    const contents = ctx.docManager.services.contents;
    let present: Set<string>;
    try {
      const listing = await contents.get(course.lessonsDirectory, {
        content: true
      });
      present = new Set(
        (listing.content as { path: string }[]).map(item => item.path)
      );
    } catch {
      return; // no lessons folder yet: no copies
    }
    for (const lesson of ctx.model.lessons) {
      if (!present.has(lessonPath(course, lesson))) {
        continue;
      }
      try {
        await checkLessonCopy(ctx, lesson);
      } catch (reason) {
        console.warn(
          `asyncio-lab: could not compare lesson ${lesson.id} with the shipped version`,
          reason
        );
      }
    }
  }

  /** The exercise of the active cell of the current notebook, if any. */
  export function currentExercise(
    tracker: INotebookTracker | null
  ): string | null {
    const cell = tracker?.activeCell;
    const meta = cell?.model.getMetadata('asyncio_lab') as
      { exercise?: string } | undefined;
    return meta?.exercise ?? null;
  }
}

export default [coursePlugin, notebooksPlugin, rendererPlugin];
