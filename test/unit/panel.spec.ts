import { CommandRegistry } from '@lumino/commands';
import { Widget } from '@lumino/widgets';
import { CommandIDs } from '../../src/tokens';
import { ICourse } from '../../src/course/manifest';
import { CourseModel } from '../../src/course/model';
import { LessonPanel } from '../../src/ui/panel';

const course: ICourse = {
  version: 1,
  id: 'test',
  title: 'Test course',
  lessonsDirectory: 'lessons',
  lessons: [1, 2].map(n => ({
    id: `lesson-${n}`,
    number: n,
    file: `l${n}.ipynb`,
    title: `Lesson ${n}`,
    summary: `Summary ${n}`,
    objectives: [`Objective ${n}`],
    minutes: 5 * n,
    exercises: [{ id: `lesson-${n}.first`, title: `Exercise ${n}` }]
  }))
};

describe('LessonPanel', () => {
  let panel: LessonPanel;
  let ran: [string, unknown][];
  let model: CourseModel;

  beforeEach(() => {
    ran = [];
    model = new CourseModel(course);
    const commands = new CommandRegistry();
    for (const id of Object.values(CommandIDs)) {
      commands.addCommand(id, {
        label: id,
        execute: args => {
          ran.push([id, args]);
        }
      });
    }
    panel = new LessonPanel({ model, commands });
    Widget.attach(panel, document.body);
  });

  afterEach(() => {
    panel.dispose();
  });

  it('is a labelled region listing every lesson', () => {
    expect(panel.node.getAttribute('role')).toBe('region');
    expect(panel.node.getAttribute('aria-label')).toBe('asyncio lessons');
    const lessons = panel.node.querySelectorAll('.jp-AsyncioLab-Panel-lesson');
    expect(lessons).toHaveLength(2);
    expect(lessons[1].textContent).toContain('Lesson 2');
    expect(lessons[1].textContent).toContain('Objective 2');
    expect(lessons[1].textContent).toContain(
      '10 min · 0 of 1 exercises passed'
    );
  });

  it('groups lessons under their parts and names what a lesson builds on', () => {
    const parted: ICourse = {
      ...course,
      parts: [
        { id: 'one', title: 'Part one', summary: 'The basics' },
        { id: 'two', title: 'Part two', summary: 'In practice' }
      ],
      lessons: course.lessons.map((l, i) => ({
        ...l,
        part: i ? 'two' : 'one',
        prerequisites: i ? ['lesson-1'] : undefined
      }))
    };
    const other = new LessonPanel({
      model: new CourseModel(parted),
      commands: new CommandRegistry()
    });
    Widget.attach(other, document.body);
    try {
      const parts = other.node.querySelectorAll('.jp-AsyncioLab-Panel-part');
      expect([...parts].map(p => p.getAttribute('data-part'))).toEqual([
        'one',
        'two'
      ]);
      const list = parts[1].querySelector('ol')!;
      const heading = parts[1].querySelector('h3')!;
      expect(heading.textContent).toBe('Part two');
      expect(list.getAttribute('aria-labelledby')).toBe(heading.id);
      expect(
        [...list.querySelectorAll('[data-lesson]')].map(l =>
          l.getAttribute('data-lesson')
        )
      ).toEqual(['lesson-2']);
      expect(
        list.querySelector('.jp-AsyncioLab-Panel-prerequisites')!.textContent
      ).toBe('Builds on: lesson 1 (Lesson 1)');
      expect(
        parts[0].querySelector('.jp-AsyncioLab-Panel-prerequisites')
      ).toBeNull();
    } finally {
      other.dispose();
    }
  });

  it('opens a lesson from its button', () => {
    const button = panel.node.querySelector(
      '[data-lesson="lesson-2"] button'
    ) as HTMLButtonElement;
    button.click();
    expect(ran).toEqual([[CommandIDs.openLesson, { id: 'lesson-2' }]]);
  });

  it('asks for hints and solutions per exercise', () => {
    const buttons = panel.node.querySelectorAll(
      '[data-exercise="lesson-1.first"] button'
    );
    expect(Array.from(buttons).map(b => b.textContent)).toEqual([
      'Hint',
      'Solution'
    ]);
    (buttons[0] as HTMLButtonElement).click();
    (buttons[1] as HTMLButtonElement).click();
    expect(ran).toEqual([
      [CommandIDs.showHint, { exercise: 'lesson-1.first' }],
      [CommandIDs.showSolution, { exercise: 'lesson-1.first' }]
    ]);
  });

  it('has toolbar buttons for moving between lessons and progress', () => {
    const names = Array.from(panel.toolbar.names());
    expect(names).toEqual([
      'previous',
      'next',
      'reset',
      'summary',
      'export',
      'import',
      'preflight'
    ]);
  });

  it('marks an exercise once its check passes', () => {
    const row = () =>
      panel.node.querySelector(
        '[data-exercise="lesson-1.first"]'
      ) as HTMLElement;
    expect(row().dataset.status).toBe('untried');
    model.recordCheck({
      version: 1,
      exercise: 'lesson-1.first',
      title: 'x',
      passed: false,
      checks: [],
      error: null
    });
    expect(row().dataset.status).toBe('tried');
    model.recordCheck({
      version: 1,
      exercise: 'lesson-1.first',
      title: 'x',
      passed: true,
      checks: [],
      error: null
    });
    expect(row().dataset.status).toBe('passed');
    expect(row().textContent).toContain('passed');
    expect(panel.node.textContent).toContain('1 of 1 exercises passed');
  });

  it('shows instructor notes only in instructor mode', () => {
    const withNotes = new CourseModel(
      course,
      new Map([['lesson-1', 'Pause for questions.']])
    );
    const p = new LessonPanel({
      model: withNotes,
      commands: new CommandRegistry()
    });
    Widget.attach(p, document.body);
    expect(p.node.querySelector('.jp-AsyncioLab-Panel-notes')).toBeNull();
    withNotes.instructorMode = true;
    expect(
      p.node.querySelector('.jp-AsyncioLab-Panel-notes')!.textContent
    ).toBe('Pause for questions.');
    p.dispose();
  });

  it('filters lessons by what they teach', () => {
    const input = panel.node.querySelector(
      'input[type="search"]'
    ) as HTMLInputElement;
    input.value = 'objective 2';
    input.dispatchEvent(new Event('input'));
    const lessons = panel.node.querySelectorAll('.jp-AsyncioLab-Panel-lesson');
    expect(
      Array.from(lessons).map(l => (l as HTMLElement).dataset.lesson)
    ).toEqual(['lesson-2']);
    input.value = 'nothing like this';
    input.dispatchEvent(new Event('input'));
    expect(
      panel.node.querySelector('.jp-AsyncioLab-Panel-empty')!.textContent
    ).toBe('No lesson matches "nothing like this".');
  });

  it('highlights the active lesson', () => {
    model.activeLessonId = 'lesson-2';
    const active = panel.node.querySelectorAll('.jp-mod-active');
    expect(active).toHaveLength(1);
    expect((active[0] as HTMLElement).dataset.lesson).toBe('lesson-2');
    expect(active[0].getAttribute('aria-current')).toBe('true');
  });

  it('flags a lesson whose copy is older, with update and keep actions', () => {
    const notice = () =>
      panel.node.querySelector(
        '[data-lesson="lesson-1"] .jp-AsyncioLab-Panel-stale'
      );
    expect(notice()).toBeNull();
    model.setStale('lesson-1', true);
    expect(notice()?.getAttribute('role')).toBe('status');
    expect(notice()?.textContent).toContain('older version');
    expect(
      panel.node.querySelector(
        '[data-lesson="lesson-2"] .jp-AsyncioLab-Panel-stale'
      )
    ).toBeNull();
    const buttons = notice()!.querySelectorAll('button');
    expect(Array.from(buttons).map(b => b.textContent)).toEqual([
      'Update…',
      'Keep mine'
    ]);
    buttons[0].click();
    buttons[1].click();
    expect(ran).toEqual([
      [CommandIDs.resetLesson, { id: 'lesson-1' }],
      [CommandIDs.keepLessonCopy, { id: 'lesson-1' }]
    ]);
    model.setStale('lesson-1', false);
    expect(notice()).toBeNull();
  });
});
