/**
 * Where the learner's progress is kept: the browser's storage, and a second
 * copy in JupyterLab's state database. Both keep data they cannot read aside
 * under another key instead of dropping it. No DOM here.
 */
import { IStoredProgress, migrateProgress } from './progress';

/** A key-value store: `window.localStorage` or a test double. */
export interface IKeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Stored data that could not be read, and the key it was kept under. */
export interface IProgressProblem {
  message: string;
  keptAs: string;
}

export interface ILoadResult {
  progress: IStoredProgress | null;
  /** Set when stored data could not be read; it was kept under `keptAs`. */
  problem: IProgressProblem | null;
}

/**
 * Progress in the browser's storage, one key per course. Writes are
 * synchronous, so a crash or a closed tab loses nothing already recorded.
 */
export class ProgressStorage {
  constructor(
    private _store: IKeyValue,
    readonly course: string
  ) {}

  get key(): string {
    return Private.key(this.course);
  }

  load(): ILoadResult {
    let raw: string | null;
    try {
      raw = this._store.getItem(this.key);
    } catch (error) {
      return Private.notReadable('storage', error);
    }
    if (raw === null) {
      return Private.nothing();
    }
    try {
      return Private.read(JSON.parse(raw), this.course);
    } catch (error) {
      const keptAs = Private.asideKey(this.key);
      try {
        this._store.setItem(keptAs, raw);
        this._store.removeItem(this.key);
      } catch {
        // Could not move it: leave it where it is rather than lose it.
        return Private.unreadable(error, this.key);
      }
      return Private.unreadable(error, keptAs);
    }
  }

  save(progress: IStoredProgress): void {
    this._store.setItem(this.key, JSON.stringify(progress));
  }

  /**
   * Keep a copy of `progress` under another key (before it is cleared), and
   * return that key: clearing forgets nothing for good.
   */
  setAside(progress: IStoredProgress): string {
    const keptAs = `${this.key}:cleared:${new Date().toISOString()}`;
    this._store.setItem(keptAs, JSON.stringify(progress));
    return keptAs;
  }
}

/** The part of JupyterLab's state database (`IStateDB`) the mirror uses. */
export interface IJSONStateStore {
  fetch(id: string): Promise<unknown>;
  save(id: string, value: any): Promise<void>;
  remove(id: string): Promise<void>;
}

/**
 * A second copy of the progress in JupyterLab's state database: on a Jupyter
 * server it lives in the workspace, so it outlives this browser's storage (a
 * new browser, cleared site data); on the site it is the browser's too.
 * Unreadable data is kept aside under another key, as in ProgressStorage.
 */
export class StateProgressMirror {
  constructor(
    private _state: IJSONStateStore,
    readonly course: string
  ) {}

  get key(): string {
    return Private.key(this.course);
  }

  async load(): Promise<ILoadResult> {
    let raw: unknown;
    try {
      raw = await this._state.fetch(this.key);
    } catch (error) {
      return Private.notReadable('state', error);
    }
    if (raw === undefined || raw === null) {
      return Private.nothing();
    }
    try {
      return Private.read(raw, this.course);
    } catch (error) {
      const keptAs = Private.asideKey(this.key);
      try {
        await this._state.save(keptAs, raw);
        await this._state.remove(this.key);
      } catch {
        return Private.unreadable(error, this.key);
      }
      return Private.unreadable(error, keptAs);
    }
  }

  save(progress: IStoredProgress): Promise<void> {
    return this._state.save(this.key, progress);
  }
}

namespace Private {
  /** The key of a course's progress, in either store. */
  export function key(course: string): string {
    return `asyncio-lab:progress:${course}`;
  }

  /** Where unreadable data is kept aside. */
  export function asideKey(key: string): string {
    return `${key}:unreadable:${new Date().toISOString()}`;
  }

  export function nothing(): ILoadResult {
    return { progress: null, problem: null };
  }

  /** Stored data, migrated and validated (throws a ProgressError). */
  export function read(data: unknown, course: string): ILoadResult {
    return { progress: migrateProgress(data, course), problem: null };
  }

  /** The store itself could not be read (nothing was kept aside). */
  export function notReadable(what: string, error: unknown): ILoadResult {
    return {
      progress: null,
      problem: { message: `${what} is not readable: ${error}`, keptAs: '' }
    };
  }

  /** The data could not be read; it is kept under `keptAs`. */
  export function unreadable(error: unknown, keptAs: string): ILoadResult {
    return {
      progress: null,
      problem: { message: (error as Error).message, keptAs }
    };
  }
}
