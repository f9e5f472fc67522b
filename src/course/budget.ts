/**
 * The time budget of a lesson: what a learner can read, run and solve in the
 * minutes the course states for it. The course check (`npm run build:course`)
 * measures every lesson notebook with these functions and fails the build on
 * a lesson over its budget. Compiled alone for Node (tsconfig.node.json):
 * imports nothing. No DOM here.
 *
 * What is measured (the README's "Writing lessons" says the same):
 * - words of prose: in markdown cells only (not code or raw cells), the
 *   whitespace-separated tokens that hold at least one letter or digit, so
 *   markdown markup on its own (`#`, `-`, `|`, `---`, `>`) is no word. Fenced
 *   code blocks (``` or ~~~, up to an equally long closing fence or the end of
 *   the cell), HTML comments and HTML tags are left out; inline code (`x`) is
 *   read, so it counts, and text between tags counts.
 * - lines of code: the non-blank lines of code cells (magics and comments
 *   included: the learner reads them too).
 * - exercises: the lesson's exercises in course.json.
 *
 * The rules: stated minutes >= words / 120 + 6 × exercises (reading at 120
 * words a minute, which leaves time to run the cells, plus six minutes per
 * exercise), at most 1,800 words of prose and at most 160 lines of code.
 */

/** Words of prose read per minute (reading and running the cells). */
export const WORDS_PER_MINUTE = 120;
/** Minutes allowed for each exercise. */
export const MINUTES_PER_EXERCISE = 6;
/** The most prose one lesson may hold. */
export const MAX_WORDS = 1800;
/** The most code (non-blank lines) one lesson may hold. */
export const MAX_CODE_LINES = 160;

/**
 * Lessons still over their budget, reported as warnings (with their figures)
 * instead of failing the build, until they are split in two (issue 13,
 * section 2). TEMPORARY: remove each id when its lesson is split; the check
 * fails on an id here whose lesson is within its budget, or that is no lesson
 * of the course, so this list never outlives its reason.
 */
export const OVER_BUDGET_UNTIL_SPLIT: readonly string[] = [
  'loops-and-threads',
  'low-level-sockets',
  'udp'
];

/** A lesson's measured size and what its budget says about it. */
export interface ILessonBudget {
  words: number;
  codeLines: number;
  exercises: number;
  /** words / WORDS_PER_MINUTE + MINUTES_PER_EXERCISE × exercises */
  neededMinutes: number;
  statedMinutes: number;
  /** One phrase per broken rule; empty when the lesson fits its budget. */
  over: string[];
}

/** Words of prose in one markdown text, as described above. */
export function countWords(markdown: string): number {
  const prose = Private.withoutHtml(Private.withoutFences(markdown));
  return prose.split(/\s+/).filter(token => /[\p{L}\p{N}]/u.test(token)).length;
}

/** Non-blank lines of one code cell's source. */
export function countCodeLines(source: string): number {
  return source.split('\n').filter(line => line.trim() !== '').length;
}

/**
 * Measure a lesson notebook (parsed nbformat 4 JSON) against the budget of
 * its course.json entry. Cells that are not objects, or sources that are not
 * text, are skipped (the notebook check reports them).
 */
export function lessonBudget(
  notebook: unknown,
  lesson: { minutes: number; exercises: readonly unknown[] }
): ILessonBudget {
  let words = 0;
  let codeLines = 0;
  const cells =
    Private.isObject(notebook) && Array.isArray(notebook.cells)
      ? notebook.cells
      : [];
  for (const cell of cells) {
    if (!Private.isObject(cell)) {
      continue;
    }
    const src = Array.isArray(cell.source)
      ? cell.source.filter((s: unknown) => typeof s === 'string').join('')
      : typeof cell.source === 'string'
        ? cell.source
        : '';
    if (cell.cell_type === 'markdown') {
      words += countWords(src);
    } else if (cell.cell_type === 'code') {
      codeLines += countCodeLines(src);
    }
  }
  const exercises = lesson.exercises.length;
  const neededMinutes =
    words / WORDS_PER_MINUTE + MINUTES_PER_EXERCISE * exercises;
  const over: string[] = [];
  if (!(lesson.minutes >= neededMinutes)) {
    over.push('more minutes than course.json states');
  }
  if (words > MAX_WORDS) {
    over.push(`more than ${Private.number(MAX_WORDS)} words of prose`);
  }
  if (codeLines > MAX_CODE_LINES) {
    over.push(`more than ${MAX_CODE_LINES} lines of code`);
  }
  return {
    words,
    codeLines,
    exercises,
    neededMinutes,
    statedMinutes: lesson.minutes,
    over
  };
}

/**
 * A lesson's figures in one phrase: "2,018 words of prose, 97 lines of code,
 * 2 exercises: needs 28.9 minutes (2,018/120 + 6 × 2), states 40".
 */
export function describeBudget(budget: ILessonBudget): string {
  const { words, codeLines, exercises } = budget;
  return (
    `${Private.number(words)} words of prose, ${codeLines} lines of code, ` +
    `${exercises} exercise${exercises === 1 ? '' : 's'}: needs ` +
    `${Private.minutes(budget.neededMinutes)} minutes ` +
    `(${Private.number(words)}/${WORDS_PER_MINUTE} + ${MINUTES_PER_EXERCISE} × ${exercises}), ` +
    `states ${budget.statedMinutes}`
  );
}

namespace Private {
  export function isObject(value: unknown): value is Record<string, any> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }

  /** 1800 as "1,800", the same in every locale. */
  export function number(n: number): string {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  /** Minutes to one decimal, rounded up (27.01 is "27.1", never "27.0"). */
  export function minutes(n: number): string {
    return (Math.ceil(n * 10 - 1e-9) / 10).toFixed(1);
  }

  const FENCE = /^ {0,3}(`{3,}|~{3,})/;

  /** The text without its fenced code blocks (CommonMark fences). */
  export function withoutFences(markdown: string): string {
    const kept: string[] = [];
    let open: string | null = null;
    for (const line of markdown.split('\n')) {
      const fence = FENCE.exec(line);
      if (open === null) {
        if (
          fence &&
          !(fence[1][0] === '`' && line.slice(fence[0].length).includes('`'))
        ) {
          open = fence[1];
        } else {
          kept.push(line);
        }
      } else if (
        fence &&
        fence[1][0] === open[0] &&
        fence[1].length >= open.length &&
        line.slice(fence[0].length).trim() === ''
      ) {
        open = null;
      }
    }
    return kept.join('\n');
  }

  /**
   * The text without HTML comments and tags; inline code spans are kept as
   * they are (`<id>` in backticks is read, not markup).
   */
  export function withoutHtml(text: string): string {
    return text.replace(
      /(`+)[\s\S]*?\1|<!--[\s\S]*?(?:-->|$)|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g,
      match => (match.startsWith('`') ? match : ' ')
    );
  }
}
