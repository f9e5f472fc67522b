/**
 * What the learner can do from the panel and the command palette: move
 * between lessons, ask for a hint or the solution, reset a lesson, see,
 * export and import progress. The plugin file wires these to commands.
 */
import { Dialog, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import {
  INotebookTracker,
  NotebookActions,
  NotebookPanel
} from '@jupyterlab/notebook';
import { ITranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { ILesson, isStaleCopy, lessonPath } from '../course/manifest';
import { shippedNotebook, shippedRevision } from '../course/shipped';
import { diffNotebooks } from './diff';
import { el } from '../ui/dom';
import { CourseModel } from '../course/model';
import {
  IStoredProgress,
  PROGRESS_FORMAT,
  PROGRESS_SCHEMA,
  ProgressError,
  mergeProgress,
  migrateProgress
} from '../course/progress';

type Trans = ReturnType<ITranslator['load']>;

export interface IActionContext {
  model: CourseModel;
  docManager: IDocumentManager;
  tracker: INotebookTracker | null;
  trans: Trans;
}

/** Snapshot of the model in the stored/exported format. */
export function currentProgress(model: CourseModel): IStoredProgress {
  const progress: IStoredProgress = {
    format: PROGRESS_FORMAT,
    schema: PROGRESS_SCHEMA,
    course: model.course.id,
    updated: new Date().toISOString(),
    exercises: model.exercises()
  };
  if (model.cleared) {
    progress.cleared = model.cleared;
  }
  return progress;
}

/** The notebook panel showing a lesson, if one is open. */
export function panelOfLesson(
  ctx: IActionContext,
  lesson: ILesson
): NotebookPanel | null {
  const path = lessonPath(ctx.model.course, lesson);
  return ctx.tracker?.find(p => p.context.path === path) ?? null;
}

/**
 * Add a cell running a line magic (`%hint id`, `%solution id`) below the
 * exercise cell of the open lesson, and run it: the answer shows where the
 * learner is working, on any kernel.
 */
export async function runMagicBelowExercise(
  ctx: IActionContext,
  exerciseId: string,
  code: string
): Promise<void> {
  const lesson = ctx.model.lessonOfExercise(exerciseId);
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
    const meta = cells.get(i).getMetadata('asyncio_lab') as
      { exercise?: string } | undefined;
    if (meta?.exercise === exerciseId) {
      index = i;
    }
  }
  notebook.activeCellIndex = index >= 0 ? index : notebook.activeCellIndex;
  NotebookActions.insertBelow(notebook);
  notebook.activeCell?.model.sharedModel.setSource(code);
  await NotebookActions.run(notebook, panel.sessionContext);
}

/** Ask before showing a solution; resolves true when the learner agrees. */
export async function confirmSolution(
  trans: Trans,
  title: string
): Promise<boolean> {
  const result = await showDialog({
    title: trans.__('Show the solution?'),
    body: trans.__(
      'The reference solution of "%1" will be shown below the exercise. Trying a hint first usually teaches more.',
      title
    ),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Not yet') }),
      Dialog.okButton({ label: trans.__('Show it') })
    ]
  });
  return result.button.accept;
}

/**
 * Reset a lesson to the shipped notebook: show what the learner changed, ask,
 * keep their copy as a backup, then restore (and reload it if it is open).
 */
export async function resetLesson(
  ctx: IActionContext,
  lesson: ILesson
): Promise<boolean> {
  const { trans, docManager } = ctx;
  const contents = docManager.services.contents;
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
  const changes = copy ? diffNotebooks(shipped, copy) : [];
  const body = new Widget();
  body.addClass('jp-AsyncioLab-ResetDialog');
  if (copy && ctx.model.isStale(lesson.id)) {
    body.node.appendChild(
      el(
        'p',
        trans.__(
          'Your copy was made from an older version of this lesson; resetting brings in the current version.'
        )
      )
    );
  }
  if (!copy) {
    body.node.appendChild(
      el(
        'p',
        trans.__(
          'There is no copy of this lesson yet: it will be created from the course.'
        )
      )
    );
  } else if (!changes.length) {
    body.node.appendChild(
      el(
        'p',
        trans.__(
          'Your copy has no changes to its cells (outputs will be cleared).'
        )
      )
    );
  } else {
    body.node.appendChild(
      el(
        'p',
        trans._n(
          'You changed %1 cell. Your copy will be kept as a backup:',
          'You changed %1 cells. Your copy will be kept as a backup:',
          changes.length
        )
      )
    );
    const pre = el(
      'pre',
      changes
        .map(
          c =>
            `${trans.__('Cell %1 (%2, %3)', c.cell, c.cellType, c.kind)}\n${c.lines.join('\n')}`
        )
        .join('\n\n'),
      'jp-AsyncioLab-Diff'
    );
    pre.setAttribute('aria-label', trans.__('Your changes'));
    body.node.appendChild(pre);
  }
  const answer = await showDialog({
    title: trans.__('Reset lesson %1: %2?', lesson.number, lesson.title),
    body,
    buttons: [
      Dialog.cancelButton(),
      Dialog.warnButton({ label: trans.__('Reset lesson') })
    ]
  });
  if (!answer.button.accept) {
    return false;
  }
  if (copy) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const dir = PathExt.join(PathExt.dirname(path), 'backups');
    await ensureDirectory(contents, dir);
    await contents.save(
      PathExt.join(dir, `${PathExt.basename(path, '.ipynb')}-${stamp}.ipynb`),
      {
        type: 'notebook',
        format: 'json',
        content: copy
      }
    );
  }
  await ensureDirectory(contents, PathExt.dirname(path));
  await contents.save(path, {
    type: 'notebook',
    format: 'json',
    content: shipped
  });
  if (panel && !panel.isDisposed) {
    await panel.context.revert();
  }
  ctx.model.setStale(lesson.id, false);
  return true;
}

/**
 * Compare the learner's copy of a lesson (on the server, or in the browser's
 * storage on the site) with the shipped version and record in the model
 * whether it is stale. A lesson without a copy is not stale. Returns the
 * answer, or null when the copy could not be read.
 */
export async function checkLessonCopy(
  ctx: IActionContext,
  lesson: ILesson,
  copy?: unknown
): Promise<boolean | null> {
  if (copy === undefined) {
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
  ctx: IActionContext,
  lesson: ILesson
): Promise<void> {
  const revision = await shippedRevision(lesson);
  const panel = panelOfLesson(ctx, lesson);
  if (panel && !panel.isDisposed && panel.context.model) {
    const ours = (panel.context.model.getMetadata('asyncio_lab') ??
      {}) as Record<string, unknown>;
    panel.context.model.setMetadata('asyncio_lab', { ...ours, revision });
    await panel.context.save();
  } else {
    const contents = ctx.docManager.services.contents;
    const path = lessonPath(ctx.model.course, lesson);
    const copy = (await contents.get(path, { content: true })).content;
    const metadata = { ...(copy.metadata ?? {}) };
    metadata.asyncio_lab = { ...(metadata.asyncio_lab ?? {}), revision };
    await contents.save(path, {
      type: 'notebook',
      format: 'json',
      content: { ...copy, metadata }
    });
  }
  ctx.model.setStale(lesson.id, false);
}

export async function ensureDirectory(
  contents: IDocumentManager['services']['contents'],
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

/** Download the progress as a JSON file. */
export function exportProgress(model: CourseModel): string {
  const name = `asyncio-lab-progress-${new Date().toISOString().slice(0, 10)}.json`;
  const blob = new Blob([JSON.stringify(currentProgress(model), null, 2)], {
    type: 'application/json'
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/**
 * Read an exported progress file, validate it, ask, and merge it in.
 * Returns what happened, for the caller to report.
 */
export async function importProgressText(
  model: CourseModel,
  text: string,
  trans: Trans
): Promise<'imported' | 'cancelled'> {
  if (text.length > 5_000_000) {
    throw new ProgressError(
      trans.__(
        'the file is larger than any progress file (%1 bytes)',
        text.length
      )
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ProgressError(
      trans.__('the file is not JSON (%1)', (error as Error).message)
    );
  }
  const incoming = migrateProgress(data, model.course.id);
  const mine = currentProgress(model);
  const merged = mergeProgress(mine, incoming);
  const known = Object.keys(incoming.exercises).filter(id =>
    model.lessonOfExercise(id)
  );
  const passed = known.filter(
    id => incoming.exercises[id].status === 'passed'
  ).length;
  const answer = await showDialog({
    title: trans.__('Import progress?'),
    body: trans.__(
      'The file records %1 exercises of this course (%2 passed). They are merged with your progress: an exercise you passed stays passed.',
      known.length,
      passed
    ),
    buttons: [
      Dialog.cancelButton(),
      Dialog.okButton({ label: trans.__('Import') })
    ]
  });
  if (!answer.button.accept) {
    return 'cancelled';
  }
  model.restore(merged.exercises);
  return 'imported';
}

/** Let the learner pick a file; resolves with its text or null. */
export function pickFile(
  accept = '.json,application/json'
): Promise<string | null> {
  return new Promise(resolve => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) {
        resolve(null);
        return;
      }
      file.text().then(resolve, () => resolve(null));
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** A summary a learner can show an instructor: per lesson, what is passed. */
export function summaryWidget(model: CourseModel, trans: Trans): Widget {
  const widget = new Widget();
  widget.addClass('jp-AsyncioLab-Summary');
  const table = document.createElement('table');
  const head = document.createElement('tr');
  for (const h of [
    trans.__('Lesson'),
    trans.__('Passed'),
    trans.__('Attempts')
  ]) {
    head.appendChild(el('th', h));
  }
  table.appendChild(head);
  let passed = 0;
  let total = 0;
  for (const lesson of model.lessons) {
    const row = document.createElement('tr');
    const p = model.passedCount(lesson);
    const attempts = lesson.exercises.reduce(
      (n, e) => n + model.progress(e.id).attempts,
      0
    );
    passed += p;
    total += lesson.exercises.length;
    row.appendChild(el('td', `${lesson.number}. ${lesson.title}`));
    row.appendChild(el('td', `${p} / ${lesson.exercises.length}`));
    row.appendChild(el('td', String(attempts)));
    table.appendChild(row);
  }
  widget.node.appendChild(
    el('p', trans.__('%1 of %2 exercises passed.', passed, total))
  );
  widget.node.appendChild(table);
  return widget;
}
