// Code completion on the real kernel (Pyodide under Node) with the wheels the site ships:
// the kernel starts without jedi and parso (wheels.json "completion"), installs them the way
// the site's worker does before the first completion request, and then completes stdlib names
// from jedi's trimmed wheel (typeshed's stdlib stubs are kept, third-party stubs are not).
//
//   node scripts/kernel-wheels.mjs && node --test test/notebooks/pyodide-completion.test.mjs

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { trimWheel } from '../../scripts/wheel-trim.mjs';
import { WHEELS_DIR, bootKernel, clearPendingTimers, describeOutputs, errorsOf, readWheelManifest, recordProblems } from './pyodide-kernel.mjs';

const { completion } = readWheelManifest();
let k;

before(async () => {
  k = await bootKernel();
});
after(() => clearPendingTimers());

const py = (code) => k.pyodide.runPython(code);

test('the kernel starts without the completion-only wheels and runs code', async () => {
  assert.ok(completion.some((w) => w.startsWith('jedi-')), `wheels.json lists jedi under "completion": ${completion}`);
  assert.equal(py('import importlib.util; importlib.util.find_spec("jedi") is None'), true);
  assert.equal(py('import importlib.util; importlib.util.find_spec("parso") is None'), true);
  const r = await k.execute('import asyncio\nawait asyncio.sleep(0)\nprint(sorted(asyncio.all_tasks()) == [] or "tasks")');
  assert.deepEqual(errorsOf(r.outputs), [], describeOutputs(r.outputs));
});

test('after installing them, `asyncio.` and `import asy` complete (jedi, stdlib stubs)', async () => {
  await k.installCompletionWheels();
  // Not executed: jedi has to read asyncio statically, from typeshed's stdlib stubs.
  const attr = k.complete('import asyncio\nasyncio.');
  assert.equal(attr.status, 'ok');
  for (const name of ['create_task', 'gather', 'TaskGroup', 'wait_for']) {
    assert.ok(attr.matches.includes(name), `asyncio.${name} missing from ${attr.matches.slice(0, 20).join(' ')}`);
  }
  const src = 'import asyncio\nasyncio.';
  assert.equal(attr.cursor_start, src.length);

  const mod = k.complete('import asy');
  assert.ok(mod.matches.includes('asyncio'), `asyncio missing from ${mod.matches.join(' ')}`);
  assert.equal(mod.cursor_start, 'import '.length);

  // jedi answered (not only IPython's fallback), and from the stdlib stub it was shipped.
  const origin = py(
    [
      'import jedi',
      's = jedi.Script("import asyncio\\nasyncio.create_task")',
      'str(s.infer(2, 15, only_stubs=True)[0].module_path)',
    ].join('\n')
  );
  assert.match(origin, /jedi\/third_party\/typeshed\/stdlib\/asyncio\/tasks\.pyi$/);
});

test('completion of a live object in the namespace uses the running kernel', async () => {
  const r = await k.execute('import asyncio\nloop_policy = asyncio.get_event_loop_policy()');
  assert.deepEqual(errorsOf(r.outputs), [], describeOutputs(r.outputs));
  const res = k.complete('loop_policy.get_event_l');
  assert.ok(res.matches.includes('get_event_loop'), res.matches.join(' '));
});

test('the shipped jedi wheel is the pinned one minus third-party stubs, byte for byte reproducible', () => {
  const shipped = completion.find((w) => w.startsWith('jedi-'));
  const pinnedDir = path.join(WHEELS_DIR, 'pinned');
  const pinned = fs.readdirSync(pinnedDir).find((f) => /^jedi-[^-]+-py/.test(f));
  assert.ok(pinned, `no pinned jedi wheel in ${pinnedDir}`);
  const again = trimWheel(path.join(pinnedDir, pinned), {
    drop: ['jedi/third_party/typeshed/stubs/', 'jedi/third_party/django-stubs/'],
  });
  assert.ok(again.data.equals(fs.readFileSync(path.join(WHEELS_DIR, shipped))), 'trimming again gave other bytes');
  assert.ok(again.dropped > 1000 && again.kept > 500, `dropped ${again.dropped}, kept ${again.kept}`);
  assert.deepEqual(recordProblems(k, path.join(WHEELS_DIR, shipped)), []);
  assert.equal(py('import zipfile; any("/typeshed/stdlib/asyncio/" in n for n in zipfile.ZipFile("/tmp/checked.whl").namelist())'), true);
  assert.equal(py('any("/typeshed/stubs/" in n or "django-stubs" in n for n in zipfile.ZipFile("/tmp/checked.whl").namelist())'), false);
});
