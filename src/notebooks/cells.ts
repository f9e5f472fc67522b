/**
 * Exercise cells: the cells of a lesson that an exercise's `%%check` runs in,
 * marked in their metadata (`asyncio_lab.exercise`).
 */
import { INotebookTracker, NotebookActions } from '@jupyterlab/notebook';
import { showErrorMessage } from '@jupyterlab/apputils';
import { ICourseContext, panelOfLesson } from './context';
import { carryOverFormerCopies } from './former';
import { METADATA_KEY } from './python';

/** The exercise a cell (its model) belongs to, or null. */
export function exerciseOfCell(
  cell: { getMetadata(key: string): unknown } | undefined
): string | null {
  const meta = cell?.getMetadata(METADATA_KEY) as
    { exercise?: string } | undefined;
  return meta?.exercise ?? null;
}

/** The exercise of the active cell of the current notebook, if any. */
export function currentExercise(
  tracker: INotebookTracker | null
): string | null {
  return exerciseOfCell(tracker?.activeCell?.model);
}

/**
 * Add a cell running a line magic (`%hint id`, `%solution id`) below the
 * exercise cell of the open lesson, and run it: the answer shows where the
 * learner is working, on any kernel.
 */
export async function runMagicBelowExercise(
  ctx: ICourseContext,
  exerciseId: string,
  code: string
): Promise<void> {
  const lesson = ctx.model.lessonOfExercise(exerciseId);
  if (lesson) {
    // A copy open under a former file name follows its carry-over.
    await carryOverFormerCopies(ctx, lesson);
  }
  const panel = lesson ? panelOfLesson(ctx, lesson) : null;
  if (!panel) {
    await showErrorMessage(
      ctx.trans.__('Open the lesson first'),
      ctx.trans.__('Open the lesson of this exercise, then ask again.')
    );
    return;
  }
  const notebook = panel.content;
  const cells = notebook.model?.cells;
  if (!cells) {
    return;
  }
  let index = -1;
  for (let i = 0; i < cells.length; i++) {
    if (exerciseOfCell(cells.get(i)) === exerciseId) {
      index = i;
    }
  }
  notebook.activeCellIndex = index >= 0 ? index : notebook.activeCellIndex;
  NotebookActions.insertBelow(notebook);
  notebook.activeCell?.model.sharedModel.setSource(code);
  await NotebookActions.run(notebook, panel.sessionContext);
}
