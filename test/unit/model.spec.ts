import { ICourse } from '../../src/course/manifest';
import { ICheckResult } from '../../src/mime';
import { CourseModel } from '../../src/course/model';

const course: ICourse = {
  version: 1,
  id: 'test',
  title: 'Test course',
  lessonsDirectory: 'lessons',
  lessons: [
    {
      id: 'one',
      number: 1,
      file: 'one.ipynb',
      title: 'One',
      summary: 's',
      objectives: ['o'],
      minutes: 10,
      exercises: [
        { id: 'one.a', title: 'A' },
        { id: 'one.b', title: 'B' }
      ]
    }
  ]
};

const result = (exercise: string, passed: boolean): ICheckResult => ({
  version: 1,
  exercise,
  title: exercise,
  passed,
  checks: [],
  error: null
});

describe('CourseModel', () => {
  it('starts with every exercise untried', () => {
    const model = new CourseModel(course);
    expect(model.progress('one.a')).toEqual({
      status: 'untried',
      attempts: 0,
      lastChecked: null
    });
    expect(model.passedCount(course.lessons[0])).toBe(0);
  });

  it('records attempts, and a pass stays a pass', () => {
    const model = new CourseModel(course);
    let changes = 0;
    model.changed.connect(() => changes++);
    const when = new Date('2026-01-02T03:04:05Z');
    expect(model.recordCheck(result('one.a', false), when)).toBe(true);
    expect(model.progress('one.a')).toEqual({
      status: 'tried',
      attempts: 1,
      lastChecked: '2026-01-02T03:04:05.000Z'
    });
    model.recordCheck(result('one.a', true));
    model.recordCheck(result('one.a', false));
    expect(model.progress('one.a').status).toBe('passed');
    expect(model.progress('one.a').attempts).toBe(3);
    expect(model.passedCount(course.lessons[0])).toBe(1);
    expect(changes).toBe(3);
  });

  it('ignores exercises the course does not list', () => {
    const model = new CourseModel(course);
    let changes = 0;
    model.changed.connect(() => changes++);
    expect(model.recordCheck(result('two.a', true))).toBe(false);
    expect(changes).toBe(0);
  });

  it('tracks the active lesson', () => {
    const model = new CourseModel(course);
    let changes = 0;
    model.changed.connect(() => changes++);
    model.activeLessonId = 'one';
    model.activeLessonId = 'one';
    expect(model.activeLessonId).toBe('one');
    expect(changes).toBe(1);
    expect(model.lessonOfExercise('one.b')?.id).toBe('one');
  });

  it('restores stored progress, keeping exercises the course no longer lists', () => {
    const model = new CourseModel(course);
    model.restore({
      'one.a': { status: 'passed', attempts: 1, lastChecked: null },
      'gone.x': { status: 'tried', attempts: 2, lastChecked: null }
    });
    expect(model.passedCount(course.lessons[0])).toBe(1);
    expect(Object.keys(model.exercises())).toEqual(['one.a', 'gone.x']);
  });

  it('finds the next and previous lesson', () => {
    const model = new CourseModel(course);
    expect(model.neighbour(null, 1)?.id).toBe('one');
    expect(model.neighbour('one', 1)).toBeNull();
    expect(model.neighbour('one', -1)).toBeNull();
  });

  it('records which lessons have stale copies, signalling only changes', () => {
    const model = new CourseModel(course);
    let changes = 0;
    model.changed.connect(() => changes++);
    expect(model.isStale('one')).toBe(false);
    model.setStale('one', true);
    model.setStale('one', true);
    expect(model.isStale('one')).toBe(true);
    expect(changes).toBe(1);
    model.setStale('one', false);
    expect(model.isStale('one')).toBe(false);
    expect(changes).toBe(2);
  });
});
