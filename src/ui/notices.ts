/**
 * Notifications the course raises on its own (not in answer to a command):
 * progress that could not be read, a lesson copy older than the lesson, a
 * kernel without the course helpers. Each stays until dismissed.
 */
import { Notification } from '@jupyterlab/apputils';
import { ILesson } from '../course/manifest';
import { IProgressProblem } from '../course/storage';
import { Trans } from './translation';

/** Stored progress could not be read; it was kept aside. */
export function notifyUnreadableProgress(
  trans: Trans,
  problem: IProgressProblem
): void {
  Notification.warning(
    trans.__(
      'Your saved progress could not be read (%1). It was kept under "%2" in this browser; use Import Progress to bring back an exported copy.',
      problem.message,
      problem.keptAs
    ),
    { autoClose: false }
  );
}

/**
 * The learner's copy of a lesson is older than the lesson: offer to update
 * it (a reset, the copy kept as a backup) or to keep it.
 */
export function notifyStaleLesson(
  trans: Trans,
  lesson: ILesson,
  actions: { update: () => void; keep: () => void }
): void {
  Notification.warning(
    trans.__(
      'Lesson %1 has a newer version than your copy. Update it to get the new version (your copy is kept in the backups folder), or keep your copy as it is.',
      lesson.number
    ),
    {
      autoClose: false,
      actions: [
        { label: trans.__('Update Lesson…'), callback: actions.update },
        { label: trans.__('Keep My Copy'), callback: actions.keep }
      ]
    }
  );
}

/** A course notebook's kernel could not load `asyncio_lab`. */
export function notifyLoadFailed(trans: Trans, error: string): void {
  Notification.error(
    trans.__(
      'The asyncio_lab helpers could not be loaded in this kernel (%1). Install them with: pip install asyncio-lab',
      error
    ),
    { autoClose: false }
  );
}
