/**
 * Keeps docs/bad-input.md honest: every row names at least one test, and
 * every test it names exists (the file, the pytest function and case id, or
 * the jest `describe` and `it` titles).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '..', '..');
const doc = fs.readFileSync(path.join(root, 'docs', 'bad-input.md'), 'utf8');

interface IRow {
  line: number;
  input: string;
  tests: string[];
}

/** The body rows of every table in the doc, with the tests each names. */
function rows(): IRow[] {
  const out: IRow[] = [];
  doc.split('\n').forEach((text, i) => {
    if (!text.startsWith('|') || /^\|\s*-/.test(text)) {
      return;
    }
    const cells = text
      .slice(1, -1)
      .split(' | ')
      .map(c => c.trim());
    if (cells[0] === 'input') {
      return; // a header
    }
    const tests = [
      ...cells[cells.length - 1].matchAll(/`([^`]+::[^`]+)`/g)
    ].map(m => m[1]);
    out.push({ line: i + 1, input: cells[0], tests });
  });
  return out;
}

/** Why `ref` does not name an existing test, or null if it does. */
function missing(ref: string): string | null {
  const [file, name] = ref.split('::');
  const full = path.join(root, file);
  if (!fs.existsSync(full)) {
    return `${file} does not exist`;
  }
  const source = fs.readFileSync(full, 'utf8');
  if (file.endsWith('.py')) {
    const m = /^(\w+)(?:\[(.+)\])?$/.exec(name);
    if (!m) {
      return `"${name}" is not a pytest name`;
    }
    if (!new RegExp(`^(async )?def ${m[1]}\\(`, 'm').test(source)) {
      return `${file} has no test function ${m[1]}`;
    }
    if (m[2] && !source.includes(`"${m[2]}"`)) {
      return `${file} has no case "${m[2]}"`;
    }
    return null;
  }
  // The doc may leave out outer describes: `a > b` matches `outer > a > b`.
  if (!jestTitles(full).some(t => t === name || t.endsWith(` > ${name}`))) {
    return `${file} has no test "${name}"`;
  }
  return null;
}

/** Every jest test of a spec file as "describe > ... > it", read with the TypeScript parser. */
function jestTitles(file: string): string[] {
  const sf = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true
  );
  const titles: string[] = [];
  const visit = (node: ts.Node, parents: string[]) => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      ['describe', 'it', 'test'].includes(node.expression.text) &&
      node.arguments.length &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      const title = [...parents, node.arguments[0].text];
      if (node.expression.text === 'describe') {
        node.arguments.slice(1).forEach(a => visit(a, title));
      } else {
        titles.push(title.join(' > '));
      }
      return;
    }
    ts.forEachChild(node, child => visit(child, parents));
  };
  visit(sf, []);
  return titles;
}

describe('docs/bad-input.md', () => {
  it('has a row for each kind of bad input the issue lists', () => {
    const all = rows();
    expect(all.length).toBeGreaterThanOrEqual(60);
    const text = all.map(r => r.input).join('\n');
    for (const kind of [
      '%%check',
      '%hint',
      '%solution',
      '%coach',
      '%%timeline',
      '%%callgraph',
      '%%virtualtime',
      'course.json',
      'workshop.json',
      'lesson notebook',
      'not JSON',
      '__proto__',
      '100,000 tasks',
      '10 MB'
    ]) {
      expect(text).toContain(kind);
    }
  });

  it('names at least one test in every row', () => {
    const bare = rows().filter(r => r.tests.length === 0);
    expect(bare.map(r => `line ${r.line}: ${r.input}`)).toEqual([]);
  });

  it('names only tests that exist', () => {
    const problems = rows().flatMap(r =>
      r.tests
        .map(ref => missing(ref))
        .filter((p): p is string => p !== null)
        .map(p => `line ${r.line}: ${p}`)
    );
    expect(problems).toEqual([]);
  });

  it('would notice a test that does not exist', () => {
    expect(missing('test/unit/progress.spec.ts::no such test')).toBe(
      'test/unit/progress.spec.ts has no test "no such test"'
    );
    // A real test under another describe is not the test named.
    expect(
      missing(
        'test/unit/progress.spec.ts::ProgressStorage > refuses a file that is not JSON'
      )
    ).toMatch(/has no test/);
    expect(
      missing(
        'test/unit/progress.spec.ts::importing a progress file > refuses a file that is not JSON'
      )
    ).toBeNull();
    expect(
      missing('python/tests/test_bad_input.py::test_misused_magic[nope]')
    ).toBe('python/tests/test_bad_input.py has no case "nope"');
    expect(missing('python/tests/test_bad_input.py::test_gone')).toBe(
      'python/tests/test_bad_input.py has no test function test_gone'
    );
    expect(missing('python/tests/test_gone.py::test_x')).toBe(
      'python/tests/test_gone.py does not exist'
    );
  });
});
