import {
  ILabShell,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { addCourseCommands } from '../commands/course';
import { addExerciseCommands } from '../commands/exercises';
import { addLessonCommands } from '../commands/lessons';
import { populatePalette } from '../commands/palette';
import { addProgressCommands } from '../commands/progress';
import { CourseModel } from '../course/model';
import { CourseSettings } from '../course/settings';
import { instructorNotes, shippedCourse } from '../course/shipped';
import { ProgressStorage, StateProgressMirror } from '../course/storage';
import { ProgressSync } from '../course/sync';
import { ICourseContext } from '../notebooks/context';
import { scanCopies, watchStaleCopies } from '../notebooks/stale';
import { CommandIDs, IAsyncioLab, PLUGIN_ID } from '../tokens';
import { asyncioLabIcon } from '../ui/icons';
import { notifyStaleLesson, notifyUnreadableProgress } from '../ui/notices';
import { LessonPanel } from '../ui/panel';
import { DOMAIN, courseTranslator } from '../ui/translation';

/**
 * The course: its model and settings, the learner's progress, the lesson
 * panel and the course's commands.
 */
const plugin: JupyterFrontEndPlugin<IAsyncioLab> = {
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
  activate: activateCourse
};

export default plugin;

async function activateCourse(
  app: JupyterFrontEnd,
  docManager: IDocumentManager,
  baseTranslator: ITranslator | null,
  labShell: ILabShell | null,
  palette: ICommandPalette | null,
  tracker: INotebookTracker | null,
  settingRegistry: ISettingRegistry | null,
  state: IStateDB | null
): Promise<IAsyncioLab> {
  // Settings are read before the panel is shown, so it never flickers
  // from one instructor mode to the other, and speaks the course language.
  const settings = await CourseSettings.load(settingRegistry, PLUGIN_ID);
  const translator = courseTranslator(
    baseTranslator ?? nullTranslator,
    settings.language
  );
  const trans = translator.load(DOMAIN);
  const model = new CourseModel(shippedCourse(), instructorNotes());
  Private.followInstructorMode(model, settings);
  const ctx: ICourseContext = { model, docManager, tracker, trans };

  const sync = new ProgressSync({
    model,
    storage: new ProgressStorage(window.localStorage, model.course.id),
    mirror: state ? new StateProgressMirror(state, model.course.id) : null,
    onUnreadable: problem => notifyUnreadableProgress(trans, problem)
  });
  sync.start();

  const { commands } = app;
  addLessonCommands(commands, ctx);
  addExerciseCommands(commands, ctx, settings);
  addProgressCommands(commands, model, sync, trans);
  addCourseCommands(app, trans, () =>
    (labShell ?? app.shell).activateById(panel.id)
  );
  // The panel's toolbar shows the commands above, so it comes after them.
  const panel = new LessonPanel({ model, commands, translator });
  panel.title.icon = asyncioLabIcon;
  app.shell.add(panel, 'left', { rank: 150, type: 'asyncio lessons' });
  model.changed.connect(() => commands.notifyCommandChanged());

  if (tracker) {
    const notified = new Set<string>();
    watchStaleCopies(ctx, tracker, lesson => {
      // Each lesson is reported once a session.
      if (notified.has(lesson.id)) {
        return;
      }
      notified.add(lesson.id);
      notifyStaleLesson(trans, lesson, {
        update: () =>
          void commands.execute(CommandIDs.resetLesson, { id: lesson.id }),
        keep: () =>
          void commands.execute(CommandIDs.keepLessonCopy, { id: lesson.id })
      });
    });
  }
  void app.restored.then(() => scanCopies(ctx));
  if (palette) {
    populatePalette(palette, model, trans);
  }
  return { model, translator, settings };
}

namespace Private {
  /**
   * Keep the model's instructor mode on the `instructorMode` setting, unless
   * the page's `?instructor=1` (or 0) overrides it.
   */
  export function followInstructorMode(
    model: CourseModel,
    settings: CourseSettings
  ): void {
    const fromUrl = new URLSearchParams(window.location.search).get(
      'instructor'
    );
    const override = fromUrl === null ? null : fromUrl !== '0';
    const read = () => {
      model.instructorMode = override ?? settings.instructorMode;
    };
    read();
    settings.changed.connect(read);
  }
}
