/**
 * Copies at a lesson's former file names (`formerFiles` in course.json: a
 * renumbering renamed the lesson's notebook, or a split gave the old file to
 * the lesson that continues it). A learner's copy at a former path becomes
 * the lesson's copy at its current path, and nothing the learner wrote is
 * lost: when the current path already holds a copy of their own, the old
 * copy goes to the backups folder instead and the learner is told.
 */
import { PathExt } from '@jupyterlab/coreutils';
import {
  ILesson,
  formerLessonPaths,
  lessonPath,
  lessonRevision
} from '../course/manifest';
import { shippedRevision } from '../course/shipped';
import { notifyFormerCopyKept } from '../ui/notices';
import {
  Contents,
  ICourseContext,
  backupPath,
  ensureDirectory,
  panelOfLesson
} from './context';

/** What became of one copy at a former path. */
export interface ICarriedCopy {
  /** Where the copy was. */
  from: string;
  /** Where it is now: the lesson's path, or a backup. */
  to: string;
  /** Whether it became the lesson's copy (else it was kept as a backup). */
  moved: boolean;
}

/**
 * Per course context, per lesson: the carry-over done (or under way) this
 * session. After it, no copy is left at a former path, so looking once is
 * enough; a failed carry-over is tried again the next time.
 */
const done = new WeakMap<
  ICourseContext,
  Map<string, Promise<ICarriedCopy[]>>
>();

/**
 * Carry a lesson's copies at its former paths over to its current path (see
 * the module's comment). Call it before a lesson's copy is looked up; it
 * returns at once for a lesson without `formerFiles`, and looks at the
 * former paths only once a session. Resolves to what was carried (empty
 * when there was nothing); a failure is logged, never thrown, and leaves
 * every copy where it was.
 */
export function carryOverFormerCopies(
  ctx: ICourseContext,
  lesson: ILesson
): Promise<ICarriedCopy[]> {
  if (!lesson.formerFiles?.length) {
    return Promise.resolve([]);
  }
  let lessons = done.get(ctx);
  if (!lessons) {
    lessons = new Map();
    done.set(ctx, lessons);
  }
  const known = lessons.get(lesson.id);
  if (known) {
    return known;
  }
  const started = Private.carryOver(ctx, lesson).catch(reason => {
    lessons.delete(lesson.id);
    console.warn(
      `asyncio-lab: could not carry the copy of lesson ${lesson.id} over from its former file`,
      reason
    );
    return [];
  });
  lessons.set(lesson.id, started);
  return started;
}

/** Whether a path is one of a lesson's former paths. */
export function isFormerPath(
  ctx: ICourseContext,
  lesson: ILesson,
  path: string
): boolean {
  return formerLessonPaths(ctx.model.course, lesson).includes(path);
}

namespace Private {
  export async function carryOver(
    ctx: ICourseContext,
    lesson: ILesson
  ): Promise<ICarriedCopy[]> {
    const contents = ctx.docManager.services.contents;
    const path = lessonPath(ctx.model.course, lesson);
    const carried: ICarriedCopy[] = [];
    let revision: string | null = null;
    for (const former of formerLessonPaths(ctx.model.course, lesson)) {
      if (!(await exists(contents, former))) {
        continue;
      }
      revision ??= await shippedRevision(lesson);
      if (await hasOwnCopy(ctx, lesson, path, revision)) {
        // Both are the learner's: keep the current one where it is and the
        // old one beside the reset's backups, and say where it went.
        const backup = backupPath(path, PathExt.basename(former));
        await ensureDirectory(contents, PathExt.dirname(backup));
        await contents.rename(former, backup);
        notifyFormerCopyKept(ctx.trans, lesson, { from: former, backup });
        carried.push({ from: former, to: backup, moved: false });
      } else {
        // A panel showing the shipped version at the current path (taken
        // before the move: a panel open at the former path follows the
        // rename, unsaved changes and all) shows the learner's copy after.
        const shown = panelOfLesson(ctx, lesson);
        await moveOver(contents, former, path);
        if (shown && !shown.isDisposed) {
          await shown.context.revert();
        }
        carried.push({ from: former, to: path, moved: true });
      }
    }
    return carried;
  }

  async function exists(contents: Contents, path: string): Promise<boolean> {
    try {
      await contents.get(path, { content: false });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Whether the lesson's current path holds a copy of the learner's own: a
   * notebook whose cells differ from the shipped ones (on the site, a path
   * the learner never saved serves the shipped file, which is not theirs),
   * or an open panel with unsaved changes.
   */
  async function hasOwnCopy(
    ctx: ICourseContext,
    lesson: ILesson,
    path: string,
    revision: string
  ): Promise<boolean> {
    const panel = panelOfLesson(ctx, lesson);
    if (panel && !panel.isDisposed && panel.context.model?.dirty) {
      return true;
    }
    let copy: unknown;
    try {
      copy = (
        await ctx.docManager.services.contents.get(path, { content: true })
      ).content;
    } catch {
      return false;
    }
    return lessonRevision(copy) !== revision;
  }

  /**
   * Rename `from` to `to`, over a copy at `to` that is not the learner's
   * own. The site's browser drive renames over a shipped (or stored) file;
   * a Jupyter server refuses to rename over a file, so that copy (the
   * shipped version, nothing of the learner's) is deleted first.
   */
  async function moveOver(
    contents: Contents,
    from: string,
    to: string
  ): Promise<void> {
    await ensureDirectory(contents, PathExt.dirname(to));
    try {
      await contents.rename(from, to);
    } catch (reason) {
      if (!(await exists(contents, to))) {
        throw reason;
      }
      await contents.delete(to);
      await contents.rename(from, to);
    }
  }
}
