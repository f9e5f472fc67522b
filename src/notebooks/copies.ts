/**
 * The learner's copies of the lessons: created from the shipped notebook
 * when missing, reset to it (the old copy kept as a backup).
 */
import { PathExt } from '@jupyterlab/coreutils';
import { ILesson, lessonPath } from '../course/manifest';
import { shippedNotebook } from '../course/shipped';
import { confirmReset } from '../ui/dialogs';
import {
  Contents,
  ICourseContext,
  panelOfLesson,
  saveNotebook
} from './context';
import { diffNotebooks } from './diff';

/**
 * Open a lesson's copy (revealing it when it is open already), creating it
 * from the shipped notebook when this server does not have it yet.
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
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const dir = PathExt.join(PathExt.dirname(path), 'backups');
    await ensureDirectory(contents, dir);
    await saveNotebook(
      contents,
      PathExt.join(dir, `${PathExt.basename(path, '.ipynb')}-${stamp}.ipynb`),
      copy
    );
  }
  await ensureDirectory(contents, PathExt.dirname(path));
  await saveNotebook(contents, path, shipped);
  if (panel && !panel.isDisposed) {
    await panel.context.revert();
  }
  ctx.model.setStale(lesson.id, false);
  return true;
}

/** Make a folder and its parents, where missing. */
export async function ensureDirectory(
  contents: Contents,
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
  // newUntitled + rename creates a real folder on every drive (a Jupyter
  // server and the browser drive of the site alike).
  const made = await contents.newUntitled({
    path: PathExt.dirname(dir),
    type: 'directory'
  });
  await contents.rename(made.path, dir);
}
