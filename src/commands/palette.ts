import { ICommandPalette } from '@jupyterlab/apputils';
import { CourseModel } from '../course/model';
import { CommandIDs } from '../tokens';
import { Trans } from '../ui/translation';

/** The course's commands in the palette, then one "Open Lesson" per lesson. */
export function populatePalette(
  palette: ICommandPalette,
  model: CourseModel,
  trans: Trans
): void {
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
