/**
 * The lesson time budget (src/course/budget.ts) on synthetic lessons: what
 * counts as a word of prose and a line of code, and each rule passing and
 * failing on its own.
 */
import {
  MAX_CODE_LINES,
  MAX_WORDS,
  countCodeLines,
  countWords,
  describeBudget,
  lessonBudget
} from '../../src/course/budget';

const md = (source: string | string[]) => ({
  cell_type: 'markdown',
  metadata: {},
  source
});
const code = (source: string) => ({
  cell_type: 'code',
  metadata: {},
  outputs: [],
  execution_count: null,
  source
});
const raw = (source: string) => ({ cell_type: 'raw', metadata: {}, source });
const notebook = (...cells: unknown[]) => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells
});
/** `n` words of prose, ten to a line. */
const words = (n: number) =>
  Array.from({ length: n }, (_, i) => `word${i}${i % 10 === 9 ? '\n' : ''}`)
    .join(' ')
    .trim();
/** `n` non-blank lines of code. */
const lines = (n: number) =>
  Array.from({ length: n }, (_, i) => `x${i} = ${i}`).join('\n');
const exercises = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `demo.e${i}`, title: 'E' }));

describe('what the budget counts', () => {
  it('words: whitespace-separated tokens with a letter or digit', () => {
    expect(countWords('# A title\n\nOne two, three.\n\n- four\n- 5\n')).toBe(7);
    expect(countWords('| a | b |\n| --- | --- |\n> — * ---')).toBe(2);
    expect(countWords('Café straße 東京')).toBe(3);
  });

  it('inline code counts; fenced code blocks do not', () => {
    expect(countWords('Call `asyncio.run(main())` once.')).toBe(3);
    expect(
      countWords(
        'Before:\n\n```python\nimport asyncio\nasyncio.run(main())\n```\n\nafter.'
      )
    ).toBe(2);
    expect(countWords('a\n~~~~\nnot ~~~ counted\n~~~~\nb')).toBe(2);
    // A longer closing fence closes; a shorter one does not.
    expect(countWords('a\n````\nx\n```\ny\n`````\nb')).toBe(2);
    // An unclosed fence runs to the end of the cell.
    expect(countWords('a b\n```\nc d e')).toBe(2);
    // ``` with a backtick in its info string is inline code, not a fence.
    expect(countWords('```a` b c')).toBe(3);
  });

  it('HTML tags and comments do not count, text between tags does', () => {
    expect(
      countWords(
        '<details>\n<summary>Show the answer</summary>\n\nIt waits.\n</details>'
      )
    ).toBe(5);
    expect(countWords('one <!-- a note\nfor authors --> two')).toBe(2);
    expect(countWords('a<br/>b <span class="x">c</span>')).toBe(3);
    // Placeholders in inline code are read: `<id>` is no tag.
    expect(countWords('Run `%%check <exercise-id>` now')).toBe(4);
  });

  it('code lines: non-blank lines of code cells', () => {
    expect(countCodeLines('%%check a.b\n\nx = 1\n   \n# why\n')).toBe(3);
    expect(countCodeLines('')).toBe(0);
  });

  it('a notebook: markdown cells for words, code cells for lines, raw cells for neither', () => {
    const b = lessonBudget(
      notebook(
        md(['One two\n', 'three.']),
        code('a = 1\n\nb = 2'),
        raw('raw words here'),
        md('```\nx y z\n```\nfour'),
        null,
        { cell_type: 'code', source: 7 }
      ),
      { minutes: 10, exercises: exercises(1) }
    );
    expect(b).toEqual({
      words: 4,
      codeLines: 2,
      exercises: 1,
      neededMinutes: 4 / 120 + 6,
      statedMinutes: 10,
      over: []
    });
  });
});

describe('the rules', () => {
  it('a lesson that fits: exactly on every limit', () => {
    // 1,800 words / 120 = 15 minutes, + 6 × 2 exercises = 27.
    const b = lessonBudget(
      notebook(md(words(MAX_WORDS)), code(lines(MAX_CODE_LINES))),
      { minutes: 27, exercises: exercises(2) }
    );
    expect(b.words).toBe(1800);
    expect(b.codeLines).toBe(160);
    expect(b.neededMinutes).toBe(27);
    expect(b.over).toEqual([]);
  });

  it('too few minutes for its prose and exercises', () => {
    const b = lessonBudget(notebook(md(words(1200))), {
      minutes: 21,
      exercises: exercises(2)
    });
    expect(b.neededMinutes).toBe(22);
    expect(b.over).toEqual(['more minutes than course.json states']);
    expect(describeBudget(b)).toBe(
      '1,200 words of prose, 0 lines of code, 2 exercises: needs 22.0 minutes (1,200/120 + 6 × 2), states 21'
    );
  });

  it('too much prose, even with minutes to spare', () => {
    const b = lessonBudget(notebook(md(words(MAX_WORDS + 1))), {
      minutes: 120,
      exercises: []
    });
    expect(b.over).toEqual(['more than 1,800 words of prose']);
  });

  it('too much code, even with minutes to spare', () => {
    const b = lessonBudget(notebook(code(lines(MAX_CODE_LINES + 1))), {
      minutes: 120,
      exercises: exercises(1)
    });
    expect(b.over).toEqual(['more than 160 lines of code']);
    expect(describeBudget(b)).toBe(
      '0 words of prose, 161 lines of code, 1 exercise: needs 6.0 minutes (0/120 + 6 × 1), states 120'
    );
  });

  it('every rule broken at once, needed minutes rounded up', () => {
    const b = lessonBudget(notebook(md(words(2001)), code(lines(200))), {
      minutes: 20,
      exercises: exercises(2)
    });
    expect(b.over).toEqual([
      'more minutes than course.json states',
      'more than 1,800 words of prose',
      'more than 160 lines of code'
    ]);
    // 2001/120 + 12 = 28.675: shown as 28.7, never as less than needed.
    expect(describeBudget(b)).toMatch(/needs 28\.7 minutes/);
  });
});
