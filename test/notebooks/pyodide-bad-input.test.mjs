// Bad input on the real Pyodide kernel under Node (the browser's kernel, WebLoop, no
// threads): the rows of docs/bad-input.md that behave differently there if anything does.
// A cell printing 10 MB under %%check and %%timeline, and misused magics, including a
// --stall-timeout of nan, which used to make a stalled cell hang (and in a browser tab
// that is not cross-origin isolated, a running cell cannot be interrupted).
//
//   node --test test/notebooks/pyodide-bad-input.test.mjs

import assert from 'node:assert/strict';
import test, { after, before } from 'node:test';

import { CHECK_MIME, bootKernel, checksOf, clearPendingTimers, describeOutputs, errorsOf } from './pyodide-kernel.mjs';

const TIMELINE_MIME = 'application/vnd.asyncio-lab.timeline+json';
const BF = 'await-vs-create-task.breakfast';
const TEN_MB = 10_000_000;

let k;
let solution;

before(async () => {
  k = await bootKernel();
  const load = await k.execute('%load_ext asyncio_lab');
  assert.equal(load.status, 'ok', describeOutputs(load.outputs));
  const setup = await k.execute(
    'import asyncio, json\nfrom asyncio_lab import exercises\nfrom asyncio_lab.sim import boil_water, toast_bread\n' +
      `print(json.dumps(exercises.get(${JSON.stringify(BF)}).solution))`
  );
  assert.equal(setup.status, 'ok', describeOutputs(setup.outputs));
  solution = JSON.parse(setup.outputs.find(o => o.output_type === 'stream').text);
});

after(clearPendingTimers);

const stdout = outputs =>
  outputs
    .filter(o => o.output_type === 'stream' && o.name === 'stdout')
    .map(o => o.text)
    .join('');
const count = (text, char) => text.split(char).length - 1;

test('a cell that prints 10 MB under %%check: all of it, then the check result', { timeout: 120_000 }, async () => {
  const r = await k.execute(`%%check ${BF}\nprint('x' * ${TEN_MB})\n${solution}`);
  assert.equal(r.status, 'ok', describeOutputs(r.outputs).slice(0, 2000));
  assert.equal(count(stdout(r.outputs), 'x'), TEN_MB);
  const [payload] = checksOf(r.outputs);
  assert.equal(payload?.exercise, BF);
  assert.equal(payload.passed, true, JSON.stringify(payload));
  // The check result comes after the printed text, as in the notebook (the coach may
  // add a note after it: printing 10 MB can block the loop for a while).
  const kinds = r.outputs.map(o => (o.data?.[CHECK_MIME] ? 'check' : o.output_type));
  assert.ok(kinds.indexOf('check') > kinds.lastIndexOf('stream'), kinds.join(', '));
  const shown = r.outputs.filter(o => o.data).map(o => Object.keys(o.data).find(m => m !== 'text/plain'));
  console.log(`Pyodide: 10 MB printed under %%check in ${Math.round(r.ms)} ms; then ${shown.join(', ')}`);
});

test('a task that prints 10 MB under %%timeline: all of it, then the timeline', { timeout: 120_000 }, async () => {
  const r = await k.execute(
    '%%timeline\nasync def noisy():\n' +
      `    print('y' * ${TEN_MB})\n    await asyncio.sleep(0)\n    return 'done'\n` +
      "await asyncio.create_task(noisy(), name='noisy')\n"
  );
  assert.equal(r.status, 'ok', describeOutputs(r.outputs).slice(0, 2000));
  assert.equal(count(stdout(r.outputs), 'y'), TEN_MB);
  const timeline = r.outputs.find(o => o.data?.[TIMELINE_MIME])?.data[TIMELINE_MIME];
  const p = typeof timeline === 'string' ? JSON.parse(timeline) : timeline;
  const noisy = p.tasks.find(t => t.name === 'noisy');
  assert.equal(noisy.state, 'done');
  const next = await k.execute('6 * 7');
  assert.equal(next.outputs.find(o => o.output_type === 'execute_result')?.data['text/plain'], '42');
});

test('misused magics: one UsageError line, the body does not run (a nan stall timeout too)', { timeout: 120_000 }, async () => {
  for (const [cell, first, problem] of [
    ['%%check no-such.exercise\nran = True\n', '%%check', "unknown exercise 'no-such.exercise'"],
    ['%%timeline --bogus\nran = True\n', '%%timeline', 'unrecognized arguments: --bogus'],
    ['%%virtualtime --stall-timeout nan\nran = True\nawait asyncio.Event().wait()\n', '%%virtualtime', '--stall-timeout must be a positive number'],
    ['%coach maybe', '%coach', "invalid choice: 'maybe'"],
    ['# my attempt\n%%check no-such.exercise\nran = True\n', '%%check', 'must be the first line of its cell'],
  ]) {
    const r = await k.execute(cell);
    // As IPython shows a UsageError: one line on stderr, no traceback. (The Pyodide
    // kernel then replies status "ok", where ipykernel replies "error".)
    const stderr = r.outputs
      .filter(o => o.output_type === 'stream' && o.name === 'stderr')
      .map(o => o.text)
      .join('');
    assert.ok(stderr.startsWith(`UsageError: ${first}`), describeOutputs(r.outputs));
    assert.ok(stderr.includes(problem), stderr);
    assert.equal(errorsOf(r.outputs).length, 0, describeOutputs(r.outputs));
    const ran = await k.execute("'ran' in globals()");
    assert.equal(ran.outputs.find(o => o.output_type === 'execute_result')?.data['text/plain'], 'False', cell);
  }
});
