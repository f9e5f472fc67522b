/**
 * The learner's progress as stored and exchanged: a versioned schema with
 * migrations, validation with specific messages, and merging. Where it is
 * kept is `storage.ts`. No DOM here.
 */
import { isExerciseId } from './manifest';
import {
  CourseModel,
  ExerciseStatus,
  IExerciseProgress,
  mergeEntry
} from './model';

/** The current schema of stored and exported progress. */
export const PROGRESS_SCHEMA = 2;

/** The `format` marker of an exported progress file. */
export const PROGRESS_FORMAT = 'asyncio-lab-progress';

export interface IStoredProgress {
  format: typeof PROGRESS_FORMAT;
  schema: typeof PROGRESS_SCHEMA;
  course: string;
  /** ISO time of the last change. */
  updated: string;
  /**
   * ISO time the learner last cleared their progress (Clear Progress), if
   * ever: another copy that has not seen that clear (the state database,
   * another tab) must not bring older results back.
   */
  cleared?: string;
  exercises: Record<string, IExerciseProgress>;
}

export class ProgressError extends Error {}

const STATUSES: ExerciseStatus[] = ['untried', 'tried', 'passed'];
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown) =>
  v === null || (typeof v === 'string' && !Number.isNaN(Date.parse(v)));

/**
 * Bring any known earlier schema up to the current one, then validate.
 * Schema 1 (the first release) stored only the ids of passed exercises:
 * `{"version": 1, "course": id, "passed": [ids]}`.
 * Throws a ProgressError saying exactly what is wrong.
 */
export function migrateProgress(
  data: unknown,
  course: string
): IStoredProgress {
  if (!isRecord(data)) {
    throw new ProgressError('progress must be a JSON object');
  }
  let current: Record<string, unknown> = data;
  if (current.schema === undefined && current.version === 1) {
    if (
      !Array.isArray(current.passed) ||
      !current.passed.every(p => typeof p === 'string')
    ) {
      throw new ProgressError(
        'schema 1: "passed" must be a list of exercise ids'
      );
    }
    const exercises: Record<string, IExerciseProgress> = {};
    for (const id of current.passed as string[]) {
      exercises[id] = { status: 'passed', attempts: 1, lastChecked: null };
    }
    current = {
      format: PROGRESS_FORMAT,
      schema: 2,
      course: typeof current.course === 'string' ? current.course : course,
      updated: new Date(0).toISOString(),
      exercises
    };
  }
  const errors = validateProgress(current);
  if (errors.length) {
    throw new ProgressError(errors.join('; '));
  }
  const progress = current as unknown as IStoredProgress;
  if (progress.course !== course) {
    throw new ProgressError(
      `this progress belongs to the course "${progress.course}", not "${course}"`
    );
  }
  return progress;
}

/**
 * Problems with data claiming to be current-schema progress, each naming
 * the field (`exercises["a.b"].attempts: …`).
 */
export function validateProgress(data: unknown): string[] {
  if (!isRecord(data)) {
    return ['progress must be a JSON object'];
  }
  const errors: string[] = [];
  if (data.format !== PROGRESS_FORMAT) {
    errors.push(
      `format: must be "${PROGRESS_FORMAT}" (is this an asyncio-lab progress file?)`
    );
  }
  if (typeof data.schema !== 'number') {
    errors.push('schema: missing');
  } else if (data.schema > PROGRESS_SCHEMA) {
    errors.push(
      `schema: ${data.schema} is newer than this version of asyncio-lab understands (${PROGRESS_SCHEMA}); update the course`
    );
  } else if (data.schema !== PROGRESS_SCHEMA) {
    errors.push(`schema: ${data.schema} is not a known schema`);
  }
  if (typeof data.course !== 'string' || !data.course) {
    errors.push('course: must be the course id');
  }
  if (!isTime(data.updated)) {
    errors.push('updated: must be an ISO date');
  }
  if (
    data.cleared !== undefined &&
    (data.cleared === null || !isTime(data.cleared))
  ) {
    errors.push('cleared: must be an ISO date');
  }
  if (!isRecord(data.exercises)) {
    errors.push('exercises: must be an object');
    return errors;
  }
  const entries = Object.entries(data.exercises);
  if (entries.length > 10_000) {
    errors.push('exercises: too many entries');
    return errors;
  }
  for (const [id, entry] of entries) {
    const at = `exercises[${JSON.stringify(id.slice(0, 80))}]`;
    if (id.length > 200) {
      errors.push(`${at}: id is too long`);
      continue;
    }
    // Also keeps keys such as "__proto__" or "constructor" out of the merge.
    if (!isExerciseId(id)) {
      errors.push(`${at}: not an exercise id ("<lesson-id>.<name>")`);
      continue;
    }
    if (!isRecord(entry)) {
      errors.push(`${at}: must be an object`);
      continue;
    }
    if (!STATUSES.includes(entry.status as ExerciseStatus)) {
      errors.push(`${at}.status: must be one of ${STATUSES.join(', ')}`);
    }
    if (
      typeof entry.attempts !== 'number' ||
      !Number.isInteger(entry.attempts) ||
      entry.attempts < 0 ||
      entry.attempts > 1e6
    ) {
      errors.push(`${at}.attempts: must be a whole number`);
    }
    if (!isTime(entry.lastChecked)) {
      errors.push(`${at}.lastChecked: must be an ISO date or null`);
    }
  }
  return errors;
}

/**
 * Combine two records of the same course: an exercise counts as passed if
 * either says so; attempts add up to the larger count; the later check wins.
 *
 * With `honourClears` (two copies of the same learner's progress being
 * synchronised), the later Clear Progress of either copy wins: the other
 * copy's results from before it are dropped. Importing a file does not
 * honour clears: the learner asked for those results back.
 */
export function mergeProgress(
  a: IStoredProgress,
  b: IStoredProgress,
  { honourClears = false }: { honourClears?: boolean } = {}
): IStoredProgress {
  const cleared = [a.cleared, b.cleared]
    .filter((t): t is string => !!t)
    .sort()
    .pop();
  const since = (side: IStoredProgress) => {
    if (!honourClears || !cleared || side.cleared === cleared) {
      return side.exercises;
    }
    const kept: Record<string, IExerciseProgress> = {};
    for (const [id, entry] of Object.entries(side.exercises)) {
      if (entry.lastChecked !== null && entry.lastChecked > cleared) {
        kept[id] = entry;
      }
    }
    return kept;
  };
  const exercises: Record<string, IExerciseProgress> = { ...since(a) };
  for (const [id, theirs] of Object.entries(since(b))) {
    const ours = Object.prototype.hasOwnProperty.call(exercises, id)
      ? exercises[id]
      : undefined;
    exercises[id] = ours ? mergeEntry(ours, theirs) : { ...theirs };
  }
  const merged: IStoredProgress = {
    ...a,
    updated: [a.updated, b.updated].sort().pop()!,
    exercises
  };
  if (cleared) {
    merged.cleared = cleared;
  }
  return merged;
}

/** Snapshot of the model in the stored/exported format. */
export function currentProgress(model: CourseModel): IStoredProgress {
  const progress: IStoredProgress = {
    format: PROGRESS_FORMAT,
    schema: PROGRESS_SCHEMA,
    course: model.course.id,
    updated: new Date().toISOString(),
    exercises: model.exercises()
  };
  if (model.cleared) {
    progress.cleared = model.cleared;
  }
  return progress;
}
