// Every lesson notebook of notebooks/course.json, executed on the real Pyodide kernel
// (JupyterLite's pyodide_kernel) under Node, with exactly the wheels the site ships.
//
//   node scripts/kernel-wheels.mjs && node --test test/notebooks/
//
// Tests, per notebook:
//   "notebook <file>: all code cells run without error"   (starter code as written)
//   "exercise <id> (<file>): starter code fails its check"  (same run)
//   "exercise <id> (<file>): reference solution passes"    (second kernel: every exercise
//                                                            cell body replaced by its solution)
// Before the first cell, `%load_ext asyncio_lab` runs silently, as the JupyterLab extension does.
// A cell tagged `raises-exception` (nbclient convention) must raise instead.
//
// Env:
//   ASYNCIO_LAB_COURSE          course manifest (default notebooks/course.json)
//   ASYNCIO_LAB_WHEELS_DIR      wheels dir (default build/wheels)
//   ASYNCIO_LAB_EXCLUDE_WHEELS  comma-separated distribution names to leave out (experiments)

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test, { after } from 'node:test';

import {
  ROOT,
  bootKernel,
  cellSource,
  clearPendingTimers,
  checksOf,
  describeOutputs,
  errorsOf,
} from './pyodide-kernel.mjs';

const COURSE = path.resolve(process.env.ASYNCIO_LAB_COURSE || path.join(ROOT, 'notebooks', 'course.json'));
const EXCLUDE = (process.env.ASYNCIO_LAB_EXCLUDE_WHEELS || '').split(',').map((s) => s.trim()).filter(Boolean);
const rel = (p) => path.relative(ROOT, p);
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;

// ---------------------------------------------------------------------------
// Discover notebooks and exercises (synchronously, so every test is declared up front).

function loadCourse() {
  if (!fs.existsSync(COURSE)) return { error: `course manifest ${rel(COURSE)} is missing` };
  let course;
  try {
    course = JSON.parse(fs.readFileSync(COURSE, 'utf8'));
  } catch (e) {
    return { error: `${rel(COURSE)} is not valid JSON: ${e.message}` };
  }
  if (!Array.isArray(course.lessons) || !course.lessons.length) return { error: `${rel(COURSE)} lists no lessons` };
  const dir = path.dirname(COURSE);
  return {
    notebooks: course.lessons.map((l) => {
      const file = path.join(dir, String(l.file));
      if (!fs.existsSync(file)) return { file, error: `lesson notebook ${rel(file)} (course.json lessons[].file) is missing` };
      let nb;
      try {
        nb = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (e) {
        return { file, error: `${rel(file)} is not valid JSON: ${e.message}` };
      }
      if (!Array.isArray(nb.cells)) return { file, error: `${rel(file)} has no cells array (not nbformat 4)` };
      const cells = nb.cells
        .filter((c) => c.cell_type === 'code')
        .map((c, i) => ({
          index: i,
          source: cellSource(c),
          exercise: c.metadata?.asyncio_lab?.exercise ?? null,
          raises: (c.metadata?.tags || []).includes('raises-exception'),
        }));
      return { file, cells, exercises: cells.filter((c) => c.exercise) };
    }),
  };
}

/** Solution source of an exercise, asked from the asyncio_lab package inside Pyodide. */
const SOLUTION_PY = `
def _asyncio_lab_solution(ex_id):
    import importlib
    errors = []
    # The registry API of asyncio_lab (asyncio_lab.exercises.get(id).solution); other spellings as fallbacks.
    for modname in ("asyncio_lab.exercises", "asyncio_lab.checks", "asyncio_lab.registry", "asyncio_lab"):
        try:
            mod = importlib.import_module(modname)
        except ImportError as e:
            errors.append(f"{modname}: {e}")
            continue
        for getter in ("get", "get_exercise", "exercise"):
            fn = getattr(mod, getter, None)
            if callable(fn):
                ex = fn(ex_id)
                sol = getattr(ex, "solution", None)
                if sol is None and isinstance(ex, dict):
                    sol = ex.get("solution")
                if callable(sol):
                    sol = sol()
                if isinstance(sol, str):
                    return sol
                errors.append(f"{modname}.{getter}({ex_id!r}) has no str .solution (got {type(sol).__name__})")
    raise LookupError(f"no solution for exercise {ex_id!r} in asyncio_lab: " + "; ".join(errors))
`;

/** Replace an exercise cell's body (everything after the %%check line) with `solution`. */
function withSolution(source, solution) {
  if (/^\s*%%check\b/.test(solution)) return solution; // the registry gave a whole cell
  const lines = source.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0 || !/^%%check\b/.test(lines[first].trim())) {
    throw new Error(`exercise cell does not start with %%check: ${lines[first]}`);
  }
  return `${lines.slice(0, first + 1).join('\n')}\n${solution.replace(/^\n+/, '')}`;
}

/** Boot a kernel, load the extension, run the notebook's code cells (optionally solved). */
async function runNotebook(nb, { solved }) {
  const k = await bootKernel({ exclude: EXCLUDE });
  const boot = k.timings;
  const bootMs = boot.loadPyodide + boot.loadWheels + boot.importKernel;
  const loadExt = await k.execute('%load_ext asyncio_lab');
  if (loadExt.status !== 'ok' || loadExt.outputs.length) {
    throw new Error(`%load_ext asyncio_lab did not load silently:\n${describeOutputs(loadExt.outputs)}`);
  }
  const solutions = {};
  if (solved) {
    await k.pyodide.runPythonAsync(SOLUTION_PY);
    const get = k.pyodide.globals.get('_asyncio_lab_solution');
    for (const ex of nb.exercises) solutions[ex.exercise] = String(get(ex.exercise));
    get.destroy();
  }
  const t0 = performance.now();
  const results = [];
  for (const cell of nb.cells) {
    const source = solved && cell.exercise ? withSolution(cell.source, solutions[cell.exercise]) : cell.source;
    results.push({ cell, source, ...(await k.execute(source)) });
  }
  const runMs = performance.now() - t0;
  return { results, boot, bootMs, runMs, dropped: k.dropped, stray: k.stray };
}

function logTimings(label, run) {
  const b = run.boot;
  const line =
    `${label}: cells ${sec(run.runMs)} | boot ${sec(run.bootMs)} ` +
    `(loadPyodide ${sec(b.loadPyodide)}, ${run.results.length ? '' : ''}wheels ${sec(b.loadWheels)}, import pyodide_kernel ${sec(b.importKernel)})`;
  console.log(line);
}

// ---------------------------------------------------------------------------

after(clearPendingTimers);

const course = loadCourse();
if (course.error) {
  test('course manifest', () => assert.fail(course.error));
} else {
  for (const nb of course.notebooks) {
    const name = path.basename(nb.file);
    if (nb.error) {
      test(`notebook ${name}`, () => assert.fail(nb.error));
      continue;
    }
    let starter, solved;
    const starterRun = () => (starter ??= runNotebook(nb, { solved: false }));
    const solvedRun = () => (solved ??= runNotebook(nb, { solved: true }));

    test(`notebook ${name}: all ${nb.cells.length} code cells run without error`, async () => {
      const run = await starterRun();
      logTimings(`${name} (as written)`, run);
      if (run.dropped.length) console.log(`wheels left out: ${run.dropped.join(', ')}`);
      const problems = [];
      for (const r of run.results) {
        const errs = errorsOf(r.outputs);
        if (r.cell.raises && !errs.length) problems.push(`code cell ${r.cell.index} is tagged raises-exception but raised nothing`);
        if (!r.cell.raises && errs.length) {
          problems.push(`code cell ${r.cell.index} raised:\n--- source ---\n${r.source}\n--- outputs ---\n${describeOutputs(r.outputs)}`);
        }
      }
      for (const r of run.results) {
        const err = r.outputs.filter((o) => o.output_type === 'stream' && o.name === 'stderr');
        if (err.length) console.log(`stderr of code cell ${r.cell.index} (not a failure):\n${describeOutputs(err)}`);
      }
      const strayErrors = run.stray.filter((o) => o.output_type === 'stream' && o.name === 'stderr');
      if (strayErrors.length) console.log(`stderr published between cells:\n${describeOutputs(strayErrors)}`);
      assert.equal(problems.length, 0, problems.join('\n\n'));
    });

    for (const ex of nb.exercises) {
      const find = (run) => run.results.find((r) => r.cell.index === ex.index);

      test(`exercise ${ex.exercise} (${name}): starter code fails its check`, async () => {
        const r = find(await starterRun());
        const checks = checksOf(r.outputs);
        assert.equal(checks.length, 1, `expected one check bundle, got ${checks.length}:\n${describeOutputs(r.outputs)}`);
        assert.equal(checks[0].passed, false, `starter code passed the check:\n${JSON.stringify(checks[0], null, 2)}`);
        assert.equal(errorsOf(r.outputs).length, 0, `starter cell raised:\n${describeOutputs(r.outputs)}`);
      });

      test(`exercise ${ex.exercise} (${name}): reference solution passes`, async () => {
        const run = await solvedRun();
        const r = find(run);
        const checks = checksOf(r.outputs);
        assert.equal(
          checks.length, 1,
          `expected one check bundle, got ${checks.length}:\n--- source ---\n${r.source}\n--- outputs ---\n${describeOutputs(r.outputs)}`
        );
        assert.equal(checks[0].passed, true, `solution failed the check:\n${r.source}\n${JSON.stringify(checks[0], null, 2)}`);
        assert.equal(errorsOf(r.outputs).length, 0, `solution cell raised:\n${describeOutputs(r.outputs)}`);
      });
    }

    if (nb.exercises.length) {
      // Report the solved run's timing once all its tests are done.
      test(`notebook ${name}: runs without error with every exercise solved`, async () => {
        const run = await solvedRun();
        logTimings(`${name} (solved)`, run);
        const bad = run.results.filter((r) => !r.cell.raises && errorsOf(r.outputs).length);
        assert.equal(bad.length, 0, bad.map((r) => `code cell ${r.cell.index}:\n${describeOutputs(r.outputs)}`).join('\n\n'));
      });
    }
  }
}
