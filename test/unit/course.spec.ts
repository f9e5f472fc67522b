import * as fs from 'fs';
import * as path from 'path';
import {
  EXERCISE_ID_PATTERN,
  applyWorkshop,
  validateWorkshop,
  isExerciseId,
  lessonIdFromMetadata,
  lessonPath,
  parseCourse,
  validateCourse,
  validateLessonNotebook
} from '../../src/course';
import { shippedCourse } from '../../src/data';

const root = path.resolve(__dirname, '..', '..');
const manifest = () =>
  JSON.parse(
    fs.readFileSync(path.join(root, 'notebooks', 'course.json'), 'utf8')
  );

describe('course manifest', () => {
  it('ships a valid manifest', () => {
    expect(validateCourse(manifest())).toEqual([]);
    expect(shippedCourse().lessons.length).toBeGreaterThan(0);
  });

  it('ships every lesson notebook, valid and without outputs', () => {
    const course = parseCourse(manifest());
    for (const lesson of course.lessons) {
      const file = path.join(root, 'notebooks', lesson.file);
      expect(fs.existsSync(file)).toBe(true);
      const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(validateLessonNotebook(nb, lesson)).toEqual([]);
    }
  });

  it('names every problem with its place', () => {
    const bad = manifest();
    bad.version = 7;
    bad.lessons[0].minutes = -1;
    bad.lessons[0].file = '../escape.ipynb';
    bad.lessons.push({ ...bad.lessons[0] });
    const errors = validateCourse(bad);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^version: must be 1/),
        expect.stringMatching(/^lessons\[0\]\.minutes:/),
        expect.stringMatching(/^lessons\[0\]\.file:/),
        expect.stringMatching(/^lessons\[\d+\]\.id: duplicate lesson id/)
      ])
    );
  });

  it('rejects what is not a manifest at all', () => {
    expect(validateCourse(null)).toEqual(['manifest: must be a JSON object']);
    expect(validateCourse([])).toEqual(['manifest: must be a JSON object']);
    expect(validateCourse({ version: 1 })).toEqual(
      expect.arrayContaining(['lessons: must be a non-empty list'])
    );
    expect(() => parseCourse({}, 'notebooks/course.json')).toThrow(
      /notebooks\/course\.json is not a valid course manifest/
    );
  });

  it('checks exercise ids against their lesson', () => {
    const bad = manifest();
    bad.lessons[0].exercises = [
      { id: 'Not An Id', title: 'x' },
      { id: 'other-lesson.thing', title: 'y' }
    ];
    const errors = validateCourse(bad);
    expect(
      errors.some(e =>
        e.startsWith('lessons[0].exercises[0].id: must look like')
      )
    ).toBe(true);
    expect(errors.some(e => e.includes('must start with the lesson id'))).toBe(
      true
    );
  });

  it('agrees with the Python package on the exercise id format', () => {
    const ids = fs.readFileSync(
      path.join(root, 'python', 'asyncio_lab', 'ids.py'),
      'utf8'
    );
    expect(ids).toContain(EXERCISE_ID_PATTERN);
    expect(isExerciseId('await-vs-create-task.start-early')).toBe(true);
    expect(isExerciseId('await-vs-create-task')).toBe(false);
    expect(isExerciseId('A.b')).toBe(false);
  });

  it('finds lessons by notebook metadata and path', () => {
    expect(lessonIdFromMetadata({ asyncio_lab: { lesson: 'x' } })).toBe('x');
    expect(lessonIdFromMetadata({ kernelspec: {} })).toBeNull();
    expect(lessonIdFromMetadata(null)).toBeNull();
    const course = parseCourse(manifest());
    expect(lessonPath(course, course.lessons[0])).toBe(
      `${course.lessonsDirectory}/${course.lessons[0].file}`
    );
  });

  it('reports malformed notebooks', () => {
    expect(
      validateLessonNotebook({ nbformat: 3, cells: 'x', metadata: {} })
    ).toEqual(
      expect.arrayContaining([
        'nbformat: must be 4 (found 3)',
        'cells: must be a list'
      ])
    );
    const errors = validateLessonNotebook({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [{ cell_type: 'code', source: 1, outputs: [{}] }]
    });
    expect(errors).toEqual([
      'cells[0].source: must be a string or a list of strings',
      'cells[0].outputs: lessons are saved without outputs'
    ]);
  });
});

describe('workshop plan', () => {
  const course = () => parseCourse(manifest());

  it('ships a valid plan', () => {
    const plan = JSON.parse(
      fs.readFileSync(path.join(root, 'notebooks', 'workshop.json'), 'utf8')
    );
    expect(validateWorkshop(plan, course())).toEqual([]);
  });

  it('orders lessons, sets minutes and keeps notes', () => {
    const c = course();
    const id = c.lessons[0].id;
    const { course: planned, notes } = applyWorkshop(c, {
      version: 1,
      title: 'Friday workshop',
      lessons: [{ id, minutes: 40, notes: 'Pause here.' }]
    });
    expect(planned.title).toBe('Friday workshop');
    expect(planned.lessons.map(l => l.id)).toEqual([id]);
    expect(planned.lessons[0].minutes).toBe(40);
    expect(notes.get(id)).toBe('Pause here.');
    expect(applyWorkshop(c, { version: 1 }).course.lessons).toEqual(c.lessons);
  });

  it('names every problem', () => {
    const errors = validateWorkshop(
      {
        version: 2,
        lessons: [{ id: 'nope' }, { id: course().lessons[0].id, minutes: 0 }],
        notes: { ghost: 'x' }
      },
      course()
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        'version: must be 1 (found 2)',
        expect.stringMatching(/^notes\.ghost: not a lesson of the course/),
        expect.stringMatching(
          /^lessons\[0\]\.id: "nope" is not a lesson of the course/
        ),
        'lessons[1].minutes: must be a number of minutes between 1 and 600'
      ])
    );
  });
});
