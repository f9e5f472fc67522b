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
