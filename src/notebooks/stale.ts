/**
 * Stale copies: a learner's copy made from an older version of a lesson (a
 * new site version, an upgraded package) is recorded as such in the model,
 * and reported when it is opened; the learner updates it (a reset) or keeps
 * it as it is.
 */
import { INotebookTracker } from '@jupyterlab/notebook';
import {
  ILesson,
  formerLessonPaths,
  isStaleCopy,
  lessonIdFromMetadata,
  lessonPath
} from '../course/manifest';
import { shippedRevision } from '../course/shipped';
import { ICourseContext, panelOfLesson, saveNotebook } from './context';
import { carryOverFormerCopies, isFormerPath } from './former';
import { METADATA_KEY } from './python';

/**
 * Compare the learner's copy of a lesson (on the server, or in the browser's
 * storage on the site) with the shipped version and record in the model
 * whether it is stale. A copy at a former file name of the lesson is
 * carried over first (a copy made from an older layout of the course is
 * stale, so the learner hears of it). A lesson without a copy is not stale.
 * Returns the answer, or null when the copy could not be read.
 */
export async function checkLessonCopy(
  ctx: ICourseContext,
  lesson: ILesson,
  copy?: unknown
): Promise<boolean | null> {
  if (copy === undefined) {
    await carryOverFormerCopies(ctx, lesson);
    try {
      copy = (
        await ctx.docManager.services.contents.get(
          lessonPath(ctx.model.course, lesson),
          { content: true }
        )
      ).content;
    } catch {
      ctx.model.setStale(lesson.id, false);
      return false;
    }
  }
  if (!copy || typeof copy !== 'object') {
    return null;
  }
  const stale = isStaleCopy(copy, await shippedRevision(lesson));
  ctx.model.setStale(lesson.id, stale);
  return stale;
}

/**
 * Keep the learner's copy of a stale lesson as it is: stamp the current
 * revision into it (the open notebook, saved at once; otherwise the stored
 * copy), so it is no longer reported as stale.
 */
export async function keepLessonCopy(
  ctx: ICourseContext,
  lesson: ILesson
): Promise<void> {
  await carryOverFormerCopies(ctx, lesson);
  const revision = await shippedRevision(lesson);
  const panel = panelOfLesson(ctx, lesson);
  if (panel && !panel.isDisposed && panel.context.model) {
    const ours = (panel.context.model.getMetadata(METADATA_KEY) ??
      {}) as Record<string, unknown>;
    panel.context.model.setMetadata(METADATA_KEY, { ...ours, revision });
    await panel.context.save();
  } else {
    const contents = ctx.docManager.services.contents;
    const path = lessonPath(ctx.model.course, lesson);
    const copy = (await contents.get(path, { content: true })).content;
    const metadata = { ...(copy.metadata ?? {}) };
    metadata[METADATA_KEY] = { ...(metadata[METADATA_KEY] ?? {}), revision };
    await saveNotebook(contents, path, { ...copy, metadata });
  }
  ctx.model.setStale(lesson.id, false);
}

/**
 * Check every lesson copy the learner has (one listing of the lessons
 * folder, then each copy in it) for staleness, after carrying copies at
 * former file names over; failures are logged, never shown: the check is a
 * courtesy.
 */
export async function scanCopies(ctx: ICourseContext): Promise<void> {
  const { course } = ctx.model;
  const contents = ctx.docManager.services.contents;
  const list = async () => {
    const listing = await contents.get(course.lessonsDirectory, {
      content: true
    });
    return new Set(
      (listing.content as { path: string }[]).map(item => item.path)
    );
  };
  let present: Set<string>;
  try {
    present = await list();
  } catch {
    return; // no lessons folder yet: no copies
  }
  let carried = false;
  for (const lesson of ctx.model.lessons) {
    if (formerLessonPaths(course, lesson).some(p => present.has(p))) {
      carried =
        (await carryOverFormerCopies(ctx, lesson)).length > 0 || carried;
    }
  }
  if (carried) {
    try {
      present = await list();
    } catch {
      return;
    }
  }
  for (const lesson of ctx.model.lessons) {
    if (!present.has(lessonPath(course, lesson))) {
      continue;
    }
    try {
      await checkLessonCopy(ctx, lesson);
    } catch (reason) {
      console.warn(
        `asyncio-lab: could not compare lesson ${lesson.id} with the shipped version`,
        reason
      );
    }
  }
}

/**
 * Check each lesson copy the learner opens (at the lesson's own path; one
 * opened at a former file name of its lesson is carried over first, and the
 * open notebook follows it); call `onStale` with the lessons found stale.
 */
export function watchStaleCopies(
  ctx: ICourseContext,
  tracker: INotebookTracker,
  onStale: (lesson: ILesson) => void
): void {
  const { model } = ctx;
  tracker.widgetAdded.connect((_, notebook) => {
    void notebook.context.ready.then(async () => {
      const lessonId = lessonIdFromMetadata(notebook.context.model.metadata);
      const lesson = lessonId ? model.lesson(lessonId) : undefined;
      if (lesson && isFormerPath(ctx, lesson, notebook.context.path)) {
        await carryOverFormerCopies(ctx, lesson);
      }
      if (
        !lesson ||
        notebook.isDisposed ||
        notebook.context.path !== lessonPath(model.course, lesson)
      ) {
        return;
      }
      const copy = notebook.context.model.toJSON();
      if (await checkLessonCopy(ctx, lesson, copy)) {
        onStale(lesson);
      }
    });
  });
}
