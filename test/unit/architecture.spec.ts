/**
 * Keeps the layout of the TypeScript honest (issue 12): no import cycle in
 * src/ or lite/src/, and the rooms of src/ import only what they may:
 * plugin files never import each other, course/ (data and state) imports no
 * view and nothing DOM- or widget-ish, the manifest imports nothing (it is
 * compiled alone for Node), and index files only re-export. The site build
 * (lite/build/*.mjs) is a tree: index.mjs imports the steps, the steps import
 * only util.mjs. Each rule is also run on a small synthetic tree that breaks
 * it, so it can fail.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { DOMAIN } from '../../src/ui/translation';

const root = path.resolve(__dirname, '..', '..');
const SRC = path.join(root, 'src');
const LITE_SRC = path.join(root, 'lite', 'src');

/** One import of a file: what it names, and the `.ts` file that is (if ours). */
interface IImport {
  specifier: string;
  /** The resolved file for a relative import of a `.ts` module, else null. */
  file: string | null;
}

/** Every `.ts` file below a folder (declaration files too), absolute, sorted. */
function tsFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map(f => path.join(dir, String(f)))
    .filter(f => f.endsWith('.ts') && fs.statSync(f).isFile())
    .sort();
}

/**
 * `./x` or `../x` from `from` as a file: `x.ts`, `x/index.ts`, or, for a
 * `.js` specifier (ES module style), the `.ts` it is compiled from. Null for
 * anything that is not one of our TypeScript modules (JSON, notebooks).
 */
function resolve(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [
    base,
    `${base}.ts`,
    path.join(base, 'index.ts'),
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.js$/, '/index.ts')
  ];
  return candidates.find(c => c.endsWith('.ts') && fs.existsSync(c)) ?? null;
}

/**
 * The imports of a file: `import` (also `import type`), `export … from`,
 * dynamic `import()` and `require()` with a literal module name.
 */
function importsOf(file: string): IImport[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map(({ fileName }) => ({
    specifier: fileName,
    file: fileName.startsWith('.') ? resolve(file, fileName) : null
  }));
}

/** file -> the files of ours it imports, for every `.ts` file below `dirs`. */
function importGraph(dirs: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of dirs.flatMap(tsFiles)) {
    const targets = importsOf(file)
      .map(i => i.file)
      .filter((f): f is string => f !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/**
 * Every import cycle of a graph, each as the path that closes it
 * (`a -> b -> a`), found by a depth-first search; one cycle per strongly
 * connected part is enough to name it.
 */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(next)), next]);
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) {
    if (!state.has(node)) {
      visit(node);
    }
  }
  return cycles;
}

const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
const describeCycle = (cycle: string[]) => cycle.map(rel).join(' -> ');
const isIn = (file: string, dir: string) =>
  !path.relative(dir, file).startsWith('..');

/** The statements of an index file that are not re-exports. */
function notReExports(file: string): string[] {
  const sf = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true
  );
  return sf.statements
    .filter(s => !(ts.isExportDeclaration(s) && s.moduleSpecifier))
    .map(s => s.getText(sf).split('\n')[0]);
}

/** Packages of views, widgets and the application: not for course/. */
const VIEW_PACKAGES = [
  '@lumino/widgets',
  '@lumino/messaging',
  '@jupyterlab/apputils',
  '@jupyterlab/ui-components',
  '@jupyterlab/application',
  '@jupyterlab/notebook',
  '@jupyterlab/docmanager',
  '@jupyterlab/rendermime',
  'react'
];

/** Names of the page itself: course/ works without a document. */
const DOM_GLOBALS = new Set(['document', 'HTMLElement', 'Element']);

/** The page globals a file's code (not its comments) uses. */
function domGlobalsOf(file: string): string[] {
  const sf = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true
  );
  const found = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && DOM_GLOBALS.has(node.text)) {
      found.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...found];
}

/** What breaks the rules of the rooms of a `src/` tree, one line each. */
function layoutProblems(src: string): string[] {
  const problems: string[] = [];
  const plugins = path.join(src, 'plugins');
  const extension = path.join(src, 'extension.ts');
  const course = path.join(src, 'course');
  const manifest = path.join(course, 'manifest.ts');
  const notForCourse = ['ui', 'renderers', 'plugins', 'commands', 'notebooks'];
  for (const file of tsFiles(src)) {
    const imports = importsOf(file);
    for (const { specifier, file: target } of imports) {
      if (target && isIn(target, plugins) && file !== extension) {
        problems.push(
          `${rel(file)} imports the plugin file ${rel(target)} (plugins are collected only in ${rel(src)}/extension.ts; shared things live in tokens.ts)`
        );
      }
      if (isIn(file, course)) {
        const room = notForCourse.find(
          r => target && isIn(target, path.join(src, r))
        );
        if (room) {
          problems.push(
            `${rel(file)} imports ${specifier}: course/ holds data and state and imports nothing from ${room}/`
          );
        }
        const pkg = VIEW_PACKAGES.find(
          p => specifier === p || specifier.startsWith(`${p}/`)
        );
        if (pkg) {
          problems.push(
            `${rel(file)} imports ${pkg}: course/ holds data and state, no views or widgets`
          );
        }
      }
    }
    if (file === manifest && imports.length) {
      problems.push(
        `${rel(file)} imports ${imports.map(i => i.specifier).join(', ')}: the manifest is compiled alone for Node (tsconfig.node.json) and imports nothing`
      );
    }
    if (isIn(file, course)) {
      for (const name of domGlobalsOf(file)) {
        problems.push(
          `${rel(file)} uses ${name}: course/ holds data and state, no DOM`
        );
      }
    }
    if (path.basename(file) === 'index.ts') {
      for (const statement of notReExports(file)) {
        problems.push(
          `${rel(file)}: "${statement}" (index files only re-export)`
        );
      }
    }
  }
  return problems;
}

/**
 * What breaks the shape of the site build (lite/build/*.mjs), one line each:
 * index.mjs imports every step, each step imports only util.mjs, util.mjs
 * imports none of ours, and every relative import names an existing file.
 * So the modules form a tree and no step reaches into another.
 */
function siteBuildProblems(dir: string): string[] {
  const problems: string[] = [];
  const files = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.mjs'))
    .sort();
  const steps = files.filter(f => f !== 'index.mjs' && f !== 'util.mjs');
  for (const name of files) {
    const file = path.join(dir, name);
    const ours = importsOf(file)
      .map(i => i.specifier)
      .filter(s => s.startsWith('.'));
    for (const specifier of ours) {
      if (!fs.existsSync(path.resolve(dir, specifier))) {
        problems.push(`${rel(file)}: ${specifier} does not exist`);
      }
    }
    const targets = ours.map(s => path.relative(dir, path.resolve(dir, s)));
    const allowed =
      name === 'index.mjs'
        ? [...steps, 'util.mjs']
        : name === 'util.mjs'
          ? []
          : ['util.mjs'];
    for (const target of targets.filter(t => !allowed.includes(t))) {
      problems.push(
        `${rel(file)} imports ${target} (index.mjs imports the steps, the steps import only util.mjs, util.mjs none of them)`
      );
    }
    if (name === 'index.mjs') {
      for (const step of steps.filter(s => !targets.includes(s))) {
        problems.push(`${rel(file)} does not import the step ${step}`);
      }
    }
  }
  return problems;
}

/** A throw-away tree of files, `{ 'a/b.ts': 'text' }`, for a rule to fail on. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asyncio-lab-arch-'));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

describe('architecture', () => {
  const made: string[] = [];
  const synthetic = (files: Record<string, string>) => {
    const dir = tree(files);
    made.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of made) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('import cycles', () => {
    it('there is none in src/ or lite/src/', () => {
      const graph = importGraph([SRC, LITE_SRC]);
      expect(graph.size).toBeGreaterThan(30); // it did read the trees
      expect(findCycles(graph).map(describeCycle)).toEqual([]);
    });

    it('every relative import of src/ and lite/src/ resolves', () => {
      const unresolved = [SRC, LITE_SRC].flatMap(tsFiles).flatMap(file =>
        importsOf(file)
          .filter(
            i =>
              i.specifier.startsWith('.') &&
              !i.file &&
              !/\.(json|ipynb|css|svg)$/.test(i.specifier)
          )
          .map(i => `${rel(file)}: ${i.specifier}`)
      );
      expect(unresolved).toEqual([]);
    });

    it('a cycle in a small graph is found and named', () => {
      const graph = new Map([
        ['a', ['b']],
        ['b', ['c']],
        ['c', ['a', 'd']],
        ['d', []],
        ['e', ['a']]
      ]);
      expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
      expect(
        findCycles(
          new Map([
            ['a', ['b']],
            ['b', []]
          ])
        )
      ).toEqual([]);
    });

    it('a cycle through every kind of import in a synthetic tree is found', () => {
      const dir = synthetic({
        'a.ts': "import type { B } from './b';\nexport type A = B;\n",
        'b/index.ts': "export { c } from '../c.js';\nexport type B = 1;\n",
        'c.ts': "export const c = () => import('./d');\n",
        'd.ts': "import { A } from './a';\nexport const d: A | null = null;\n",
        'e.ts': "import './d';\n"
      });
      const cycles = findCycles(importGraph([dir])).map(cycle =>
        cycle.map(f => path.relative(dir, f)).join(' -> ')
      );
      expect(cycles).toEqual(['a.ts -> b/index.ts -> c.ts -> d.ts -> a.ts']);
    });
  });

  describe('rooms of src/', () => {
    it('keep their rules', () => {
      expect(layoutProblems(SRC)).toEqual([]);
    });

    it('plugin files never import each other', () => {
      const dir = synthetic({
        'plugins/a.ts': "import b from './b';\nexport default b;\n",
        'plugins/b.ts': 'export default 1;\n',
        'extension.ts': "import b from './plugins/b';\nexport default [b];\n"
      });
      expect(layoutProblems(dir)).toEqual([
        expect.stringMatching(/plugins\/a\.ts imports the plugin file/)
      ]);
    });

    it('course/ imports no view, widget or DOM', () => {
      const dir = synthetic({
        'course/model.ts': [
          "import { Widget } from '@lumino/widgets';",
          "import { el } from '../ui/dom';",
          'export const w = new Widget();',
          "export const p = document.createElement('p');",
          'export { el };'
        ].join('\n'),
        'ui/dom.ts': 'export const el = 1;\n'
      });
      expect(layoutProblems(dir)).toEqual([
        expect.stringMatching(/imports @lumino\/widgets/),
        expect.stringMatching(/imports \.\.\/ui\/dom: .*nothing from ui\//),
        expect.stringMatching(/uses document/)
      ]);
    });

    it('the manifest imports nothing', () => {
      const dir = synthetic({
        'course/manifest.ts': "import { x } from './x';\nexport { x };\n",
        'course/x.ts': 'export const x = 1;\n'
      });
      expect(layoutProblems(dir)).toEqual([
        expect.stringMatching(/manifest\.ts imports \.\/x: .*imports nothing/)
      ]);
    });

    it('index files only re-export', () => {
      const dir = synthetic({
        'index.ts':
          "import plugins from './extension';\nexport * from './extension';\nexport default plugins;\n",
        'extension.ts': 'export default [];\n'
      });
      expect(layoutProblems(dir)).toEqual([
        expect.stringMatching(/"import plugins from/),
        expect.stringMatching(/"export default plugins;"/)
      ]);
    });
  });

  describe('the site build (lite/build/)', () => {
    it('is a tree: index.mjs imports the steps, the steps only util.mjs', () => {
      const dir = path.join(root, 'lite', 'build');
      expect(fs.readdirSync(dir).length).toBeGreaterThan(3);
      expect(siteBuildProblems(dir)).toEqual([]);
    });

    it('a step importing another step, or util.mjs a step, is named', () => {
      const dir = synthetic({
        'index.mjs': "import './a.mjs';\nimport './util.mjs';\n",
        'a.mjs': "import './b.mjs';\nimport './util.mjs';\n",
        'b.mjs': "import './missing.mjs';\n",
        'util.mjs': "import './a.mjs';\n"
      });
      expect(siteBuildProblems(dir)).toEqual([
        expect.stringMatching(/a\.mjs imports b\.mjs/),
        expect.stringMatching(/b\.mjs: \.\/missing\.mjs does not exist/),
        expect.stringMatching(/b\.mjs imports missing\.mjs/),
        expect.stringMatching(/index\.mjs does not import the step b\.mjs/),
        expect.stringMatching(/util\.mjs imports a\.mjs/)
      ]);
    });
  });

  describe('the translation domain', () => {
    const literal = new RegExp(`\\.load\\(\\s*(['"])${DOMAIN}\\1\\s*\\)`);

    it('is loaded through DOMAIN (src/ui/domain.ts), never by its literal', () => {
      const files = [SRC, LITE_SRC, path.join(root, 'test')].flatMap(tsFiles);
      const offenders = files
        .filter(f => literal.test(fs.readFileSync(f, 'utf8')))
        .map(rel);
      expect(offenders).toEqual([]);
    });
  });
});
