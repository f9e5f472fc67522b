import { ISignal, Signal } from '@lumino/signaling';
import { ICourse, IFormerIds, ILesson, formerIds } from './manifest';
import { ICheckResult } from '../mime';

/**
 * Where a learner stands on one exercise.
 */
export type ExerciseStatus = 'untried' | 'tried' | 'passed';

export interface IExerciseProgress {
  status: ExerciseStatus;
  attempts: number;
  /** ISO time of the last check, or null before the first. */
  lastChecked: string | null;
}

/**
 * Two records of one exercise as one: passed if either is, the larger
 * attempt count (both copies may have counted the same attempts), the later
 * check.
 */
export function mergeEntry(
  ours: IExerciseProgress,
  theirs: IExerciseProgress
): IExerciseProgress {
  const rank = { untried: 0, tried: 1, passed: 2 };
  const later = [ours.lastChecked, theirs.lastChecked]
    .filter((t): t is string => t !== null)
    .sort()
    .pop();
  return {
    status:
      rank[theirs.status] > rank[ours.status] ? theirs.status : ours.status,
    attempts: Math.max(ours.attempts, theirs.attempts),
    lastChecked: later ?? null
  };
}

/**
 * Progress with every entry under a former exercise id (`moves`: former id
 * to current id, see `formerIds`) carried over to the current id, nothing
 * lost: the entry keeps its status, attempts and time; when the current id
 * has an entry too (progress saved by both layouts, e.g. an old export
 * imported after new checks), the two are merged as `mergeEntry` does. The
 * input is not changed; entries of ids the course does not know are kept.
 */
export function moveProgress(
  exercises: Record<string, IExerciseProgress>,
  moves: ReadonlyMap<string, string>
): Record<string, IExerciseProgress> {
  const out: Record<string, IExerciseProgress> = {};
  const has = (id: string) => Object.prototype.hasOwnProperty.call(out, id);
  // Current ids first, so merging never depends on the order of the keys.
  const entries = Object.entries(exercises).sort(
    ([a], [b]) => Number(moves.has(a)) - Number(moves.has(b))
  );
  for (const [id, entry] of entries) {
    const to = moves.get(id) ?? id;
    out[to] = has(to) ? mergeEntry(out[to], entry) : { ...entry };
  }
  return out;
}

/**
 * The lesson panel's state: the course, the learner's progress on each
 * exercise, and which lesson is active. No DOM here; views listen to
 * `changed`.
 */
export class CourseModel {
  constructor(course: ICourse, notes: Map<string, string> = new Map()) {
    this.course = course;
    this._notes = notes;
    this._former = formerIds(course);
    for (const lesson of course.lessons) {
      for (const exercise of lesson.exercises) {
        this._lessonOfExercise.set(exercise.id, lesson);
      }
    }
  }

  readonly course: ICourse;

  /**
   * Emitted whenever progress or the active lesson changes.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * Emitted when the learner's progress changes (not on navigation): what
   * storage listens to.
   */
  get progressChanged(): ISignal<this, void> {
    return this._progressChanged;
  }

  get lessons(): readonly ILesson[] {
    return this.course.lessons;
  }

  get activeLessonId(): string | null {
    return this._activeLessonId;
  }

  /** Set by current or former lesson id (a copy of an older layout). */
  set activeLessonId(id: string | null) {
    if (id !== null) {
      id = this.currentLessonId(id);
    }
    if (id === this._activeLessonId) {
      return;
    }
    this._activeLessonId = id;
    this._changed.emit();
  }

  /**
   * Whether instructor notes are shown (setting or `?instructor=1`).
   */
  get instructorMode(): boolean {
    return this._instructorMode;
  }

  set instructorMode(on: boolean) {
    if (on === this._instructorMode) {
      return;
    }
    this._instructorMode = on;
    this._changed.emit();
  }

  /** The instructor's notes for a lesson (only while in instructor mode). */
  notes(lessonId: string): string | null {
    return this._instructorMode ? (this._notes.get(lessonId) ?? null) : null;
  }

  /**
   * Whether the learner's copy of a lesson was made from an older version
   * of it than the one this build ships (see `isStaleCopy`).
   */
  isStale(lessonId: string): boolean {
    return this._stale.has(lessonId);
  }

  /** Record whether a lesson's copy is stale (emits `changed` on change). */
  setStale(lessonId: string, stale: boolean): void {
    if (stale === this._stale.has(lessonId)) {
      return;
    }
    if (stale) {
      this._stale.add(lessonId);
    } else {
      this._stale.delete(lessonId);
    }
    this._changed.emit();
  }

  /**
   * A lesson by its id or by an id it had before (`formerly`: the metadata of
   * a copy made from an older layout of the course).
   */
  lesson(id: string): ILesson | undefined {
    const current = this.currentLessonId(id);
    return this.course.lessons.find(l => l.id === current);
  }

  /** The current id of a lesson id that moved, or the id itself. */
  currentLessonId(id: string): string {
    return this._former.lessons.get(id) ?? id;
  }

  /** The current id of an exercise id that moved, or the id itself. */
  currentExerciseId(id: string): string {
    return this._former.exercises.get(id) ?? id;
  }

  /**
   * The lesson an exercise belongs to (by current or former id), if the
   * course knows it.
   */
  lessonOfExercise(exerciseId: string): ILesson | undefined {
    return this._lessonOfExercise.get(this.currentExerciseId(exerciseId));
  }

  /**
   * Progress with entries under former exercise ids carried over to the
   * current ids (see `moveProgress`).
   */
  moved(
    exercises: Record<string, IExerciseProgress>
  ): Record<string, IExerciseProgress> {
    return moveProgress(exercises, this._former.exercises);
  }

  progress(exerciseId: string): IExerciseProgress {
    return (
      this._progress.get(this.currentExerciseId(exerciseId)) ?? {
        status: 'untried',
        attempts: 0,
        lastChecked: null
      }
    );
  }

  /**
   * How many of a lesson's exercises are passed.
   */
  passedCount(lesson: ILesson): number {
    return lesson.exercises.filter(e => this.progress(e.id).status === 'passed')
      .length;
  }

  /**
   * Record the outcome of one run of `%%check`. Results for exercises the
   * course does not list are ignored (returns false). A pass is never undone
   * by a later failing attempt: the exercise stays passed.
   */
  recordCheck(result: ICheckResult, when: Date = new Date()): boolean {
    // A kernel older than the course may report an exercise's former id.
    const id = this.currentExerciseId(result.exercise);
    if (!this._lessonOfExercise.has(id)) {
      return false;
    }
    const before = this.progress(id);
    this._progress.set(id, {
      status: before.status === 'passed' || result.passed ? 'passed' : 'tried',
      attempts: before.attempts + 1,
      lastChecked: when.toISOString()
    });
    this._progressChanged.emit();
    this._changed.emit();
    return true;
  }

  /**
   * Replace the progress with stored progress. Entries under an exercise's
   * former id (`formerly`) are carried over to its current id (merged with
   * an entry there, if any). Entries for exercises this version of the
   * course does not list are kept (and saved again), so a lesson that comes
   * back later finds its progress.
   */
  restore(exercises: Record<string, IExerciseProgress>): void {
    this._progress.clear();
    for (const [id, entry] of Object.entries(this.moved(exercises))) {
      this._progress.set(id, { ...entry });
    }
    this._progressChanged.emit();
    this._changed.emit();
  }

  /**
   * When the learner last cleared their progress (ISO time), or null: kept
   * with the progress so other copies do not bring older results back.
   */
  cleared: string | null = null;

  /**
   * Every recorded exercise, known to the course or not.
   */
  exercises(): Record<string, IExerciseProgress> {
    const out: Record<string, IExerciseProgress> = {};
    for (const [id, entry] of this._progress) {
      out[id] = { ...entry };
    }
    return out;
  }

  /**
   * The lesson before or after one, in course order (null at either end).
   */
  neighbour(lessonId: string | null, step: 1 | -1): ILesson | null {
    const lessons = this.course.lessons;
    const index = lessons.findIndex(l => l.id === lessonId);
    if (index < 0) {
      return step === 1 ? (lessons[0] ?? null) : null;
    }
    return lessons[index + step] ?? null;
  }

  private _activeLessonId: string | null = null;
  private _instructorMode = false;
  private _notes: Map<string, string>;
  private _former: IFormerIds;
  private _changed = new Signal<this, void>(this);
  private _progressChanged = new Signal<this, void>(this);
  private _lessonOfExercise = new Map<string, ILesson>();
  private _progress = new Map<string, IExerciseProgress>();
  private _stale = new Set<string>();
}
