/**
 * Notifications the course raises on its own (not in answer to a command):
 * progress that could not be read, a lesson copy older than the lesson, an
 * old copy kept as a backup when a lesson's file was renamed, a kernel
 * without the course helpers. Each stays until dismissed.
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

/**
 * The learner had a copy of a lesson at its former file name and one at its
 * current name, both their own: the current one stays the lesson's copy, the
 * old one was kept in the backups folder.
 */
export function notifyFormerCopyKept(
  trans: Trans,
  lesson: ILesson,
  paths: { from: string; backup: string }
): void {
  Notification.warning(
    trans.__(
      'Lesson %1 has a new file name, and you had a copy under both names. Your copy under the new name, %2, stays the lesson; your copy under the old name, %3, was kept as %4.',
      lesson.number,
      lesson.file,
      paths.from,
      paths.backup
    ),
    { autoClose: false }
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
