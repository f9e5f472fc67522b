import {
  IKeyValue,
  IStoredProgress,
  PROGRESS_FORMAT,
  ProgressError,
  ProgressStorage,
  mergeProgress,
  migrateProgress,
  validateProgress
} from '../../src/progress';
import { diffLines, diffNotebooks } from '../../src/diff';
import { HOSTILE } from './render';

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
      { ...stored(), exercises: { [HOSTILE[0]]: { status: HOSTILE[1] } } },
      { ...stored(), __proto__: { polluted: true } }
    ]) {
      try {
        migrateProgress(bad, 'asyncio-lab');
      } catch (e) {
        expect(e).toBeInstanceOf(ProgressError);
      }
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
