/**
 * Lesson commands: open a lesson, move to the next or previous one, reset a
 * lesson to the shipped version, keep a stale copy as it is.
 */
import { Notification } from '@jupyterlab/apputils';
import {
  caretLeftIcon,
  caretRightIcon,
  refreshIcon
} from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { ICourseContext } from '../notebooks/context';
import { openLessonCopy, resetLesson } from '../notebooks/copies';
import { keepLessonCopy } from '../notebooks/stale';
import { CommandIDs } from '../tokens';

export function addLessonCommands(
  commands: CommandRegistry,
  ctx: ICourseContext
): void {
  const { model, trans } = ctx;
  const activeLesson = (args: ReadonlyPartialJSONObject) =>
    model.lesson((args.id as string) ?? model.activeLessonId ?? '');
  /** A label naming the lesson's number, or the general one without a lesson. */
  const lessonLabel =
    (numbered: (n: number) => string, general: string) =>
    (args: ReadonlyPartialJSONObject) => {
      const lesson = activeLesson(args);
      return lesson ? numbered(lesson.number) : general;
    };

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
      return id ? openLessonCopy(ctx, id) : undefined;
    }
  });
  for (const [id, step] of [
    [CommandIDs.nextLesson, 1],
    [CommandIDs.previousLesson, -1]
  ] as const) {
    commands.addCommand(id, {
      label: step === 1 ? trans.__('Next Lesson') : trans.__('Previous Lesson'),
      caption:
        step === 1
          ? trans.__('Open the next lesson of the course')
          : trans.__('Open the previous lesson of the course'),
      icon: step === 1 ? caretRightIcon : caretLeftIcon,
      isEnabled: () => model.neighbour(model.activeLessonId, step) !== null,
      execute: async () => {
        const lesson = model.neighbour(model.activeLessonId, step);
        return lesson ? openLessonCopy(ctx, lesson.id) : undefined;
      }
    });
  }
  commands.addCommand(CommandIDs.resetLesson, {
    label: lessonLabel(
      n => trans.__('Reset Lesson %1…', n),
      trans.__('Reset Lesson…')
    ),
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
          { autoClose: 5000 }
        );
      }
    }
  });
  commands.addCommand(CommandIDs.keepLessonCopy, {
    label: lessonLabel(
      n => trans.__('Keep My Copy of Lesson %1', n),
      trans.__('Keep My Copy of the Lesson')
    ),
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
}
