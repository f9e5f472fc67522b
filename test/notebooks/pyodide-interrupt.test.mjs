// Interrupting cells on the real kernel (Pyodide under Node, the site's wheels), with the
// Python half the site's worker installs (lite/src/kernel/interrupt.ts, compiled to
// lite/lib by the site build). Node has no stack switching, so `time.sleep` takes the
// path Firefox and Safari take on a cross-origin isolated page: it waits on the
// interrupt buffer. The browser journeys (test/ui/site-interrupt.spec.ts) cover Chromium.
//
//   npm run build:site && node --test test/notebooks/pyodide-interrupt.test.mjs

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { after, before, test } from 'node:test';

import { ROOT, bootKernel, clearPendingTimers, describeOutputs, errorsOf } from './pyodide-kernel.mjs';

// Slot 0: Pyodide's interrupt buffer. Slot 1: set by the cell when it starts to sleep.
const shared = new Int32Array(new SharedArrayBuffer(8));
let k;
let interrupter;

before(async () => {
  const compiled = path.join(ROOT, 'lite', 'lib', 'kernel', 'interrupt.js');
  if (!fs.existsSync(compiled)) {
    throw new Error(`${path.relative(ROOT, compiled)} is missing: build the site first (npm run build:site)`);
  }
  const { INTERRUPT_PY } = await import(pathToFileURL(compiled).href);
  k = await bootKernel();
  const buffer = shared.subarray(0, 1);
  k.pyodide.setInterruptBuffer(buffer);
  k.pyodide.registerJsModule('_interrupt_probe', {
    sleeping: () => {
      Atomics.store(shared, 1, 1);
      Atomics.notify(shared, 1);
    },
  });
  // As the site's worker does (OfflineRemoteKernel._installInterrupter).
  const namespace = k.pyodide.toPy({ __name__: 'asyncio_lab_interrupt' });
  k.pyodide.runPython(INTERRUPT_PY, { globals: namespace });
  interrupter = namespace.get('CellInterrupter')(
    (ms) => Atomics.wait(buffer, 0, 0, ms) !== 'timed-out',
    () => Atomics.exchange(buffer, 0, 0) !== 0
  );
});
after(() => clearPendingTimers());

/** The page's side: once the cell says it sleeps, write SIGINT from another thread. */
function interruptWhenSleeping() {
  Atomics.store(shared, 1, 0);
  const page = new Worker(
    `const { workerData: s } = require('node:worker_threads');
     Atomics.wait(s, 1, 0);
     Atomics.store(s, 0, 2);
     Atomics.notify(s, 0);`,
    { eval: true, workerData: shared }
  );
  return new Promise((resolve, reject) => page.on('exit', resolve).on('error', reject));
}

test('time.sleep without stack switching wakes at once with KeyboardInterrupt', { timeout: 60_000 }, async () => {
  const page = interruptWhenSleeping();
  const r = await k.execute('import time, _interrupt_probe\n_interrupt_probe.sleeping()\ntime.sleep(1e6)');
  await page;
  assert.match(r.ename, /KeyboardInterrupt/, describeOutputs(r.outputs));
  // The interrupt was taken: the next cell runs to the end.
  const next = await k.execute('time.sleep(0.01)\n"after"');
  assert.deepEqual(errorsOf(next.outputs), [], describeOutputs(next.outputs));
  assert.equal(Atomics.load(shared, 0), 0);
});

test('time.sleep keeps its argument checks and sleeps when not interrupted', async () => {
  const bad = await k.execute('time.sleep(-1)');
  assert.match(bad.ename, /ValueError/, describeOutputs(bad.outputs));
  const wrong = await k.execute('time.sleep("1")');
  assert.match(wrong.ename, /TypeError/, describeOutputs(wrong.outputs));
  const r = await k.execute('t0 = time.monotonic()\ntime.sleep(0.2)\nround(time.monotonic() - t0, 1) >= 0.2');
  assert.deepEqual(errorsOf(r.outputs), [], describeOutputs(r.outputs));
  assert.equal(r.outputs.find((o) => o.output_type === 'execute_result')?.data['text/plain'], 'True');
});

test('a cell waiting on await is interrupted: KeyboardInterrupt at its await, the tasks it awaits cancelled', { timeout: 60_000 }, async () => {
  const cell = k.execute(
    [
      'import asyncio',
      'inner = asyncio.create_task(asyncio.sleep(1e6))',
      'print("waiting")',
      'await inner',
    ].join('\n')
  );
  // Let the cell reach its await, then interrupt it as the worker does when Python is idle.
  let reached = false;
  for (let i = 0; i < 200 && !reached; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    reached = !!k.pyodide.runPython('ns = __import__("pyodide_kernel").kernel_instance.interpreter.user_ns\n"inner" in ns and not ns["inner"].done()');
  }
  assert.ok(reached, 'the cell never started waiting');
  assert.equal(interrupter.interrupt(), true);
  const r = await cell;
  assert.match(r.ename, /KeyboardInterrupt/, describeOutputs(r.outputs));
  const traceback = errorsOf(r.outputs)[0].traceback.join('\n');
  assert.match(traceback, /----> 4 await inner/, traceback);
  const after = await k.execute('inner.cancelled()');
  assert.equal(after.outputs.find((o) => o.output_type === 'execute_result')?.data['text/plain'], 'True');
  // Nothing running: nothing to interrupt.
  assert.equal(interrupter.interrupt(), false);
});
