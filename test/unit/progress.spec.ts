import {
  IStoredProgress,
  PROGRESS_FORMAT,
  ProgressError,
  currentProgress,
  mergeProgress,
  migrateProgress,
  validateProgress
} from '../../src/course/progress';
import {
  IKeyValue,
  ProgressStorage,
  StateProgressMirror
} from '../../src/course/storage';
import { diffLines, diffNotebooks } from '../../src/notebooks/diff';
import { importProgressText } from '../../src/commands/progress';
import { DOMAIN } from '../../src/ui/translation';
import { ICourse } from '../../src/course/manifest';
import { CourseModel } from '../../src/course/model';
import { showErrorMessage } from '@jupyterlab/apputils';
import { StateDB } from '@jupyterlab/statedb';
import { nullTranslator } from '@jupyterlab/translation';
import { HOSTILE, expectNoMarkup } from './render';

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

const stored = (
  exercises: IStoredProgress['exercises'] = {}
): IStoredProgress => ({
  format: PROGRESS_FORMAT,
  schema: 2,
  course: 'asyncio-lab',
  updated: '2026-01-01T00:00:00.000Z',
  exercises
});

describe('progress schema', () => {
  it('accepts current progress', () => {
    const p = stored({
      'a.b': {
        status: 'passed',
        attempts: 2,
        lastChecked: '2026-01-01T00:00:00.000Z'
      }
    });
    expect(migrateProgress(p, 'asyncio-lab')).toEqual(p);
  });

  it('migrates schema 1 (passed ids only)', () => {
    const p = migrateProgress(
      { version: 1, course: 'asyncio-lab', passed: ['x.y'] },
      'asyncio-lab'
    );
    expect(p.schema).toBe(2);
    expect(p.exercises['x.y']).toEqual({
      status: 'passed',
      attempts: 1,
      lastChecked: null
    });
  });

  it('names what is wrong', () => {
    expect(() => migrateProgress('[]', 'c')).toThrow(
      'progress must be a JSON object'
    );
    expect(() =>
      migrateProgress({ ...stored(), schema: 9 }, 'asyncio-lab')
    ).toThrow(/schema: 9 is newer than this version/);
    expect(() =>
      migrateProgress({ ...stored(), course: 'other' }, 'asyncio-lab')
    ).toThrow('this progress belongs to the course "other", not "asyncio-lab"');
    expect(() => migrateProgress({ version: 1, passed: 'x' }, 'c')).toThrow(
      ProgressError
    );
    const errors = validateProgress({
      ...stored(),
      exercises: {
        'a.b': { status: 'won', attempts: -1, lastChecked: 'yesterday' }
      }
    });
    expect(errors).toEqual([
      'exercises["a.b"].status: must be one of untried, tried, passed',
      'exercises["a.b"].attempts: must be a whole number',
      'exercises["a.b"].lastChecked: must be an ISO date or null'
    ]);
    expect(validateProgress({ format: 'zip' })[0]).toMatch(
      /^format: must be "asyncio-lab-progress"/
    );
  });

  it('rejects hostile or huge import files without throwing anything else', () => {
    const huge: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) {
      huge[`e${i}`] = { status: 'passed', attempts: 1, lastChecked: null };
    }
    for (const bad of [
      null,
      1,
      HOSTILE,
      { ...stored(), exercises: huge },
      { ...stored(), exercises: { [HOSTILE[0]]: { status: HOSTILE[1] } } }
    ]) {
      expect(() => migrateProgress(bad, 'asyncio-lab')).toThrow(ProgressError);
    }
    expect(({} as any).polluted).toBeUndefined();
  });

  it('merges: passed stays passed, the later check wins', () => {
    const a = stored({
      'a.b': {
        status: 'passed',
        attempts: 1,
        lastChecked: '2026-01-01T00:00:00.000Z'
      },
      'a.c': {
        status: 'tried',
        attempts: 3,
        lastChecked: '2026-01-02T00:00:00.000Z'
      }
    });
    const b = stored({
      'a.b': {
        status: 'tried',
        attempts: 4,
        lastChecked: '2026-02-01T00:00:00.000Z'
      },
      'a.d': { status: 'passed', attempts: 1, lastChecked: null }
    });
    const m = mergeProgress(a, b);
    expect(m.exercises['a.b']).toEqual({
      status: 'passed',
      attempts: 4,
      lastChecked: '2026-02-01T00:00:00.000Z'
    });
    expect(m.exercises['a.c'].status).toBe('tried');
    expect(m.exercises['a.d'].status).toBe('passed');
  });
});

describe('ProgressStorage', () => {
  it('round-trips', () => {
    const store = new MemoryStore();
    const storage = new ProgressStorage(store, 'asyncio-lab');
    expect(storage.load()).toEqual({ progress: null, problem: null });
    const p = stored({
      'a.b': { status: 'tried', attempts: 1, lastChecked: null }
    });
    storage.save(p);
    expect(new ProgressStorage(store, 'asyncio-lab').load().progress).toEqual(
      p
    );
  });

  it('keeps corrupt data aside and reports it, never dropping it', () => {
    const store = new MemoryStore();
    store.setItem(
      'asyncio-lab:progress:asyncio-lab',
      '{"format": "asyncio-lab-progress", "sch'
    );
    const result = new ProgressStorage(store, 'asyncio-lab').load();
    expect(result.progress).toBeNull();
    expect(result.problem!.message).toMatch(/JSON/);
    expect(result.problem!.keptAs).toMatch(
      /^asyncio-lab:progress:asyncio-lab:unreadable:/
    );
    expect(store.getItem(result.problem!.keptAs)).toBe(
      '{"format": "asyncio-lab-progress", "sch'
    );
    expect(store.getItem('asyncio-lab:progress:asyncio-lab')).toBeNull();
  });
});

describe('clearing progress', () => {
  it('sets a copy aside under its own key before anything is cleared', () => {
    const store = new MemoryStore();
    const storage = new ProgressStorage(store, 'asyncio-lab');
    const p = stored({
      'a.b': { status: 'passed', attempts: 2, lastChecked: null }
    });
    storage.save(p);
    const keptAs = storage.setAside(p);
    expect(keptAs).toMatch(/^asyncio-lab:progress:asyncio-lab:cleared:/);
    storage.save(stored());
    expect(JSON.parse(store.getItem(keptAs)!)).toEqual(p);
    expect(storage.load().progress!.exercises).toEqual({});
  });
});

describe('a clear wins over copies that have not seen it', () => {
  const before = {
    status: 'passed' as const,
    attempts: 1,
    lastChecked: '2026-01-01T10:00:00.000Z'
  };
  const after = {
    status: 'tried' as const,
    attempts: 1,
    lastChecked: '2026-01-01T12:00:00.000Z'
  };
  const cleared = {
    ...stored({ 'a.c': after }),
    cleared: '2026-01-01T11:00:00.000Z'
  };
  const stale = stored({
    'a.b': before,
    'a.c': before,
    'a.d': { ...after, status: 'passed' }
  });

  it("drops the stale copy's results from before the clear when synchronising", () => {
    for (const [x, y] of [
      [cleared, stale],
      [stale, cleared]
    ]) {
      const merged = mergeProgress(x, y, { honourClears: true });
      expect(merged.cleared).toBe(cleared.cleared);
      expect(Object.keys(merged.exercises).sort()).toEqual(['a.c', 'a.d']);
      expect(merged.exercises['a.c'].status).toBe('tried');
      expect(merged.exercises['a.d'].status).toBe('passed');
    }
  });

  it('keeps everything when importing (the learner asked for it back)', () => {
    const merged = mergeProgress(cleared, stale);
    expect(merged.exercises['a.b'].status).toBe('passed');
    expect(merged.exercises['a.c'].status).toBe('passed');
    expect(merged.cleared).toBe(cleared.cleared);
    // ... and what was imported then survives the next synchronisation
    const again = mergeProgress(merged, stale, { honourClears: true });
    expect(again.exercises['a.b'].status).toBe('passed');
  });

  it('validates the clear time', () => {
    expect(validateProgress({ ...stored(), cleared: 'yesterday' })).toEqual([
      'cleared: must be an ISO date'
    ]);
    expect(validateProgress(cleared)).toEqual([]);
  });
});

describe("progress in JupyterLab's state database", () => {
  const key = 'asyncio-lab:progress:asyncio-lab';

  it('saves and loads through a real StateDB', async () => {
    const state = new StateDB();
    const mirror = new StateProgressMirror(state, 'asyncio-lab');
    expect(await mirror.load()).toEqual({ progress: null, problem: null });
    const p = stored({
      'a.b': { status: 'passed', attempts: 1, lastChecked: null }
    });
    await mirror.save(p);
    expect(await state.fetch(key)).toEqual(p);
    expect(
      (await new StateProgressMirror(state, 'asyncio-lab').load()).progress
    ).toEqual(p);
  });

  it('keeps unreadable state aside and reports it', async () => {
    const state = new StateDB();
    await state.save(key, { format: 'something else', exercises: [] });
    const result = await new StateProgressMirror(state, 'asyncio-lab').load();
    expect(result.progress).toBeNull();
    expect(result.problem!.message).toMatch(/format/);
    expect(result.problem!.keptAs).toMatch(/:unreadable:/);
    expect(await state.fetch(result.problem!.keptAs)).toEqual({
      format: 'something else',
      exercises: []
    });
    expect(await state.fetch(key)).toBeUndefined();
  });

  it('merges with the browser copy without losing a pass from either', async () => {
    const state = new StateDB();
    const mirror = new StateProgressMirror(state, 'asyncio-lab');
    await mirror.save(
      stored({ 'a.b': { status: 'passed', attempts: 3, lastChecked: null } })
    );
    const browser = stored({
      'a.b': { status: 'tried', attempts: 1, lastChecked: null },
      'a.c': { status: 'passed', attempts: 1, lastChecked: null }
    });
    const merged = mergeProgress(browser, (await mirror.load()).progress!);
    expect(merged.exercises['a.b'].status).toBe('passed');
    expect(merged.exercises['a.b'].attempts).toBe(3);
    expect(merged.exercises['a.c'].status).toBe('passed');
  });
});

/**
 * Import files as a learner or an instructor might bring them: each row of
 * docs/bad-input.md about progress files. A rejected file changes nothing;
 * an accepted one leaves progress that saves and loads again.
 */
describe('importing a progress file', () => {
  const trans = nullTranslator.load(DOMAIN);
  const course: ICourse = {
    version: 1,
    id: 'asyncio-lab',
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
        minutes: 5,
        exercises: [
          { id: 'one.a', title: 'A' },
          { id: 'one.b', title: 'B' }
        ]
      }
    ]
  };
  const mine = {
    'one.a': {
      status: 'tried' as const,
      attempts: 2,
      lastChecked: '2026-01-01T00:00:00.000Z'
    }
  };
  let model: CourseModel;

  beforeEach(() => {
    model = new CourseModel(course);
    model.restore(mine);
  });

  afterEach(() => {
    document.body.textContent = '';
  });

  /** Import `text`; it must be refused with a ProgressError, changing nothing. */
  async function refused(text: string): Promise<string> {
    let error: unknown = null;
    try {
      await importProgressText(model, text, trans);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProgressError);
    expect(model.exercises()).toEqual(mine);
    expect(document.querySelector('.jp-Dialog')).toBeNull(); // never asked
    return (error as Error).message;
  }

  const file = (extra: Record<string, unknown>) =>
    JSON.stringify({ ...stored(), ...extra });

  /** Import `text`, pressing Import in the confirmation dialog. */
  async function accepted(text: string): Promise<string> {
    const result = importProgressText(model, text, trans);
    let button: HTMLElement | null = null;
    for (let i = 0; i < 200 && !button; i++) {
      await new Promise(resolve => requestAnimationFrame(resolve));
      button = document.querySelector('.jp-Dialog .jp-mod-accept');
    }
    const body = document.querySelector('.jp-Dialog-body')!.textContent!;
    button!.click();
    expect(await result).toBe('imported');
    return body;
  }

  /** What is saved after an import loads again without a problem. */
  function reloads(): void {
    const store = new MemoryStore();
    new ProgressStorage(store, 'asyncio-lab').save(currentProgress(model));
    const loaded = new ProgressStorage(store, 'asyncio-lab').load();
    expect(loaded.problem).toBeNull();
    expect(loaded.progress!.exercises).toEqual(model.exercises());
  }

  it('refuses a file that is not JSON', async () => {
    expect(await refused('{"format": "asyncio-lab-progress", ')).toMatch(
      /^the file is not JSON \(/
    );
    expect(await refused('')).toMatch(/^the file is not JSON/);
    expect(await refused('\u0000\u00ff binary')).toMatch(
      /^the file is not JSON/
    );
  });

  it('refuses a JSON file that is not progress', async () => {
    expect(await refused('[1, 2]')).toBe('progress must be a JSON object');
    expect(await refused('"text"')).toBe('progress must be a JSON object');
    expect(await refused(JSON.stringify({ cells: [] }))).toMatch(
      /^format: must be "asyncio-lab-progress" \(is this an asyncio-lab progress file\?\)/
    );
  });

  it('refuses an unknown or newer schema version', async () => {
    expect(await refused(file({ schema: 3 }))).toBe(
      'schema: 3 is newer than this version of asyncio-lab understands (2); update the course'
    );
    expect(await refused(file({ schema: 0 }))).toBe(
      'schema: 0 is not a known schema'
    );
    expect(await refused(file({ schema: '2' }))).toBe('schema: missing');
    expect(await refused(file({ course: 'another-course' }))).toBe(
      'this progress belongs to the course "another-course", not "asyncio-lab"'
    );
  });

  it('refuses a huge file before reading it', async () => {
    const huge = file({}).replace('{', `{"padding": "${'x'.repeat(6e6)}",`);
    const started = Date.now();
    expect(await refused(huge)).toBe(
      `the file is larger than any progress file (${huge.length} bytes)`
    );
    expect(Date.now() - started).toBeLessThan(1000);
    const many: Record<string, unknown> = {};
    for (let i = 0; i < 10_001; i++) {
      many[`one.e${i}`] = { status: 'passed', attempts: 1, lastChecked: null };
    }
    expect(await refused(file({ exercises: many }))).toBe(
      'exercises: too many entries'
    );
  });

  it('refuses prototype-pollution keys, and pollutes nothing', async () => {
    for (const key of [
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty'
    ]) {
      const text = `{"format": "asyncio-lab-progress", "schema": 2, "course": "asyncio-lab", "updated": "2026-01-01T00:00:00.000Z", "exercises": {"${key}": {"status": "passed", "attempts": 1, "lastChecked": null, "polluted": true}}}`;
      expect(await refused(text)).toBe(
        `exercises["${key}"]: not an exercise id ("<lesson-id>.<name>")`
      );
    }
    // A __proto__ inside a well-formed entry or at the top is ignored data.
    const nested = `{"format": "asyncio-lab-progress", "schema": 2, "course": "asyncio-lab", "updated": "2026-01-01T00:00:00.000Z", "__proto__": {"polluted": true}, "exercises": {"one.b": {"status": "passed", "attempts": 1, "lastChecked": null, "__proto__": {"polluted": true}}}}`;
    await accepted(nested);
    expect(({} as any).polluted).toBeUndefined();
    expect((Object.prototype as any).polluted).toBeUndefined();
    expect(model.progress('one.b').status).toBe('passed');
    expect(model.progress('one.a')).toEqual(mine['one.a']);
    reloads();
  });

  it('refuses wrong types, naming each field', async () => {
    const message = await refused(
      file({
        updated: 5,
        exercises: {
          'one.a': { status: 5, attempts: '3', lastChecked: 123 },
          'one.b': 'passed'
        }
      })
    );
    expect(message.split('; ')).toEqual([
      'updated: must be an ISO date',
      'exercises["one.a"].status: must be one of untried, tried, passed',
      'exercises["one.a"].attempts: must be a whole number',
      'exercises["one.a"].lastChecked: must be an ISO date or null',
      'exercises["one.b"]: must be an object'
    ]);
    expect(await refused(file({ exercises: [] }))).toBe(
      'exercises: must be an object'
    );
    expect(
      await refused(
        file({
          exercises: {
            'one.a': { status: 'passed', attempts: 1.5, lastChecked: null }
          }
        })
      )
    ).toBe('exercises["one.a"].attempts: must be a whole number');
  });

  it('keeps exercises the course does not list, and counts only its own', async () => {
    const body = await accepted(
      file({
        exercises: {
          'one.a': {
            status: 'passed',
            attempts: 1,
            lastChecked: '2026-02-01T00:00:00.000Z'
          },
          'retired-lesson.old': {
            status: 'passed',
            attempts: 4,
            lastChecked: null
          }
        }
      })
    );
    expect(body).toContain(
      'The file records 1 exercises of this course (1 passed)'
    );
    expect(model.progress('one.a')).toEqual({
      status: 'passed',
      attempts: 2,
      lastChecked: '2026-02-01T00:00:00.000Z'
    });
    expect(model.exercises()['retired-lesson.old'].attempts).toBe(4);
    reloads();
  });

  it('shows HTML in a file as text', async () => {
    const messages = [
      await refused(file({ course: HOSTILE[0] })),
      await refused(
        file({
          exercises: { [HOSTILE[1]]: { status: HOSTILE[2], attempts: 1 } }
        })
      ),
      await refused(HOSTILE[4])
    ];
    expect(messages[0]).toContain(HOSTILE[0]);
    expect(messages[1]).toContain('not an exercise id');
    // What the Import Progress command shows with the message.
    for (const message of messages) {
      void showErrorMessage('This file cannot be imported', message);
      let body: Element | null = null;
      for (let i = 0; i < 200 && !body; i++) {
        await new Promise(resolve => requestAnimationFrame(resolve));
        body = document.querySelector('.jp-Dialog-body');
      }
      expect(body!.textContent).toContain(message);
      expectNoMarkup(document.body);
      (
        document.querySelector('.jp-Dialog .jp-Dialog-button') as HTMLElement
      ).click();
      document.body.textContent = '';
    }
  });
});

describe('notebook diff', () => {
  it('shows changed lines of changed cells only', () => {
    const original = {
      cells: [
        { cell_type: 'code', source: ['a = 1\n', 'b = 2'] },
        { cell_type: 'markdown', source: 'x' }
      ]
    };
    const copy = {
      cells: [
        { cell_type: 'code', source: 'a = 1\nb = 3', outputs: [{}] },
        { cell_type: 'markdown', source: 'x' },
        { cell_type: 'code', source: 'new()' }
      ]
    };
    expect(diffNotebooks(original, copy)).toEqual([
      {
        cell: 1,
        kind: 'changed',
        cellType: 'code',
        lines: ['  a = 1', '- b = 2', '+ b = 3']
      },
      { cell: 3, kind: 'added', cellType: 'code', lines: ['+ new()'] }
    ]);
    expect(diffNotebooks(copy, original)[1]).toEqual({
      cell: 3,
      kind: 'removed',
      cellType: 'code',
      lines: ['- new()']
    });
    expect(diffNotebooks(original, original)).toEqual([]);
    expect(diffLines('a\nb\nc', 'a\nc')).toEqual(['  a', '- b', '  c']);
  });
});
