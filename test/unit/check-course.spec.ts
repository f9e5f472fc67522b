/**
 * The course check the build runs (`node scripts/check-course.mjs [dir]`)
 * against broken copies of `notebooks/`: each case must fail the build with
 * one line naming the file and what is wrong in it. These are the rows of
 * docs/bad-input.md about course files. The script reads the compiled
 * validators (`build/node/course/manifest.js`, written by `npm run build:lib`).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OVER_BUDGET_UNTIL_SPLIT } from '../../src/course/budget';

const root = path.resolve(__dirname, '..', '..');
const script = path.join(root, 'scripts', 'check-course.mjs');
const notebooks = path.join(root, 'notebooks');

type Json = Record<string, any>;

let dir: string;

beforeAll(() => {
  const compiled = path.join(root, 'build', 'node', 'course', 'manifest.js');
  if (!fs.existsSync(compiled)) {
    throw new Error(
      `${compiled} is missing: the course check runs the compiled validators; run npm run build:lib first`
    );
  }
});

/** A fresh copy of the shipped course to break. */
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asyncio-lab-course-'));
  for (const name of fs.readdirSync(notebooks)) {
    fs.copyFileSync(path.join(notebooks, name), path.join(dir, name));
  }
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const read = (name: string): Json =>
  JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
const write = (name: string, data: unknown) =>
  fs.writeFileSync(
    path.join(dir, name),
    typeof data === 'string' ? data : JSON.stringify(data, null, 1)
  );
const edit = (name: string, change: (data: Json) => unknown) => {
  const data = read(name);
  const replaced = change(data);
  write(name, replaced === undefined ? data : replaced);
};
const firstLesson = () => read('course.json').lessons[0];
const fileOf = (id: string): string =>
  read('course.json').lessons.find((l: Json) => l.id === id).file;
const shown = () => escape(path.relative(root, dir));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const sep = escape(path.sep);

/** Run the check; it must fail, and each line it prints names a file. */
function problems(): string[] {
  const r = spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });
  expect(r.status).toBe(1);
  // Warnings (lessons on the temporary over-budget list) may come first.
  for (const line of r.stdout.split('\n').filter(Boolean)) {
    expect(line).toMatch(/^course: warning: /);
  }
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines[0]).toBe('The course is not valid:');
  const listed = lines.slice(1).map(line => line.replace(/^ {2}- /, ''));
  const shown = path.relative(root, dir);
  for (const line of listed) {
    expect(line.startsWith(`${shown}${path.sep}`)).toBe(true);
  }
  // Reported relative to the copy: "course.json: lessons[0].id: ...".
  return listed.map(line => line.slice(shown.length + 1));
}

describe('the course check (build:course)', () => {
  it('passes the shipped course', () => {
    const r = spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = r.stdout.trimEnd().split('\n');
    expect(out.pop()).toBe('course: manifest and lesson notebooks are valid');
    // Only the lessons on the temporary list may be over their budget: one
    // warning each, with their figures.
    expect(out).toEqual(
      OVER_BUDGET_UNTIL_SPLIT.map(id =>
        expect.stringMatching(
          new RegExp(
            `^course: warning: ${shown()}${sep}${fileOf(id)}: over its time budget until it is split \\(OVER_BUDGET_UNTIL_SPLIT\\): .+ \\([\\d,]+ words of prose, \\d+ lines of code, \\d+ exercises?: needs [\\d.]+ minutes \\(.+\\), states \\d+\\)$`
          )
        )
      )
    );
    expect(r.status).toBe(0);
  });

  describe('course.json', () => {
    it('not JSON', () => {
      write('course.json', '{"version": 1, "lessons": [');
      const [only, ...rest] = problems();
      expect(only).toMatch(/^course\.json: not readable JSON \(/);
      expect(rest).toEqual([]);
    });

    it('JSON that is not a manifest', () => {
      for (const data of ['null', '[]', '"course"']) {
        write('course.json', data);
        expect(problems()).toEqual([
          'course.json: manifest: must be a JSON object'
        ]);
      }
    });

    it('a missing field', () => {
      edit('course.json', c => {
        delete c.title;
        delete c.lessons[1].objectives;
      });
      expect(problems()).toEqual([
        'course.json: title: must be a non-empty string',
        'course.json: lessons[1].objectives: must be a non-empty list of strings'
      ]);
    });

    it('a wrong version', () => {
      edit('course.json', c => {
        c.version = 2;
      });
      expect(problems()).toEqual(['course.json: version: must be 1 (found 2)']);
    });

    it('a duplicate lesson id', () => {
      let id = '';
      edit('course.json', c => {
        id = c.lessons[1].id;
        c.lessons[2].id = id;
      });
      expect(problems()).toEqual(
        expect.arrayContaining([
          `course.json: lessons[2].id: duplicate lesson id "${id}"`
        ])
      );
    });

    it('a duplicate exercise id', () => {
      let id = '';
      edit('course.json', c => {
        const lesson = c.lessons.find((l: Json) => l.exercises.length >= 2);
        id = lesson.exercises[0].id;
        lesson.exercises[1].id = id;
      });
      expect(problems()).toEqual([
        expect.stringMatching(
          new RegExp(
            `^course\\.json: lessons\\[\\d+\\]\\.exercises\\[1\\]\\.id: duplicate exercise id "${id.replace('.', '\\.')}"$`
          )
        )
      ]);
    });

    it('a notebook file that does not exist', () => {
      edit('course.json', c => {
        c.lessons[0].file = '99-not-there.ipynb';
      });
      expect(problems()).toEqual([
        '99-not-there.ipynb: listed in course.json but missing'
      ]);
    });

    it('a file name that is not a notebook name', () => {
      edit('course.json', c => {
        c.lessons[0].file = '../escape.ipynb';
      });
      expect(problems()).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^course\.json: lessons\[0\]\.file: "\.\.\/escape\.ipynb" does not match/
          )
        ])
      );
    });

    it('an exercise id in the wrong format', () => {
      edit('course.json', c => {
        const lesson = c.lessons.find((l: Json) => l.exercises.length);
        lesson.exercises[0].id = 'Download_All';
      });
      expect(problems()).toEqual([
        expect.stringMatching(
          /^course\.json: lessons\[\d+\]\.exercises\[0\]\.id: must look like "<lesson-id>\.<name>" in kebab-case \(found "Download_All"\)$/
        )
      ]);
    });

    it('an exercise id of another lesson', () => {
      edit('course.json', c => {
        const lesson = c.lessons.find((l: Json) => l.exercises.length);
        lesson.exercises[0].id = 'another-lesson.task';
      });
      expect(problems()).toEqual([
        expect.stringMatching(
          /^course\.json: lessons\[\d+\]\.exercises\[0\]\.id: must start with the lesson id "[a-z0-9-]+\."$/
        )
      ]);
    });

    it('a former file name that is malformed, current or claimed twice', () => {
      const c = read('course.json');
      const [a, b] = [c.lessons[1], c.lessons[2]];
      a.formerFiles = ['old-1.ipynb', 'notes.txt', c.lessons[0].file];
      b.formerFiles = ['old-1.ipynb'];
      write('course.json', c);
      expect(problems()).toEqual([
        `course.json: lessons[1].formerFiles[1]: must be a notebook file name like "06-signals.ipynb" (found "notes.txt"; lesson "${a.id}")`,
        `course.json: lessons[2].formerFiles[0]: "old-1.ipynb" is claimed twice (lesson "${b.id}"; also by lessons[1].formerFiles[0], lesson "${a.id}")`,
        `course.json: lessons[1].formerFiles[2]: "${c.lessons[0].file}" is the current file of lesson "${c.lessons[0].id}", not a former one (lesson "${a.id}")`
      ]);
    });
  });

  describe('the time budget', () => {
    /** The first lesson with exercises that is not on the temporary list. */
    const onBudget = (): Json =>
      read('course.json').lessons.find(
        (l: Json) =>
          l.exercises.length && !OVER_BUDGET_UNTIL_SPLIT.includes(l.id)
      );
    const paragraph = (n: number) =>
      Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

    it('too few minutes for a lesson', () => {
      const lesson = onBudget();
      edit('course.json', c => {
        c.lessons.find((l: Json) => l.id === lesson.id).minutes = 1;
      });
      expect(problems()).toEqual([
        expect.stringMatching(
          new RegExp(
            `^${escape(lesson.file)}: over its time budget: more minutes than course\\.json states \\([\\d,]+ words of prose, \\d+ lines of code, ${lesson.exercises.length} exercises: needs [\\d.]+ minutes \\([\\d,]+/120 \\+ 6 × ${lesson.exercises.length}\\), states 1\\)$`
          )
        )
      ]);
    });

    it('too much prose and code in a lesson', () => {
      const lesson = onBudget();
      edit('course.json', c => {
        c.lessons.find((l: Json) => l.id === lesson.id).minutes = 600;
      });
      edit(lesson.file, nb => {
        nb.cells.push(
          { cell_type: 'markdown', metadata: {}, source: paragraph(1801) },
          {
            cell_type: 'code',
            metadata: {},
            outputs: [],
            execution_count: null,
            source: Array.from({ length: 161 }, (_, i) => `x = ${i}`).join('\n')
          }
        );
      });
      expect(problems()).toEqual([
        expect.stringMatching(
          new RegExp(
            `^${escape(lesson.file)}: over its time budget: more than 1,800 words of prose; more than 160 lines of code \\(\\d,\\d{3} words of prose, \\d+ lines of code, .*states 600\\)$`
          )
        )
      ]);
    });

    it('a lesson on the temporary list that fits its budget now', () => {
      const id = OVER_BUDGET_UNTIL_SPLIT[0];
      const file = fileOf(id);
      edit(file, nb => {
        nb.cells = nb.cells.slice(0, 1);
      });
      expect(problems()).toEqual([
        expect.stringMatching(
          new RegExp(
            `^${escape(file)}: fits its time budget now \\(.+\\): remove "${id}" from OVER_BUDGET_UNTIL_SPLIT in src/course/budget\\.ts$`
          )
        )
      ]);
    });

    it('a lesson on the temporary list that is no lesson of the course', () => {
      const id = OVER_BUDGET_UNTIL_SPLIT[0];
      edit('course.json', c => {
        c.lessons = c.lessons.filter((l: Json) => l.id !== id);
        for (const l of c.lessons) {
          l.prerequisites = l.prerequisites?.filter((p: string) => p !== id);
        }
      });
      expect(problems()).toEqual([
        `course.json: "${id}" in OVER_BUDGET_UNTIL_SPLIT (src/course/budget.ts) is no lesson of the course: remove it`
      ]);
    });
  });

  describe('workshop.json', () => {
    it('not JSON', () => {
      write('workshop.json', '{"version": 1,');
      expect(problems()).toEqual([
        expect.stringMatching(/^workshop\.json: not valid JSON \(/)
      ]);
    });

    it('missing', () => {
      fs.rmSync(path.join(dir, 'workshop.json'));
      expect(problems()).toEqual([
        'workshop.json: missing (the workshop plan; {"version": 1} runs every lesson)'
      ]);
    });

    it('an unknown lesson, a lesson twice, bad minutes, notes for nothing', () => {
      const id = firstLesson().id;
      write('workshop.json', {
        version: 1,
        lessons: [{ id }, { id: 'no-such-lesson' }, { id, minutes: 0 }],
        notes: { 'not-a-lesson': 'x' }
      });
      const found = problems();
      expect(found).toEqual([
        expect.stringMatching(
          /^workshop\.json: notes\.not-a-lesson: not a lesson of the course \(known: welcome, /
        ),
        expect.stringMatching(
          /^workshop\.json: lessons\[1\]\.id: "no-such-lesson" is not a lesson of the course \(known: /
        ),
        `workshop.json: lessons[2].id: "${id}" is listed twice`,
        'workshop.json: lessons[2].minutes: must be a number of minutes between 1 and 600'
      ]);
    });

    it('a wrong version or shape', () => {
      write('workshop.json', { lessons: 'all' });
      expect(problems()).toEqual([
        'workshop.json: version: must be 1 (found undefined)',
        'workshop.json: lessons: must be a non-empty list (or left out for all lessons)'
      ]);
    });
  });

  describe('lesson notebooks', () => {
    const file = () => firstLesson().file as string;

    it('not JSON', () => {
      write(file(), '{"cells": [');
      expect(problems()).toEqual([
        expect.stringMatching(new RegExp(`^${file()}: not valid JSON \\(`))
      ]);
    });

    it('a wrong nbformat', () => {
      edit(file(), nb => {
        nb.nbformat = 3;
      });
      expect(problems()).toEqual([`${file()}: nbformat: must be 4 (found 3)`]);
    });

    it('missing lesson metadata', () => {
      edit(file(), nb => {
        delete nb.metadata.asyncio_lab;
      });
      expect(problems()).toEqual([
        `${file()}: metadata.asyncio_lab.lesson: must be "${firstLesson().id}" (found null)`
      ]);
    });

    it('saved with outputs', () => {
      let index = -1;
      edit(file(), nb => {
        index = nb.cells.findIndex((c: Json) => c.cell_type === 'code');
        nb.cells[index].outputs = [
          { output_type: 'stream', name: 'stdout', text: 'hello\n' }
        ];
      });
      expect(problems()).toEqual([
        `${file()}: cells[${index}].outputs: lessons are saved without outputs`
      ]);
    });

    it('not a notebook at all', () => {
      write(file(), 'null');
      expect(problems()).toEqual([
        `${file()}: notebook: must be a JSON object`
      ]);
      edit(file(), () => ({ nbformat: 4, nbformat_minor: 5, metadata: {} }));
      expect(problems()).toEqual([
        `${file()}: metadata.asyncio_lab.lesson: must be "${firstLesson().id}" (found null)`,
        `${file()}: cells: must be a list`
      ]);
    });
  });
});
