import * as fs from 'fs';
import * as path from 'path';
import {
  EXERCISE_ID_PATTERN,
  applyWorkshop,
  copyRevision,
  isStaleCopy,
  lessonRevision,
  stampRevision,
  validateWorkshop,
  isExerciseId,
  lessonIdFromMetadata,
  lessonPath,
  parseCourse,
  validateCourse,
  validateLessonNotebook
} from '../../src/course/manifest';
import {
  shippedCourse,
  shippedNotebook,
  shippedRevision
} from '../../src/course/shipped';

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

  it('loads the shipped copy of every lesson the way the extension does', async () => {
    // The lesson notebooks are a dynamic import whose path is a template:
    // no import check sees it, so a move of shipped.ts must still find them.
    for (const lesson of shippedCourse().lessons) {
      const nb = await shippedNotebook(lesson);
      expect(validateLessonNotebook(nb, lesson)).toEqual([]);
      expect(copyRevision(nb)).toBe(await shippedRevision(lesson));
    }
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

  it('checks parts: every lesson in one, consecutive, none empty', () => {
    const bad = manifest();
    bad.parts = [
      { id: 'one', title: 'One', summary: 'First' },
      { id: 'two', title: 'Two', summary: 'Second' },
      { id: 'three', title: 'Three', summary: 'Unused' }
    ];
    bad.lessons.forEach((l: any, i: number) => {
      l.part = i % 2 ? 'two' : 'one';
    });
    bad.lessons[1].part = 'nowhere';
    const errors = validateCourse(bad);
    expect(errors).toContain(
      'lessons[1].part: must name one of the parts (one, two, three); found "nowhere"'
    );
    expect(
      errors.some(e =>
        e.startsWith(
          'lessons[4].part: "one" comes after a lesson of a later part'
        )
      )
    ).toBe(true);
    expect(errors).toContain('parts[2]: part "three" has no lesson');

    const none = manifest();
    delete none.parts;
    expect(validateCourse(none)).toContain(
      'lessons[0].part: names a part, but the course has no "parts"'
    );
  });

  it('checks prerequisites: ids of earlier lessons only', () => {
    const bad = manifest();
    bad.lessons[1].prerequisites = [bad.lessons[2].id, 'no-such-lesson'];
    bad.lessons[2].prerequisites = 'welcome';
    expect(validateCourse(bad)).toEqual([
      `lessons[1].prerequisites[0]: "${bad.lessons[2].id}" is not the id of an earlier lesson`,
      'lessons[1].prerequisites[1]: "no-such-lesson" is not the id of an earlier lesson',
      'lessons[2].prerequisites: must be a list of lesson ids'
    ]);
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

  it('runs the lessons of chosen parts, in course order', () => {
    const c = course();
    const first = c.parts![0].id;
    const plan = { version: 1, parts: [first] };
    expect(validateWorkshop(plan, c)).toEqual([]);
    const { course: run } = applyWorkshop(c, plan);
    expect(run.lessons.map(l => l.id)).toEqual(
      c.lessons.filter(l => l.part === first).map(l => l.id)
    );
    expect(
      validateWorkshop(
        { version: 1, parts: ['nowhere'], lessons: [{ id: 'welcome' }] },
        c
      )
    ).toEqual([
      'parts: give either "parts" or "lessons", not both',
      `parts[0]: "nowhere" is not a part of the course (known: ${c.parts!.map(p => p.id).join(', ')})`
    ]);
    expect(validateWorkshop({ version: 1, parts: [] }, c)).toEqual([
      'parts: must be a non-empty list of part ids'
    ]);
  });

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

describe('lesson revisions', () => {
  const lesson = () =>
    JSON.parse(
      fs.readFileSync(
        path.join(root, 'notebooks', shippedCourse().lessons[2].file),
        'utf8'
      )
    );

  it('is a stable hash of the cells, blind to outputs and notebook metadata', () => {
    const nb = lesson();
    const rev = lessonRevision(nb);
    expect(rev).toMatch(/^[0-9a-f]{16}$/);
    expect(lessonRevision(lesson())).toBe(rev);
    const run = lesson();
    run.metadata.kernelspec = { name: 'python', display_name: 'Pyodide' };
    run.cells.find((c: any) => c.cell_type === 'code').outputs = [
      { output_type: 'stream', name: 'stdout', text: 'hi' }
    ];
    run.cells.find((c: any) => c.cell_type === 'code').execution_count = 3;
    expect(lessonRevision(run)).toBe(rev);
    // a list source and the same text as one string are the same cell
    const joined = lesson();
    joined.cells = joined.cells.map((c: any) => ({
      ...c,
      source: Array.isArray(c.source) ? c.source.join('') : c.source
    }));
    expect(lessonRevision(joined)).toBe(rev);
  });

  it('changes with any cell text, cell type, order or exercise id', () => {
    const rev = lessonRevision(lesson());
    const edited = lesson();
    edited.cells[1].source = [...[].concat(edited.cells[1].source), ' '];
    expect(lessonRevision(edited)).not.toBe(rev);
    const retyped = lesson();
    retyped.cells[0].cell_type = 'raw';
    expect(lessonRevision(retyped)).not.toBe(rev);
    const swapped = lesson();
    [swapped.cells[0], swapped.cells[1]] = [swapped.cells[1], swapped.cells[0]];
    expect(lessonRevision(swapped)).not.toBe(rev);
    const renamed = lesson();
    const cell = renamed.cells.find(
      (c: any) => c.metadata?.asyncio_lab?.exercise
    );
    cell.metadata.asyncio_lab.exercise += 'x';
    expect(lessonRevision(renamed)).not.toBe(rev);
    const every = shippedCourse().lessons.map(l =>
      lessonRevision(
        JSON.parse(
          fs.readFileSync(path.join(root, 'notebooks', l.file), 'utf8')
        )
      )
    );
    expect(new Set(every).size).toBe(every.length);
  });

  it('is stamped into copies without changing the input', () => {
    const nb = lesson();
    const stamped = stampRevision(nb);
    expect(copyRevision(nb)).toBeNull();
    expect(copyRevision(stamped)).toBe(lessonRevision(nb));
    expect(stamped.metadata.asyncio_lab.lesson).toBe(
      nb.metadata.asyncio_lab.lesson
    );
    expect(lessonRevision(stamped)).toBe(lessonRevision(nb));
    expect(copyRevision({ metadata: { asyncio_lab: { revision: 7 } } })).toBe(
      null
    );
  });

  it('tells a copy of an older version from an edited copy of this one', () => {
    const shipped = lesson();
    const rev = lessonRevision(shipped);
    // untouched copy of this version, stamped or not
    expect(isStaleCopy(stampRevision(shipped), rev)).toBe(false);
    expect(isStaleCopy(lesson(), rev)).toBe(false);
    // the learner edits a copy of this version: still current
    const edited = stampRevision(lesson());
    edited.cells[1].source = 'my answer';
    expect(isStaleCopy(edited, rev)).toBe(false);
    // a copy made from an older version (another stamp), edited or not
    const older = lesson();
    older.cells[0].source = 'the old introduction';
    const olderCopy = stampRevision(older);
    expect(isStaleCopy(olderCopy, rev)).toBe(true);
    olderCopy.cells[1].source = 'my answer';
    expect(isStaleCopy(olderCopy, rev)).toBe(true);
    // an unstamped copy that differs may be older: reported
    expect(isStaleCopy(older, rev)).toBe(true);
  });
});
