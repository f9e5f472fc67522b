/**
 * The course's dialogs: each asks the learner one question (or shows one
 * summary) and resolves with the answer. Strings from lessons go in as text.
 */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';
import { ILesson } from '../course/manifest';
import { CourseModel } from '../course/model';
import { ICellChange } from '../notebooks/diff';
import { el } from './dom';
import { Trans } from './translation';

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
 * Ask before resetting a lesson, showing what the learner changed in their
 * copy (which is kept as a backup); resolves true when they agree.
 */
export async function confirmReset(
  trans: Trans,
  lesson: ILesson,
  copy: {
    /** Whether the learner has a copy of the lesson. */
    hasCopy: boolean;
    /** Whether that copy was made from an older version of the lesson. */
    stale: boolean;
    /** What they changed in it. */
    changes: ICellChange[];
  }
): Promise<boolean> {
  const { hasCopy, stale, changes } = copy;
  const body = new Widget();
  body.addClass('jp-AsyncioLab-ResetDialog');
  if (stale) {
    body.node.appendChild(
      el(
        'p',
        trans.__(
          'Your copy was made from an older version of this lesson; resetting brings in the current version.'
        )
      )
    );
  }
  if (!hasCopy) {
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
  return answer.button.accept;
}

/**
 * Ask before merging an imported progress file that records `known`
 * exercises of the course, `passed` of them passed.
 */
export async function confirmImport(
  trans: Trans,
  known: number,
  passed: number
): Promise<boolean> {
  const answer = await showDialog({
    title: trans.__('Import progress?'),
    body: trans.__(
      'The file records %1 exercises of this course (%2 passed). They are merged with your progress: an exercise you passed stays passed.',
      known,
      passed
    ),
    buttons: [
      Dialog.cancelButton(),
      Dialog.okButton({ label: trans.__('Import') })
    ]
  });
  return answer.button.accept;
}

/** Ask before clearing the learner's progress. */
export async function confirmClear(trans: Trans): Promise<boolean> {
  const answer = await showDialog({
    title: trans.__('Clear your progress?'),
    body: trans.__(
      'Every exercise goes back to "not tried" in this browser (and in the JupyterLab workspace). A copy is kept in this browser\'s storage; Export Progress first to take it with you.'
    ),
    buttons: [
      Dialog.cancelButton(),
      Dialog.warnButton({ label: trans.__('Clear') })
    ]
  });
  return answer.button.accept;
}

/** Show the progress summary in a dialog. */
export function showSummary(
  model: CourseModel,
  trans: Trans
): Promise<Dialog.IResult<unknown>> {
  return showDialog({
    title: trans.__('Your progress in %1', model.course.title),
    body: summaryWidget(model, trans),
    buttons: [Dialog.okButton({ label: trans.__('Close') })]
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
