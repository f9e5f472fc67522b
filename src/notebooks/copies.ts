/**
 * The learner's copies of the lessons: created from the shipped notebook
 * when missing, reset to it (the old copy kept as a backup).
 */
import { PathExt } from '@jupyterlab/coreutils';
import { ILesson, lessonPath } from '../course/manifest';
import { shippedNotebook } from '../course/shipped';
import { confirmReset } from '../ui/dialogs';
import {
  ICourseContext,
  backupPath,
  ensureDirectory,
  panelOfLesson,
  saveNotebook
} from './context';
import { diffNotebooks } from './diff';
import { carryOverFormerCopies } from './former';

/**
 * Open a lesson's copy (revealing it when it is open already): a copy at a
 * former file name of the lesson is carried over first; a copy is created
 * from the shipped notebook when this server does not have one yet.
 */
export async function openLessonCopy(
  ctx: ICourseContext,
  id: string
): Promise<unknown> {
  const { model, docManager, trans } = ctx;
  const lesson = model.lesson(id);
  if (!lesson) {
    throw new Error(trans.__('There is no lesson "%1".', id));
  }
  await carryOverFormerCopies(ctx, lesson);
  const path = lessonPath(model.course, lesson);
  const contents = docManager.services.contents;
  try {
    await contents.get(path, { content: false });
  } catch {
    // Not on this server yet (a JupyterLab where the course was
    // pip-installed): create it from the copy shipped with the extension.
    await ensureDirectory(contents, PathExt.dirname(path));
    await saveNotebook(contents, path, await shippedNotebook(lesson));
  }
  return docManager.openOrReveal(path);
}

/**
 * Reset a lesson to the shipped notebook: show what the learner changed, ask,
 * keep their copy as a backup, then restore (and reload it if it is open).
 */
export async function resetLesson(
  ctx: ICourseContext,
  lesson: ILesson
): Promise<boolean> {
  await carryOverFormerCopies(ctx, lesson);
  const contents = ctx.docManager.services.contents;
  const path = lessonPath(ctx.model.course, lesson);
  const shipped = await shippedNotebook(lesson);
  const panel = panelOfLesson(ctx, lesson);
  if (panel?.context.model.dirty) {
    await panel.context.save();
  }
  let copy: unknown = null;
  try {
    copy = (await contents.get(path, { content: true })).content;
  } catch {
    copy = null;
  }
  const confirmed = await confirmReset(ctx.trans, lesson, {
    hasCopy: !!copy,
    stale: !!copy && ctx.model.isStale(lesson.id),
    changes: copy ? diffNotebooks(shipped, copy) : []
  });
  if (!confirmed) {
    return false;
  }
  if (copy) {
    const backup = backupPath(path);
    await ensureDirectory(contents, PathExt.dirname(backup));
    await saveNotebook(contents, backup, copy);
  }
  await ensureDirectory(contents, PathExt.dirname(path));
  await saveNotebook(contents, path, shipped);
  if (panel && !panel.isDisposed) {
    await panel.context.revert();
  }
  ctx.model.setStale(lesson.id, false);
  return true;
}
