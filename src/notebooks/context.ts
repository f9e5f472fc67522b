import { PathExt } from '@jupyterlab/coreutils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ILesson, lessonPath } from '../course/manifest';
import { CourseModel } from '../course/model';
import { Trans } from '../ui/translation';

/** What the course's notebook work needs: the model, documents, the course strings. */
export interface ICourseContext {
  model: CourseModel;
  docManager: IDocumentManager;
  tracker: INotebookTracker | null;
  trans: Trans;
}

/** The server's (or the browser drive's) contents. */
export type Contents = IDocumentManager['services']['contents'];

/** The notebook panel showing a lesson, if one is open. */
export function panelOfLesson(
  ctx: ICourseContext,
  lesson: ILesson
): NotebookPanel | null {
  const path = lessonPath(ctx.model.course, lesson);
  return ctx.tracker?.find(p => p.context.path === path) ?? null;
}

/** Save nbformat JSON as a notebook. */
export async function saveNotebook(
  contents: Contents,
  path: string,
  content: unknown
): Promise<void> {
  await contents.save(path, { type: 'notebook', format: 'json', content });
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

/**
 * Where a copy of the lesson notebook at `path` is kept as a backup: the
 * `backups` folder beside it, the notebook's name and the time
 * (`backups/06-signals-2026-12-07T23-10-00-000Z.ipynb`).
 */
export function backupPath(
  path: string,
  name = PathExt.basename(path)
): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return PathExt.join(
    PathExt.dirname(path),
    'backups',
    `${PathExt.basename(name, '.ipynb')}-${stamp}.ipynb`
  );
}
