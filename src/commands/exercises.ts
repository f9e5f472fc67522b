/**
 * Exercise commands: the next hint, the solution (after confirming). Both
 * run their magic in a new cell below the exercise.
 */
import { Notification, showErrorMessage } from '@jupyterlab/apputils';
import { CommandRegistry } from '@lumino/commands';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { CourseSettings } from '../course/settings';
import { currentExercise, runMagicBelowExercise } from '../notebooks/cells';
import { ICourseContext } from '../notebooks/context';
import { CommandIDs } from '../tokens';
import { confirmSolution } from '../ui/dialogs';

export function addExerciseCommands(
  commands: CommandRegistry,
  ctx: ICourseContext,
  settings: CourseSettings
): void {
  const { model, trans } = ctx;
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
      const id = await Private.exercise(ctx, args);
      if (!id) {
        return;
      }
      if (
        settings.hints === 'after-attempt' &&
        model.progress(id).attempts === 0
      ) {
        Notification.info(
          trans.__(
            'Run your attempt once first: hints open after the first check.'
          ),
          { autoClose: 5000 }
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
      const id = await Private.exercise(ctx, args);
      if (!id) {
        return;
      }
      const lesson = model.lessonOfExercise(id);
      const title = lesson?.exercises.find(e => e.id === id)?.title ?? id;
      if (await confirmSolution(trans, title)) {
        await runMagicBelowExercise(ctx, id, `%solution ${id} --confirm`);
      }
    }
  });
}

namespace Private {
  /**
   * The exercise a command is for: its `exercise` argument, else the active
   * cell's. Without one, says so and resolves null.
   */
  export async function exercise(
    ctx: ICourseContext,
    args: ReadonlyPartialJSONObject
  ): Promise<string | null> {
    const id = (args.exercise as string) ?? currentExercise(ctx.tracker);
    if (!id) {
      await showErrorMessage(
        ctx.trans.__('No exercise'),
        ctx.trans.__('Select an exercise cell first.')
      );
      return null;
    }
    return id;
  }
}
