/**
 * The course manifest: which lessons exist, in which order, and which
 * exercises each one checks. It is data (`notebooks/course.json`); this module
 * defines its shape and validates it, for the extension, the site build and
 * the tests alike. No DOM here.
 */

/**
 * The version of the manifest format this code reads.
 */
export const COURSE_FORMAT_VERSION = 1;

/**
 * Exercise ids are `<lesson-id>.<name>`, both kebab-case. The Python package
 * defines the same pattern (`asyncio_lab.ids`); tests on both sides assert it.
 */
export const EXERCISE_ID_PATTERN =
  '^[a-z0-9]+(?:-[a-z0-9]+)*\\.[a-z0-9]+(?:-[a-z0-9]+)*$';

const EXERCISE_ID = new RegExp(EXERCISE_ID_PATTERN);
const LESSON_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const NOTEBOOK_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.ipynb$/;

export interface IExercise {
  /** `<lesson-id>.<name>` */
  id: string;
  title: string;
  /**
   * Every id this exercise had before (it moved to another lesson or was
   * renamed): progress saved under one of them counts for this exercise,
   * and a learner's old copy running `%%check <old id>` still checks it.
   * Former ids may belong to any lesson; none may be a current exercise id
   * or be claimed by two exercises. List all of them, not only the last.
   */
  formerly?: string[];
}

export interface ILesson {
  id: string;
  /** The topic's number in the course (its place in the outline). */
  number: number;
  /** The notebook's file name, relative to the lessons directory. */
  file: string;
  title: string;
  summary: string;
  objectives: string[];
  /** Estimated minutes. */
  minutes: number;
  exercises: IExercise[];
  /**
   * Every id this lesson had before: a learner's copy whose metadata names
   * one of them belongs to this lesson, and a workshop plan may still use
   * them. As for exercises: never a current lesson id, never claimed twice.
   */
  formerly?: string[];
  /** The part of the course this lesson belongs to (an id in `parts`). */
  part?: string;
  /**
   * Lessons to do first (lesson ids, each earlier in the course): shown in
   * the panel, so a learner who starts in the middle knows what it builds on.
   */
  prerequisites?: string[];
  /**
   * Every notebook file name this lesson had before (a renumbering renamed
   * it; a split gives the old file to the lesson that continues it, the
   * first half): a learner's copy at one of these names in the lessons
   * directory becomes this lesson's copy. Never the current file of a
   * lesson, never claimed twice.
   */
  formerFiles?: string[];
}

/**
 * A part of the course: a run of consecutive lessons under one heading.
 */
export interface IPart {
  id: string;
  title: string;
  summary: string;
}

/** Where earlier ids of the course went: former id to current id. */
export interface IFormerIds {
  exercises: Map<string, string>;
  lessons: Map<string, string>;
}

export interface ICourse {
  version: number;
  id: string;
  title: string;
  /** Where the lesson notebooks live, relative to the server root. */
  lessonsDirectory: string;
  lessons: ILesson[];
  /**
   * The course's parts, in order. When given, every lesson names its part,
   * and each part's lessons come one after the other.
   */
  parts?: IPart[];
}

/**
 * Whether a string is a well-formed exercise id.
 */
export function isExerciseId(value: unknown): value is string {
  return typeof value === 'string' && EXERCISE_ID.test(value);
}

/**
 * Check a parsed manifest. Returns one message per problem, each naming where
 * it is (`lessons[1].exercises[0].id`); an empty list means valid.
 */
export function validateCourse(data: unknown): string[] {
  const errors: string[] = [];
  const fail = (where: string, problem: string) =>
    errors.push(`${where}: ${problem}`);

  if (!isObject(data)) {
    return ['manifest: must be a JSON object'];
  }
  if (data.version !== COURSE_FORMAT_VERSION) {
    fail(
      'version',
      `must be ${COURSE_FORMAT_VERSION} (found ${JSON.stringify(data.version)})`
    );
  }
  checkString(data, 'id', 'id', fail, LESSON_ID);
  checkString(data, 'title', 'title', fail);
  if (
    typeof data.lessonsDirectory !== 'string' ||
    data.lessonsDirectory.startsWith('/') ||
    data.lessonsDirectory.split('/').includes('..')
  ) {
    fail('lessonsDirectory', 'must be a relative folder path without ".."');
  }
  if (!Array.isArray(data.lessons) || data.lessons.length === 0) {
    fail('lessons', 'must be a non-empty list');
    return errors;
  }

  const lessonIds = new Set<string>();
  const files = new Set<string>();
  const exerciseIds = new Set<string>();
  // Former id to where it is claimed, e.g. "lessons[5].exercises[1].formerly[0]".
  const formerLessons = new Map<string, string>();
  const formerExercises = new Map<string, string>();
  // Former file name to where it is claimed, e.g. "lessons[7].formerFiles[0]".
  const formerFiles = new Map<string, { where: string; of: string }>();
  // Current file name to the lesson that has it, e.g. 'lesson "signals"'.
  const fileOwners = new Map<string, string>();
  data.lessons.forEach((lesson: unknown, i: number) => {
    const at = `lessons[${i}]`;
    if (!isObject(lesson)) {
      fail(at, 'must be an object');
      return;
    }
    if (checkString(lesson, 'id', `${at}.id`, fail, LESSON_ID)) {
      const id = lesson.id as string;
      if (lessonIds.has(id)) {
        fail(`${at}.id`, `duplicate lesson id "${id}"`);
      }
      lessonIds.add(id);
    }
    if (checkString(lesson, 'file', `${at}.file`, fail, NOTEBOOK_FILE)) {
      const file = lesson.file as string;
      if (files.has(file)) {
        fail(`${at}.file`, `"${file}" is used by two lessons`);
      }
      files.add(file);
      fileOwners.set(file, describeLesson(lesson, i));
    }
    if (
      typeof lesson.number !== 'number' ||
      !Number.isInteger(lesson.number) ||
      lesson.number < 0
    ) {
      fail(`${at}.number`, 'must be a whole number');
    }
    checkString(lesson, 'title', `${at}.title`, fail);
    checkString(lesson, 'summary', `${at}.summary`, fail);
    if (
      !Array.isArray(lesson.objectives) ||
      lesson.objectives.length === 0 ||
      !lesson.objectives.every(o => typeof o === 'string' && o.trim() !== '')
    ) {
      fail(`${at}.objectives`, 'must be a non-empty list of strings');
    }
    if (
      typeof lesson.minutes !== 'number' ||
      !(lesson.minutes > 0) ||
      lesson.minutes > 600
    ) {
      fail(`${at}.minutes`, 'must be a number of minutes between 1 and 600');
    }
    checkFormerly(lesson, at, LESSON_ID, 'lesson', formerLessons, fail);
    checkFormerFiles(lesson, i, formerFiles, fail);
    if (!Array.isArray(lesson.exercises)) {
      fail(`${at}.exercises`, 'must be a list');
      return;
    }
    lesson.exercises.forEach((exercise: unknown, j: number) => {
      const eat = `${at}.exercises[${j}]`;
      if (!isObject(exercise)) {
        fail(eat, 'must be an object');
        return;
      }
      checkString(exercise, 'title', `${eat}.title`, fail);
      checkFormerly(
        exercise,
        eat,
        EXERCISE_ID,
        'exercise',
        formerExercises,
        fail
      );
      if (!isExerciseId(exercise.id)) {
        fail(
          `${eat}.id`,
          `must look like "<lesson-id>.<name>" in kebab-case (found ${JSON.stringify(exercise.id)})`
        );
        return;
      }
      if (
        typeof lesson.id === 'string' &&
        !exercise.id.startsWith(`${lesson.id}.`)
      ) {
        fail(`${eat}.id`, `must start with the lesson id "${lesson.id}."`);
      }
      if (exerciseIds.has(exercise.id)) {
        fail(`${eat}.id`, `duplicate exercise id "${exercise.id}"`);
      }
      exerciseIds.add(exercise.id);
    });
  });
  checkParts(data, data.lessons, fail);
  checkPrerequisites(data.lessons, fail);
  for (const [former, where] of formerLessons) {
    if (lessonIds.has(former)) {
      fail(where, `"${former}" is a current lesson id, not a former one`);
    }
  }
  for (const [former, where] of formerExercises) {
    if (exerciseIds.has(former)) {
      fail(where, `"${former}" is a current exercise id, not a former one`);
    }
  }
  for (const [former, { where, of }] of formerFiles) {
    const owner = fileOwners.get(former);
    if (owner !== undefined) {
      fail(
        where,
        `"${former}" is the current file of ${owner}, not a former one (${of})`
      );
    }
  }
  return errors;
}

/** How an error names a lesson: `lesson "signals"` (or its place). */
function describeLesson(lesson: Record<string, unknown>, i: number): string {
  return typeof lesson.id === 'string'
    ? `lesson ${JSON.stringify(lesson.id)}`
    : `lessons[${i}]`;
}

/**
 * Check a lesson's optional `formerFiles` (earlier notebook file names),
 * recording each name, where it is claimed and by which lesson in
 * `claimed`. Each problem names the lesson.
 */
function checkFormerFiles(
  lesson: Record<string, unknown>,
  i: number,
  claimed: Map<string, { where: string; of: string }>,
  fail: (where: string, problem: string) => void
): void {
  const at = `lessons[${i}].formerFiles`;
  const of = describeLesson(lesson, i);
  if (lesson.formerFiles === undefined) {
    return;
  }
  if (!Array.isArray(lesson.formerFiles)) {
    fail(at, `must be a list of earlier notebook file names (${of})`);
    return;
  }
  lesson.formerFiles.forEach((former: unknown, k: number) => {
    const where = `${at}[${k}]`;
    if (typeof former !== 'string' || !NOTEBOOK_FILE.test(former)) {
      fail(
        where,
        `must be a notebook file name like "06-signals.ipynb" (found ${JSON.stringify(former)}; ${of})`
      );
      return;
    }
    const first = claimed.get(former);
    if (first !== undefined) {
      fail(
        where,
        `"${former}" is claimed twice (${of}; also by ${first.where}, ${first.of})`
      );
      return;
    }
    claimed.set(former, { where, of });
  });
}

/**
 * Check the optional `parts`: well-formed, and, when given, every lesson in
 * one of them, each part's lessons consecutive and in the parts' order.
 */
function checkParts(
  data: Record<string, unknown>,
  lessons: unknown[],
  fail: (where: string, problem: string) => void
): void {
  if (data.parts === undefined) {
    lessons.forEach((lesson, i) => {
      if (isObject(lesson) && lesson.part !== undefined) {
        fail(
          `lessons[${i}].part`,
          'names a part, but the course has no "parts"'
        );
      }
    });
    return;
  }
  if (!Array.isArray(data.parts) || data.parts.length === 0) {
    fail('parts', 'must be a non-empty list');
    return;
  }
  const order = new Map<string, number>();
  data.parts.forEach((part: unknown, k: number) => {
    const at = `parts[${k}]`;
    if (!isObject(part)) {
      fail(at, 'must be an object');
      return;
    }
    if (checkString(part, 'id', `${at}.id`, fail, LESSON_ID)) {
      if (order.has(part.id as string)) {
        fail(`${at}.id`, `duplicate part id "${part.id}"`);
      }
      order.set(part.id as string, k);
    }
    checkString(part, 'title', `${at}.title`, fail);
    checkString(part, 'summary', `${at}.summary`, fail);
  });
  let current = -1;
  const used = new Set<string>();
  lessons.forEach((lesson, i) => {
    if (!isObject(lesson)) {
      return;
    }
    const at = `lessons[${i}].part`;
    if (typeof lesson.part !== 'string' || !order.has(lesson.part)) {
      fail(
        at,
        `must name one of the parts (${[...order.keys()].join(', ')}); found ${JSON.stringify(lesson.part)}`
      );
      return;
    }
    const k = order.get(lesson.part)!;
    if (k < current) {
      fail(
        at,
        `"${lesson.part}" comes after a lesson of a later part: a part's lessons must be consecutive, in the parts' order`
      );
    }
    current = Math.max(current, k);
    used.add(lesson.part);
  });
  for (const [id, k] of order) {
    if (!used.has(id)) {
      fail(`parts[${k}]`, `part "${id}" has no lesson`);
    }
  }
}

/**
 * Check the optional `prerequisites` of each lesson: ids of earlier lessons.
 */
function checkPrerequisites(
  lessons: unknown[],
  fail: (where: string, problem: string) => void
): void {
  const earlier = new Set<string>();
  lessons.forEach((lesson, i) => {
    if (!isObject(lesson)) {
      return;
    }
    const at = `lessons[${i}].prerequisites`;
    const wanted = lesson.prerequisites;
    if (wanted !== undefined) {
      if (!Array.isArray(wanted)) {
        fail(at, 'must be a list of lesson ids');
      } else {
        wanted.forEach((id: unknown, k: number) => {
          if (typeof id !== 'string' || !earlier.has(id)) {
            fail(
              `${at}[${k}]`,
              `${JSON.stringify(id)} is not the id of an earlier lesson`
            );
          }
        });
      }
    }
    if (typeof lesson.id === 'string') {
      earlier.add(lesson.id);
    }
  });
}

/**
 * Check an optional `formerly` list of ids (of lessons or exercises),
 * recording each id and where it is claimed in `claimed`.
 */
function checkFormerly(
  obj: Record<string, unknown>,
  at: string,
  pattern: RegExp,
  kind: 'lesson' | 'exercise',
  claimed: Map<string, string>,
  fail: (where: string, problem: string) => void
): void {
  if (obj.formerly === undefined) {
    return;
  }
  if (!Array.isArray(obj.formerly)) {
    fail(`${at}.formerly`, `must be a list of earlier ${kind} ids`);
    return;
  }
  obj.formerly.forEach((former: unknown, k: number) => {
    const where = `${at}.formerly[${k}]`;
    if (typeof former !== 'string' || !pattern.test(former)) {
      fail(
        where,
        `must be ${kind === 'lesson' ? 'a lesson' : 'an exercise'} id (found ${JSON.stringify(former)})`
      );
      return;
    }
    if (former === obj.id) {
      fail(where, `"${former}" is this ${kind}'s own id`);
      return;
    }
    const first = claimed.get(former);
    if (first !== undefined) {
      fail(where, `"${former}" is claimed twice (also by ${first})`);
      return;
    }
    claimed.set(former, where);
  });
}

/**
 * Where the earlier ids of a (valid) course went: each former lesson and
 * exercise id to the current one that lists it in `formerly`.
 */
export function formerIds(course: ICourse): IFormerIds {
  const exercises = new Map<string, string>();
  const lessons = new Map<string, string>();
  for (const lesson of course.lessons) {
    for (const former of lesson.formerly ?? []) {
      lessons.set(former, lesson.id);
    }
    for (const exercise of lesson.exercises) {
      for (const former of exercise.formerly ?? []) {
        exercises.set(former, exercise.id);
      }
    }
  }
  return { exercises, lessons };
}

/**
 * Validate and return a typed manifest, or throw one error listing every
 * problem (with `source`, e.g. the file name, in front).
 */
export function parseCourse(data: unknown, source = 'course.json'): ICourse {
  const errors = validateCourse(data);
  if (errors.length) {
    throw new Error(
      `${source} is not a valid course manifest:\n  - ${errors.join('\n  - ')}`
    );
  }
  return data as ICourse;
}

/**
 * The path of a lesson's notebook on the server (or in the browser's drive).
 */
export function lessonPath(course: ICourse, lesson: ILesson): string {
  const dir = course.lessonsDirectory.replace(/\/+$/, '');
  return dir ? `${dir}/${lesson.file}` : lesson.file;
}

/**
 * Where a lesson's copy may be from an older layout of the course: the path
 * of each of its `formerFiles` in the lessons directory, in the listed order.
 */
export function formerLessonPaths(course: ICourse, lesson: ILesson): string[] {
  return (lesson.formerFiles ?? []).map(file =>
    lessonPath(course, { ...lesson, file })
  );
}

/**
 * Which lesson a notebook belongs to, from its metadata
 * (`metadata.asyncio_lab.lesson`), or null.
 */
export function lessonIdFromMetadata(metadata: unknown): string | null {
  if (!isObject(metadata)) {
    return null;
  }
  const ours = metadata.asyncio_lab;
  if (isObject(ours) && typeof ours.lesson === 'string') {
    return ours.lesson;
  }
  return null;
}

/**
 * Check the parts of a lesson notebook the course relies on: nbformat 4, a
 * list of cells each with a type and a source, and the lesson id in its
 * metadata. Returns one message per problem.
 */
export function validateLessonNotebook(
  data: unknown,
  lesson?: ILesson
): string[] {
  const errors: string[] = [];
  if (!isObject(data)) {
    return ['notebook: must be a JSON object'];
  }
  if (data.nbformat !== 4) {
    errors.push(`nbformat: must be 4 (found ${JSON.stringify(data.nbformat)})`);
  }
  if (typeof data.nbformat_minor !== 'number') {
    errors.push('nbformat_minor: must be a number');
  }
  if (!isObject(data.metadata)) {
    errors.push('metadata: must be an object');
  } else if (lesson) {
    const id = lessonIdFromMetadata(data.metadata);
    if (id !== lesson.id) {
      errors.push(
        `metadata.asyncio_lab.lesson: must be "${lesson.id}" (found ${JSON.stringify(id)})`
      );
    }
  }
  if (!Array.isArray(data.cells)) {
    errors.push('cells: must be a list');
    return errors;
  }
  data.cells.forEach((cell: unknown, i: number) => {
    if (!isObject(cell)) {
      errors.push(`cells[${i}]: must be an object`);
      return;
    }
    if (!['code', 'markdown', 'raw'].includes(cell.cell_type as string)) {
      errors.push(
        `cells[${i}].cell_type: must be code, markdown or raw (found ${JSON.stringify(cell.cell_type)})`
      );
    }
    const src = cell.source;
    if (
      typeof src !== 'string' &&
      !(Array.isArray(src) && src.every(s => typeof s === 'string'))
    ) {
      errors.push(`cells[${i}].source: must be a string or a list of strings`);
    }
    if (cell.cell_type === 'code') {
      if (!Array.isArray(cell.outputs)) {
        errors.push(`cells[${i}].outputs: must be a list`);
      } else if (cell.outputs.length) {
        errors.push(`cells[${i}].outputs: lessons are saved without outputs`);
      }
    }
  });
  return errors;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkString(
  obj: Record<string, unknown>,
  key: string,
  where: string,
  fail: (where: string, problem: string) => void,
  pattern?: RegExp
): boolean {
  const value = obj[key];
  if (typeof value !== 'string' || value.trim() === '') {
    fail(where, 'must be a non-empty string');
    return false;
  }
  if (pattern && !pattern.test(value)) {
    fail(where, `${JSON.stringify(value)} does not match ${pattern.source}`);
    return false;
  }
  return true;
}

/**
 * An instructor's plan for a workshop, edited without code
 * (`notebooks/workshop.json`): which lessons, in what order, minutes for
 * each, and notes only instructors see.
 */
export interface IWorkshopLesson {
  id: string;
  minutes?: number;
  notes?: string;
}

export interface IWorkshop {
  version: number;
  title?: string;
  /** Lessons in workshop order; omitted: every lesson, in course order. */
  lessons?: IWorkshopLesson[];
  /**
   * Instead of `lessons`: every lesson of these parts of the course (ids in
   * the course's `parts`), in course order, e.g. `["practice"]` for a day
   * on part two.
   */
  parts?: string[];
  /** Instructor notes by lesson id (also possible per entry of `lessons`). */
  notes?: Record<string, string>;
}

/**
 * Problems with a workshop plan against a course, each naming the field. A
 * plan may name a lesson by a former id (`formerly`): it means that lesson.
 */
export function validateWorkshop(data: unknown, course: ICourse): string[] {
  if (!isObject(data)) {
    return ['workshop: must be a JSON object'];
  }
  const errors: string[] = [];
  if (data.version !== 1) {
    errors.push(`version: must be 1 (found ${JSON.stringify(data.version)})`);
  }
  if (data.title !== undefined && typeof data.title !== 'string') {
    errors.push('title: must be a string');
  }
  const known = new Set(course.lessons.map(l => l.id));
  const former = formerIds(course).lessons;
  const current = (id: string) => former.get(id) ?? id;
  if (data.notes !== undefined) {
    if (!isObject(data.notes)) {
      errors.push('notes: must be an object of lesson id to text');
    } else {
      for (const [id, text] of Object.entries(data.notes)) {
        if (!known.has(current(id))) {
          errors.push(
            `notes.${id}: not a lesson of the course (known: ${[...known].join(', ')})`
          );
        } else if (typeof text !== 'string') {
          errors.push(`notes.${id}: must be text`);
        }
      }
    }
  }
  if (data.parts !== undefined) {
    const parts = new Set((course.parts ?? []).map(p => p.id));
    if (data.lessons !== undefined) {
      errors.push('parts: give either "parts" or "lessons", not both');
    }
    if (!Array.isArray(data.parts) || data.parts.length === 0) {
      errors.push('parts: must be a non-empty list of part ids');
    } else {
      data.parts.forEach((id: unknown, i: number) => {
        if (typeof id !== 'string' || !parts.has(id)) {
          errors.push(
            `parts[${i}]: ${JSON.stringify(id)} is not a part of the course (known: ${[...parts].join(', ') || 'none'})`
          );
        }
      });
    }
  }
  if (data.lessons === undefined) {
    return errors;
  }
  if (!Array.isArray(data.lessons) || data.lessons.length === 0) {
    errors.push(
      'lessons: must be a non-empty list (or left out for all lessons)'
    );
    return errors;
  }
  const seen = new Set<string>();
  data.lessons.forEach((entry: unknown, i: number) => {
    const at = `lessons[${i}]`;
    if (!isObject(entry)) {
      errors.push(
        `${at}: must be an object like {"id": "await-vs-create-task"}`
      );
      return;
    }
    if (typeof entry.id !== 'string' || !known.has(current(entry.id))) {
      errors.push(
        `${at}.id: ${JSON.stringify(entry.id)} is not a lesson of the course (known: ${[...known].join(', ')})`
      );
    } else if (seen.has(current(entry.id))) {
      errors.push(
        entry.id === current(entry.id)
          ? `${at}.id: "${entry.id}" is listed twice`
          : `${at}.id: "${entry.id}" (now "${current(entry.id)}") is listed twice`
      );
    } else {
      seen.add(current(entry.id));
    }
    if (
      entry.minutes !== undefined &&
      (typeof entry.minutes !== 'number' ||
        !(entry.minutes > 0) ||
        entry.minutes > 600)
    ) {
      errors.push(
        `${at}.minutes: must be a number of minutes between 1 and 600`
      );
    }
    if (entry.notes !== undefined && typeof entry.notes !== 'string') {
      errors.push(`${at}.notes: must be text`);
    }
  });
  return errors;
}

/**
 * The course as the workshop runs it: its lessons in the plan's order with
 * the plan's minutes, and the instructor notes by lesson id.
 */
export function applyWorkshop(
  course: ICourse,
  workshop: IWorkshop | null
): { course: ICourse; notes: Map<string, string> } {
  const former = formerIds(course).lessons;
  const current = (id: string) => former.get(id) ?? id;
  const notes = new Map<string, string>();
  for (const [id, text] of Object.entries(workshop?.notes ?? {})) {
    // A note under the current id wins over one under a former id.
    if (id === current(id) || !notes.has(current(id))) {
      notes.set(current(id), text);
    }
  }
  if (!workshop?.lessons && workshop?.parts) {
    const parts = new Set(workshop.parts);
    return {
      course: {
        ...course,
        title: workshop.title ?? course.title,
        lessons: course.lessons.filter(l => l.part && parts.has(l.part))
      },
      notes
    };
  }
  if (!workshop?.lessons) {
    return {
      course: { ...course, title: workshop?.title ?? course.title },
      notes
    };
  }
  const lessons: ILesson[] = [];
  for (const entry of workshop.lessons) {
    const lesson = course.lessons.find(l => l.id === current(entry.id));
    if (!lesson) {
      continue;
    }
    lessons.push({ ...lesson, minutes: entry.minutes ?? lesson.minutes });
    if (entry.notes) {
      notes.set(lesson.id, entry.notes);
    }
  }
  return {
    course: { ...course, title: workshop.title ?? course.title, lessons },
    notes
  };
}

/**
 * A lesson notebook's revision: a short hash of what the course ships in it
 * (each cell's type, source and `asyncio_lab` cell metadata), blind to
 * outputs, execution counts and notebook metadata such as the kernelspec.
 * The site build and the extension stamp it into the copies they hand out
 * (`metadata.asyncio_lab.revision`), so a learner's copy made from an older
 * version of the lesson can be told apart from one made from this version.
 */
export function lessonRevision(notebook: unknown): string {
  const cells =
    isObject(notebook) && Array.isArray(notebook.cells) ? notebook.cells : [];
  const parts = cells.map((cell: unknown) => {
    if (!isObject(cell)) {
      return '';
    }
    const src = Array.isArray(cell.source)
      ? cell.source.join('')
      : String(cell.source ?? '');
    const ours = isObject(cell.metadata) ? cell.metadata.asyncio_lab : null;
    return `${String(cell.cell_type)}\u0000${src}\u0000${ours === undefined || ours === null ? '' : JSON.stringify(ours)}`;
  });
  return Private.hash(parts.join('\u0001'));
}

/**
 * The revision a copy says it was made from, or null (a copy made before
 * revisions were stamped).
 */
export function copyRevision(notebook: unknown): string | null {
  if (!isObject(notebook) || !isObject(notebook.metadata)) {
    return null;
  }
  const ours = notebook.metadata.asyncio_lab;
  return isObject(ours) && typeof ours.revision === 'string'
    ? ours.revision
    : null;
}

/**
 * A copy of a notebook with its revision stamped into its metadata (the
 * input is not changed).
 */
export function stampRevision<T>(notebook: T): T {
  if (!isObject(notebook)) {
    return notebook;
  }
  const metadata = isObject(notebook.metadata) ? notebook.metadata : {};
  const ours = isObject(metadata.asyncio_lab) ? metadata.asyncio_lab : {};
  return {
    ...notebook,
    metadata: {
      ...metadata,
      asyncio_lab: { ...ours, revision: lessonRevision(notebook) }
    }
  } as T;
}

/**
 * Whether a learner's copy of a lesson comes from an older version than the
 * shipped one: its stamped revision differs and its cells differ from the
 * shipped cells. A copy without a stamp whose cells are the shipped ones is
 * current; one whose cells differ may be older (and is reported).
 */
export function isStaleCopy(copy: unknown, shippedRevision: string): boolean {
  if (copyRevision(copy) === shippedRevision) {
    return false;
  }
  return lessonRevision(copy) !== shippedRevision;
}

namespace Private {
  /**
   * 64-bit revision hash: FNV-1a over the UTF-16 code units, in two 32-bit
   * lanes with different offset bases (the second also mixes the position),
   * as 16 hex digits. Deterministic in every JavaScript engine; not
   * cryptographic (a revision only tells versions apart).
   */
  export function hash(text: string): string {
    const PRIME = 0x01000193;
    let a = 0x811c9dc5;
    let b = 0x050c5d1f;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, PRIME);
      b = Math.imul(b ^ c ^ (i & 0xff), PRIME);
    }
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
    return hex(a) + hex(b);
  }
}
