import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { CommandToolbarButton, SidePanel } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { ILesson, IPart } from '../course/manifest';
import { CourseModel, ExerciseStatus } from '../course/model';
import { CommandIDs } from '../tokens';
import { el } from './dom';
import { DOMAIN, Trans } from './translation';

const CLASS = 'jp-AsyncioLab-Panel';

/**
 * The lesson panel: the course outline, each lesson with its objectives and
 * the state of its exercises. It renders only while visible.
 */
export class LessonPanel extends SidePanel {
  constructor(options: LessonPanel.IOptions) {
    const translator = options.translator ?? nullTranslator;
    super({ translator });
    this.model = options.model;
    this._t = translator.load(DOMAIN);
    this._commands = options.commands;
    this.id = 'asyncio-lab-lessons';
    this.addClass(CLASS);
    this.title.caption = this._t.__('asyncio lessons');
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', this._t.__('asyncio lessons'));

    const heading = new Widget({ node: document.createElement('h2') });
    heading.addClass(`${CLASS}-title`);
    heading.node.textContent = this.model.course.title;
    this.header.addWidget(heading);
    for (const [name, command] of [
      ['previous', CommandIDs.previousLesson],
      ['next', CommandIDs.nextLesson],
      ['reset', CommandIDs.resetLesson],
      ['summary', CommandIDs.showSummary],
      ['export', CommandIDs.exportProgress],
      ['import', CommandIDs.importProgress],
      ['preflight', CommandIDs.preflight]
    ]) {
      if (this._commands.hasCommand(command)) {
        this.toolbar.addItem(
          name,
          new CommandToolbarButton({
            commands: this._commands,
            id: command,
            label: ''
          })
        );
      }
    }

    const filter = document.createElement('input');
    filter.type = 'search';
    filter.className = `${CLASS}-filter jp-mod-styled`;
    filter.placeholder = this._t.__('Filter lessons');
    filter.setAttribute(
      'aria-label',
      this._t.__('Filter lessons by title, objective or exercise')
    );
    filter.addEventListener('input', () => {
      this._filter = filter.value.trim().toLowerCase();
      this._render();
    });
    this.header.addWidget(new Widget({ node: filter }));

    this._outline = new Widget({ node: document.createElement('ol') });
    this._outline.addClass(`${CLASS}-outline`);
    this._outline.node.setAttribute('aria-label', this._t.__('Lessons'));
    this.addWidget(this._outline);
    this.model.changed.connect(this._onModelChanged, this);
  }

  readonly model: CourseModel;

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.changed.disconnect(this._onModelChanged, this);
    super.dispose();
  }

  protected onBeforeShow(msg: Message): void {
    super.onBeforeShow(msg);
    if (this._stale) {
      this._render();
    }
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._render();
  }

  private _onModelChanged(): void {
    if (this.isVisible) {
      this._render();
    } else {
      this._stale = true;
    }
  }

  private _render(): void {
    this._stale = false;
    const list = this._outline.node;
    list.textContent = '';
    const shown = this.model.lessons.filter(lesson => this._matches(lesson));
    const parts = this.model.course.parts ?? [];
    if (parts.length) {
      for (const part of parts) {
        const lessons = shown.filter(lesson => lesson.part === part.id);
        if (lessons.length) {
          list.appendChild(this._renderPart(part, lessons));
        }
      }
    } else {
      for (const lesson of shown) {
        list.appendChild(this._renderLesson(lesson));
      }
    }
    if (!shown.length) {
      list.appendChild(
        el(
          'li',
          this._t.__('No lesson matches "%1".', this._filter),
          `${CLASS}-empty`
        )
      );
    }
  }

  private _matches(lesson: ILesson): boolean {
    if (!this._filter) {
      return true;
    }
    const text = [
      lesson.title,
      lesson.summary,
      String(lesson.number),
      ...lesson.objectives,
      ...lesson.exercises.map(e => e.title)
    ]
      .join('\n')
      .toLowerCase();
    return text.includes(this._filter);
  }

  /** A part of the course: its heading, summary and its lessons' list. */
  private _renderPart(part: IPart, lessons: ILesson[]): HTMLElement {
    const item = document.createElement('li');
    item.className = `${CLASS}-part`;
    item.dataset.part = part.id;
    const heading = el('h3', part.title, `${CLASS}-partTitle`);
    heading.id = `${this.id}-part-${part.id}`;
    item.appendChild(heading);
    item.appendChild(el('p', part.summary, `${CLASS}-partSummary`));
    const list = document.createElement('ol');
    list.className = `${CLASS}-partLessons`;
    list.setAttribute('aria-labelledby', heading.id);
    for (const lesson of lessons) {
      list.appendChild(this._renderLesson(lesson));
    }
    item.appendChild(list);
    return item;
  }

  private _renderLesson(lesson: ILesson): HTMLElement {
    const trans = this._t;
    const item = document.createElement('li');
    item.className = `${CLASS}-lesson`;
    item.dataset.lesson = lesson.id;
    const active = this.model.activeLessonId === lesson.id;
    item.classList.toggle('jp-mod-active', active);
    if (active) {
      item.setAttribute('aria-current', 'true');
    }

    const open = document.createElement('button');
    open.className = `${CLASS}-open jp-Button jp-mod-minimal`;
    open.type = 'button';
    const number = el('span', String(lesson.number), `${CLASS}-number`);
    number.setAttribute('aria-hidden', 'true');
    open.appendChild(number);
    open.appendChild(el('span', lesson.title, `${CLASS}-lessonTitle`));
    open.title = trans.__('Open lesson %1: %2', lesson.number, lesson.title);
    open.addEventListener('click', () => {
      void this._commands.execute(CommandIDs.openLesson, { id: lesson.id });
    });
    item.appendChild(open);

    const passed = this.model.passedCount(lesson);
    const meta = el(
      'p',
      trans.__(
        '%1 min · %2 of %3 exercises passed',
        lesson.minutes,
        passed,
        lesson.exercises.length
      ),
      `${CLASS}-meta`
    );
    item.appendChild(meta);
    if (this.model.isStale(lesson.id)) {
      item.appendChild(this._renderStale(lesson));
    }
    item.appendChild(el('p', lesson.summary, `${CLASS}-summary`));
    const before = (lesson.prerequisites ?? [])
      .map(id => this.model.lesson(id))
      .filter((l): l is ILesson => !!l);
    if (before.length) {
      const needs = el(
        'p',
        trans.__(
          'Builds on: %1',
          before
            .map(l => trans.__('lesson %1 (%2)', l.number, l.title))
            .join(', ')
        ),
        `${CLASS}-prerequisites`
      );
      item.appendChild(needs);
    }
    const notes = this.model.notes(lesson.id);
    if (notes) {
      const aside = el('p', notes, `${CLASS}-notes`);
      aside.setAttribute('aria-label', trans.__('Instructor notes'));
      aside.setAttribute('role', 'note');
      item.appendChild(aside);
    }

    const objectives = document.createElement('ul');
    objectives.className = `${CLASS}-objectives`;
    objectives.setAttribute('aria-label', trans.__('Objectives'));
    for (const objective of lesson.objectives) {
      objectives.appendChild(el('li', objective, ''));
    }
    item.appendChild(objectives);

    if (lesson.exercises.length) {
      const exercises = document.createElement('ul');
      exercises.className = `${CLASS}-exercises`;
      exercises.setAttribute('aria-label', trans.__('Exercises'));
      for (const exercise of lesson.exercises) {
        const status = this.model.progress(exercise.id).status;
        const row = document.createElement('li');
        row.className = `${CLASS}-exercise jp-mod-${status}`;
        row.dataset.exercise = exercise.id;
        row.dataset.status = status;
        const mark = el('span', Private.marks[status], `${CLASS}-mark`);
        mark.setAttribute('aria-hidden', 'true');
        row.appendChild(mark);
        row.appendChild(el('span', exercise.title, `${CLASS}-exerciseTitle`));
        row.appendChild(
          el('span', Private.statusLabel(trans, status), 'jp-AsyncioLab-srOnly')
        );
        row.title = Private.statusLabel(trans, status);
        for (const [label, command, caption] of [
          [
            trans.__('Hint'),
            CommandIDs.showHint,
            trans.__('Next hint for %1', exercise.title)
          ],
          [
            trans.__('Solution'),
            CommandIDs.showSolution,
            trans.__('Solution of %1', exercise.title)
          ]
        ]) {
          row.appendChild(
            this._commandButton(
              `${CLASS}-exerciseAction`,
              label,
              caption,
              command,
              {
                exercise: exercise.id
              }
            )
          );
        }
        exercises.appendChild(row);
      }
      item.appendChild(exercises);
    }
    return item;
  }

  /** The notice on a lesson whose copy is older than the shipped lesson. */
  private _renderStale(lesson: ILesson): HTMLElement {
    const trans = this._t;
    const notice = el(
      'p',
      trans.__('Your copy is from an older version of this lesson.'),
      `${CLASS}-stale`
    );
    notice.setAttribute('role', 'status');
    for (const [label, command, caption] of [
      [
        trans.__('Update…'),
        CommandIDs.resetLesson,
        trans.__(
          'Update lesson %1 to the new version (your copy is kept as a backup)',
          lesson.number
        )
      ],
      [
        trans.__('Keep mine'),
        CommandIDs.keepLessonCopy,
        trans.__('Keep your copy of lesson %1 as it is', lesson.number)
      ]
    ]) {
      notice.appendChild(
        this._commandButton(`${CLASS}-staleAction`, label, caption, command, {
          id: lesson.id
        })
      );
    }
    return notice;
  }

  /** A small text button that runs a command; its caption is its label for screen readers. */
  private _commandButton(
    className: string,
    label: string,
    caption: string,
    command: string,
    args: ReadonlyPartialJSONObject
  ): HTMLButtonElement {
    const button = el(
      'button',
      label,
      `${className} jp-Button jp-mod-minimal`
    ) as HTMLButtonElement;
    button.type = 'button';
    button.title = caption;
    button.setAttribute('aria-label', caption);
    button.addEventListener('click', () => {
      void this._commands.execute(command, args);
    });
    return button;
  }

  private _commands: CommandRegistry;
  private _outline: Widget;
  private _filter = '';
  private _stale = true;
  private _t: Trans;
}

export namespace LessonPanel {
  export interface IOptions {
    model: CourseModel;
    /** Runs the course commands (open lesson, hint, solution, ...). */
    commands: CommandRegistry;
    translator?: ITranslator;
  }
}

namespace Private {
  export const marks: Record<ExerciseStatus, string> = {
    untried: '○',
    tried: '◐',
    passed: '✓'
  };

  export function statusLabel(trans: Trans, status: ExerciseStatus): string {
    switch (status) {
      case 'passed':
        return trans.__('passed');
      case 'tried':
        return trans.__('tried, not passed yet');
      default:
        return trans.__('not tried');
    }
  }
}
