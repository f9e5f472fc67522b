/**
 * Ids that move keep working (`formerly` in course.json): progress saved
 * under the course's current layout carries over to a new layout in which an
 * exercise moved to another lesson and a lesson was renamed, through every
 * way progress is read (the browser's storage, the state database's copy, an
 * imported file), with nothing lost and both copies merged when both exist.
 *
 * The progress file is in today's exact export format
 * (fixtures/progress-schema-2.json, checked against `currentProgress`); the
 * move is synthetic, made on the shipped course.json: exercise
 * `loops-and-threads.offload` moves to a new lesson `threads` as
 * `threads.offload`, and lesson `udp` is renamed `datagrams` (its exercises
 * with it).
 */
import * as fs from 'fs';
import * as path from 'path';
import { StateDB } from '@jupyterlab/statedb';
import { nullTranslator } from '@jupyterlab/translation';
import {
  ICourse,
  applyWorkshop,
  formerIds,
  parseCourse,
  validateCourse,
  validateWorkshop
} from '../../src/course/manifest';
import {
  CourseModel,
  IExerciseProgress,
  moveProgress
} from '../../src/course/model';
import {
  IStoredProgress,
  currentProgress,
  migrateProgress
} from '../../src/course/progress';
import {
  IKeyValue,
  ProgressStorage,
  StateProgressMirror
} from '../../src/course/storage';
import { ProgressSync } from '../../src/course/sync';
import { importProgressText } from '../../src/commands/progress';
import { DOMAIN } from '../../src/ui/translation';

const root = path.resolve(__dirname, '..', '..');
const fixture = path.join(__dirname, 'fixtures', 'progress-schema-2.json');
const fixtureText = fs.readFileSync(fixture, 'utf8');
const saved = (): IStoredProgress => JSON.parse(fixtureText);
const shipped = (): ICourse =>
  JSON.parse(
    fs.readFileSync(path.join(root, 'notebooks', 'course.json'), 'utf8')
  );
const KEY = 'asyncio-lab:progress:asyncio-lab';
const OLD = 'loops-and-threads.offload';
const NEW = 'threads.offload';

class MemoryStore implements IKeyValue {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.has(key) ? this.data.get(key)! : null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

/** The shipped course with the synthetic move applied. */
function movedCourse(): ICourse {
  const course = shipped();
  const lessons = course.lessons;
  const from = lessons.find(l => l.id === 'loops-and-threads')!;
  const offload = from.exercises.find(e => e.id === OLD)!;
  from.exercises = from.exercises.filter(e => e !== offload);
  const at = lessons.indexOf(from) + 1;
  lessons.splice(at, 0, {
    ...from,
    id: 'threads',
    number: from.number,
    file: '05b-threads.ipynb',
    title: 'Threads',
    exercises: [{ ...offload, id: NEW, formerly: [OLD] }]
  });
  const udp = lessons.find(l => l.id === 'udp')!;
  udp.id = 'datagrams';
  udp.formerly = ['udp'];
  udp.exercises = udp.exercises.map(e => ({
    ...e,
    id: e.id.replace(/^udp\./, 'datagrams.'),
    formerly: [e.id]
  }));
  return parseCourse(course);
}

/** Resolves at the model's next progress change (the state database's merge). */
const nextChange = (model: CourseModel) =>
  new Promise<void>(resolve => {
    const once = () => {
      model.progressChanged.disconnect(once);
      resolve();
    };
    model.progressChanged.connect(once);
  });

describe('the progress file of the current layout', () => {
  it('is in the exact format the current code exports', () => {
    const model = new CourseModel(shipped());
    const file = migrateProgress(saved(), 'asyncio-lab');
    model.restore(file.exercises);
    const exported = { ...currentProgress(model), updated: file.updated };
    expect(JSON.stringify(exported, null, 2) + '\n').toBe(fixtureText);
    for (const id of Object.keys(file.exercises)) {
      expect(model.lessonOfExercise(id)).toBeDefined();
    }
  });
});

describe('a course layout with moved ids', () => {
  it('is valid, and says where each former id went', () => {
    const course = movedCourse();
    expect(validateCourse(course)).toEqual([]);
    const former = formerIds(course);
    expect([...former.exercises]).toEqual([
      [OLD, NEW],
      ['udp.ack-counter', 'datagrams.ack-counter'],
      ['udp.ask', 'datagrams.ask']
    ]);
    expect([...former.lessons]).toEqual([['udp', 'datagrams']]);
  });

  it('refuses former ids that are current, claimed twice, malformed or its own', () => {
    const course = movedCourse() as any;
    const index = (id: string) =>
      course.lessons.findIndex((l: any) => l.id === id);
    const first = course.lessons[1];
    const own = first.exercises[0].id;
    first.exercises[0].formerly = [OLD, 'datagrams.ask', 'Not_An_Id', own];
    first.formerly = ['udp', 'threads', 7];
    course.lessons[index('welcome')].formerly = 'loops';
    const threads = `lessons[${index('threads')}]`;
    const datagrams = `lessons[${index('datagrams')}]`;
    expect(validateCourse(course)).toEqual([
      'lessons[0].formerly: must be a list of earlier lesson ids',
      'lessons[1].formerly[2]: must be a lesson id (found 7)',
      'lessons[1].exercises[0].formerly[2]: must be an exercise id (found "Not_An_Id")',
      `lessons[1].exercises[0].formerly[3]: "${own}" is this exercise's own id`,
      `${threads}.exercises[0].formerly[0]: "${OLD}" is claimed twice (also by lessons[1].exercises[0].formerly[0])`,
      `${datagrams}.formerly[0]: "udp" is claimed twice (also by lessons[1].formerly[0])`,
      'lessons[1].formerly[1]: "threads" is a current lesson id, not a former one',
      'lessons[1].exercises[0].formerly[1]: "datagrams.ask" is a current exercise id, not a former one'
    ]);
  });
});

describe('progress saved under the current layout, read by the new one', () => {
  const before = saved().exercises;
  /** What the fixture holds, with the moved ids under their new names. */
  const expected = (): Record<string, IExerciseProgress> => {
    const out: Record<string, IExerciseProgress> = {};
    for (const [id, entry] of Object.entries(before)) {
      const to = id === OLD ? NEW : id.replace(/^udp\./, 'datagrams.');
      out[to] = entry;
    }
    return out;
  };

  it("the browser's storage: every entry under its new id, attempts, status and time kept", () => {
    const model = new CourseModel(movedCourse());
    const store = new MemoryStore();
    store.setItem(KEY, fixtureText);
    const problems: unknown[] = [];
    new ProgressSync({
      model,
      storage: new ProgressStorage(store, 'asyncio-lab'),
      onUnreadable: p => problems.push(p)
    }).start();
    expect(problems).toEqual([]);
    expect(model.exercises()).toEqual(expected());
    expect(model.progress(NEW)).toEqual({
      status: 'passed',
      attempts: 3,
      lastChecked: '2026-11-20T20:47:33.451Z'
    });
    const threads = model.lesson('threads')!;
    expect(model.passedCount(threads)).toBe(1);
    expect(model.lessonOfExercise(OLD)).toBe(threads);
    // The next change saves the new layout only.
    model.recordCheck(
      { exercise: 'datagrams.ack-counter', passed: true } as any,
      new Date('2026-12-01T10:00:00.000Z')
    );
    const stored = JSON.parse(store.getItem(KEY)!);
    expect(Object.keys(stored.exercises).sort()).toEqual(
      Object.keys(expected()).sort()
    );
    expect(stored.exercises['datagrams.ack-counter']).toEqual({
      status: 'passed',
      attempts: 3,
      lastChecked: '2026-12-01T10:00:00.000Z'
    });
  });

  it("the state database's copy in the old layout merges into the browser's in the new one", async () => {
    const model = new CourseModel(movedCourse());
    const store = new MemoryStore();
    // The browser already has the new layout, with later checks of NEW.
    const browser: IStoredProgress = {
      ...saved(),
      updated: '2026-12-02T00:00:00.000Z',
      exercises: {
        [NEW]: {
          status: 'tried',
          attempts: 5,
          lastChecked: '2026-12-02T00:00:00.000Z'
        }
      }
    };
    store.setItem(KEY, JSON.stringify(browser));
    const state = new StateDB();
    await state.save(KEY, saved() as any);
    new ProgressSync({
      model,
      storage: new ProgressStorage(store, 'asyncio-lab'),
      mirror: new StateProgressMirror(state, 'asyncio-lab'),
      onUnreadable: () => {
        throw new Error('nothing is unreadable');
      }
    }).start();
    // The browser's copy is restored at once; the state database's later.
    await nextChange(model);
    // Passed in the old copy stays passed; the larger count; the later check.
    expect(model.progress(NEW)).toEqual({
      status: 'passed',
      attempts: 5,
      lastChecked: '2026-12-02T00:00:00.000Z'
    });
    expect(model.exercises()).toEqual({
      ...expected(),
      [NEW]: model.progress(NEW)
    });
    expect(model.exercises()[OLD]).toBeUndefined();
  });

  it('an exported file of the old layout imports into the new one', async () => {
    const model = new CourseModel(movedCourse());
    const trans = nullTranslator.load(DOMAIN);
    const result = importProgressText(model, fixtureText, trans);
    let button: HTMLElement | null = null;
    for (let i = 0; i < 200 && !button; i++) {
      await new Promise(resolve => requestAnimationFrame(resolve));
      button = document.querySelector('.jp-Dialog .jp-mod-accept');
    }
    const body = document.querySelector('.jp-Dialog-body')!.textContent!;
    button!.click();
    expect(await result).toBe('imported');
    document.body.textContent = '';
    // Every entry of the file is known to the new course: 7 results, 4 passed.
    expect(body).toMatch(/records 7 exercises of this course \(4 passed\)/);
    expect(model.exercises()).toEqual(expected());
  });

  it('both ids present: merged into the new one, never counted twice', () => {
    const moves = formerIds(movedCourse()).exercises;
    const both = {
      [OLD]: {
        status: 'passed' as const,
        attempts: 3,
        lastChecked: '2026-11-20T20:47:33.451Z'
      },
      [NEW]: {
        status: 'tried' as const,
        attempts: 1,
        lastChecked: '2026-12-05T08:00:00.000Z'
      },
      'gone-lesson.kept': {
        status: 'tried' as const,
        attempts: 1,
        lastChecked: null
      }
    };
    const input = JSON.parse(JSON.stringify(both));
    for (const order of [
      both,
      Object.fromEntries(Object.entries(both).reverse())
    ]) {
      expect(moveProgress(order, moves)).toEqual({
        [NEW]: {
          status: 'passed',
          attempts: 3,
          lastChecked: '2026-12-05T08:00:00.000Z'
        },
        'gone-lesson.kept': both['gone-lesson.kept']
      });
    }
    expect(both).toEqual(input); // not changed
  });

  it('a check reported under the former id counts for the new one', () => {
    const model = new CourseModel(movedCourse());
    expect(
      model.recordCheck({ exercise: OLD, passed: true } as any, new Date(0))
    ).toBe(true);
    expect(model.exercises()).toEqual({
      [NEW]: {
        status: 'passed',
        attempts: 1,
        lastChecked: '1970-01-01T00:00:00.000Z'
      }
    });
  });
});

describe('a renamed lesson', () => {
  it("an old copy's metadata still names its lesson", () => {
    const model = new CourseModel(movedCourse());
    expect(model.lesson('udp')).toBe(model.lesson('datagrams'));
    expect(model.lesson('udp')!.id).toBe('datagrams');
    model.activeLessonId = 'udp';
    expect(model.activeLessonId).toBe('datagrams');
    expect(model.lesson('no-such-lesson')).toBeUndefined();
  });

  it('a workshop plan may still use the former id', () => {
    const course = movedCourse();
    const plan = {
      version: 1,
      lessons: [{ id: 'udp', minutes: 50 }, { id: 'welcome' }],
      notes: { udp: 'Old note.' }
    };
    expect(validateWorkshop(plan, course)).toEqual([]);
    const { course: planned, notes } = applyWorkshop(course, plan);
    expect(planned.lessons.map(l => [l.id, l.minutes])).toEqual([
      ['datagrams', 50],
      ['welcome', 6]
    ]);
    expect(notes.get('datagrams')).toBe('Old note.');
    // A note under the current id wins over one under the former id.
    expect(
      applyWorkshop(course, {
        version: 1,
        notes: { datagrams: 'New note.', udp: 'Old note.' }
      }).notes.get('datagrams')
    ).toBe('New note.');
    expect(
      validateWorkshop(
        { version: 1, lessons: [{ id: 'datagrams' }, { id: 'udp' }] },
        course
      )
    ).toEqual(['lessons[1].id: "udp" (now "datagrams") is listed twice']);
  });
});
