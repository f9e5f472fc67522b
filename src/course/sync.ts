/**
 * The learner's progress kept in step with where it is stored. It lives in
 * the browser's storage; every change is written at once, so a reload or a
 * crash loses nothing. A second copy goes to JupyterLab's state database (the
 * workspace, on a Jupyter server), and the two are merged at start: a pass
 * recorded in either stays passed. No DOM here.
 */
import { CourseModel } from './model';
import { currentProgress, mergeProgress } from './progress';
import {
  IProgressProblem,
  ProgressStorage,
  StateProgressMirror
} from './storage';

export class ProgressSync {
  constructor(options: ProgressSync.IOptions) {
    this._model = options.model;
    this._storage = options.storage;
    this._mirror = options.mirror ?? null;
    this._onUnreadable = options.onUnreadable;
  }

  /**
   * Restore the stored progress now, merge the state database's copy in
   * when it answers, and save every change from then on.
   */
  start(): void {
    const model = this._model;
    const loaded = this._storage.load();
    if (loaded.progress) {
      model.cleared = loaded.progress.cleared ?? null;
      model.restore(loaded.progress.exercises);
    }
    if (loaded.problem) {
      this._onUnreadable(loaded.problem);
    }
    // The state database answers only once the workspace is restored, after
    // every plugin has activated: merge its copy in then, never wait for it.
    void this._mirror?.load().then(fromState => {
      if (fromState.progress) {
        const merged = mergeProgress(
          currentProgress(model),
          fromState.progress,
          { honourClears: true }
        );
        model.cleared = merged.cleared ?? null;
        model.restore(merged.exercises);
      }
      if (fromState.problem) {
        this._onUnreadable(fromState.problem);
      }
    });
    model.progressChanged.connect(this._save, this);
  }

  /**
   * Start the course over: every exercise back to "not tried", the old
   * progress kept aside in the browser's storage. Returns where it is kept.
   */
  clear(): string {
    const keptAs = this._storage.setAside(currentProgress(this._model));
    this._model.cleared = new Date().toISOString();
    this._model.restore({});
    return keptAs;
  }

  private _save(): void {
    const progress = currentProgress(this._model);
    try {
      this._storage.save(progress);
    } catch (reason) {
      console.error('asyncio-lab: progress could not be saved', reason);
    }
    this._mirror
      ?.save(progress)
      .catch(reason =>
        console.error(
          'asyncio-lab: progress could not be saved in the state database',
          reason
        )
      );
  }

  private _model: CourseModel;
  private _storage: ProgressStorage;
  private _mirror: StateProgressMirror | null;
  private _onUnreadable: (problem: IProgressProblem) => void;
}

export namespace ProgressSync {
  export interface IOptions {
    model: CourseModel;
    storage: ProgressStorage;
    /** The copy in JupyterLab's state database, when there is one. */
    mirror?: StateProgressMirror | null;
    /** Told when stored progress could not be read (it was kept aside). */
    onUnreadable: (problem: IProgressProblem) => void;
  }
}
