// asyncio-lab's instruments (tracer, virtual clock, call graph, coach) on the real Pyodide
// runtime (3.14, WebLoop) under Node, inside the real JupyterLite kernel:
//
//   1. the fixture-free tests of python/tests/test_{tracer,virtualclock,callgraph,coach}.py
//      (those marked @plain, see python/tests/_plain.py), run by a small runner in the
//      kernel: pytest is not among the wheels the site ships, and the async tests must be
//      awaited on the kernel's running WebLoop (asyncio.run cannot work there);
//   2. the magics, through real cells of the kernel (%%timeline, %%virtualtime, %%callgraph,
//      %callgraph, the coach, %%check with a virtual-time exercise).
//
//   node --test test/notebooks/pyodide-pytest.test.mjs
//   ASYNCIO_LAB_WHEELS_DIR=/tmp/my-wheels node --test test/notebooks/pyodide-pytest.test.mjs

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test, { after, before } from 'node:test';

import { ROOT, bootKernel, clearPendingTimers, describeOutputs, errorsOf } from './pyodide-kernel.mjs';

const TESTS_DIR = path.join(ROOT, 'python', 'tests');
const MODULES = ['test_tracer', 'test_virtualclock', 'test_callgraph', 'test_coach'];
const TIMELINE_MIME = 'application/vnd.asyncio-lab.timeline+json';
const CALLGRAPH_MIME = 'application/vnd.asyncio-lab.callgraph+json';
const COACH_MIME = 'application/vnd.asyncio-lab.coach+json';
const CHECK_MIME = 'application/vnd.asyncio-lab.check+json';

let k;

before(async () => {
  k = await bootKernel();
  const load = await k.execute('%load_ext asyncio_lab');
  assert.equal(load.status, 'ok', describeOutputs(load.outputs));
  assert.equal(load.outputs.length, 0, `%load_ext printed:\n${describeOutputs(load.outputs)}`);
  k.pyodide.FS.mkdirTree('/tmp/asyncio-lab-tests');
  for (const name of ['_plain', ...MODULES]) {
    k.pyodide.FS.writeFile(`/tmp/asyncio-lab-tests/${name}.py`, fs.readFileSync(path.join(TESTS_DIR, `${name}.py`), 'utf8'));
  }
});

after(clearPendingTimers);

const payloads = (outputs, mime) =>
  outputs
    .filter((o) => ['display_data', 'execute_result'].includes(o.output_type) && o.data?.[mime])
    .map((o) => (typeof o.data[mime] === 'string' ? JSON.parse(o.data[mime]) : o.data[mime]));
const stdout = (outputs) =>
  outputs
    .filter((o) => o.output_type === 'stream' && o.name === 'stdout')
    .map((o) => o.text)
    .join('');
const valueOf = (outputs) => outputs.find((o) => o.output_type === 'execute_result')?.data?.['text/plain'];
const findings = (outputs) => payloads(outputs, COACH_MIME).flatMap((p) => p.findings);

async function run(code) {
  return k.execute(code);
}

test('plain-API tests of the instruments, on the WebLoop', async (t) => {
  const r = await run(
    [
      'import sys, json, importlib',
      "sys.path.insert(0, '/tmp/asyncio-lab-tests')",
      'import _plain',
      `mods = [importlib.import_module(m) for m in ${JSON.stringify(MODULES)}]`,
      'assert _plain.PYODIDE',
      'res = await _plain.run_plain_tests(mods)',
      'print("RESULT " + json.dumps(res))',
    ].join('\n')
  );
  assert.equal(errorsOf(r.outputs).length, 0, describeOutputs(r.outputs));
  const line = stdout(r.outputs)
    .split('\n')
    .find((l) => l.startsWith('RESULT '));
  assert.ok(line, `no result line:\n${describeOutputs(r.outputs)}`);
  const res = JSON.parse(line.slice(7));
  console.log(`Pyodide: ${res.passed.length} passed, ${res.failed.length} failed (plain-API tests)`);
  for (const name of res.passed) await t.test(name, () => {});
  for (const [name, tb] of res.failed) await t.test(name, () => assert.fail(tb));
  assert.ok(res.passed.length >= 30, `only ${res.passed.length} plain tests ran`);
});

test('answer sets: every answer that applies to Pyodide gets its verdict (python/tests/answers/)', async (t) => {
  // The same data and runner as under pytest (python/tests/test_answers.py), awaited on the WebLoop.
  const answersDir = path.join(TESTS_DIR, 'answers');
  k.pyodide.FS.mkdirTree('/tmp/asyncio-lab-tests/answers');
  k.pyodide.FS.writeFile('/tmp/asyncio-lab-tests/test_answers.py', fs.readFileSync(path.join(TESTS_DIR, 'test_answers.py'), 'utf8'));
  for (const name of fs.readdirSync(answersDir).filter((n) => n.endsWith('.py'))) {
    k.pyodide.FS.writeFile(`/tmp/asyncio-lab-tests/answers/${name}`, fs.readFileSync(path.join(answersDir, name), 'utf8'));
  }
  const r = await run(
    [
      'import sys, json',
      "sys.path.insert(0, '/tmp/asyncio-lab-tests')",
      'import test_answers',
      'res = await test_answers.run_answer_sets()',
      'print("RESULT " + json.dumps(res))',
    ].join('\n')
  );
  assert.equal(errorsOf(r.outputs).length, 0, describeOutputs(r.outputs));
  const line = stdout(r.outputs)
    .split('\n')
    .find((l) => l.startsWith('RESULT '));
  assert.ok(line, `no result line:\n${describeOutputs(r.outputs)}`);
  const res = JSON.parse(line.slice(7));
  console.log(`Pyodide: ${res.passed.length} passed, ${res.failed.length} failed (answer sets; ${res.skipped.length} CPython-only)`);
  for (const name of res.passed) await t.test(name, () => {});
  for (const [name, problem] of res.failed) await t.test(name, () => assert.fail(problem));
  assert.ok(res.passed.length >= 40, `only ${res.passed.length} answers ran`);
});

test('%%timeline in a cell: tasks, lines, value kept', async () => {
  const r = await run(
    [
      '%%timeline',
      'import asyncio',
      'async def work(i):',
      '    await asyncio.sleep(0.001 * i)',
      '    return i * 2',
      '',
      'tasks = [asyncio.create_task(work(i), name=f"w{i}") for i in range(3)]',
      'res = await asyncio.gather(*tasks)',
      'res',
    ].join('\n')
  );
  assert.equal(errorsOf(r.outputs).length, 0, describeOutputs(r.outputs));
  const [p] = payloads(r.outputs, TIMELINE_MIME);
  assert.ok(p, describeOutputs(r.outputs));
  assert.deepEqual(
    p.tasks.map((t) => t.name),
    ['cell', 'w0', 'w1', 'w2']
  );
  assert.equal(p.clock, 'real');
  assert.equal(p.tasks[1].parent, 0);
  assert.equal(p.tasks[1].waits[0].line, 4);
  assert.match(p.tasks[0].waits[0].awaiting, /gather\(\) of 3/);
  assert.equal(valueOf(r.outputs), '[0, 2, 4]');
});

test('%%timeline --virtual and %%virtualtime: an hour in no time, errors surfaced', async () => {
  const r = await run('%%timeline --virtual\nimport asyncio\nawait asyncio.sleep(3600)\n"done"\n');
  const [p] = payloads(r.outputs, TIMELINE_MIME);
  assert.equal(p.clock, 'virtual');
  assert.equal(p.duration, 3600);
  assert.match(stdout(r.outputs), /virtual time elapsed: 3600\.0 s \(real 0\.\d\d s\)/);
  const v = await run('%%virtualtime\nfor i in range(60):\n    await asyncio.sleep(60)\nloop_time = asyncio.get_running_loop().time()\n');
  assert.equal(errorsOf(v.outputs).length, 0, describeOutputs(v.outputs));
  assert.match(stdout(v.outputs), /virtual time elapsed: 3600\.0 s/);
  const refused = await run('%%virtualtime\nimport time\ntime.sleep(1)\n');
  const [err] = errorsOf(refused.outputs);
  assert.match(String(err?.ename), /VirtualTimeError/, describeOutputs(refused.outputs));
  const stall = await run('%%virtualtime --stall-timeout 0.2\nawait asyncio.Event().wait()\n');
  assert.match(String(errorsOf(stall.outputs)[0]?.ename), /VirtualTimeStall/, describeOutputs(stall.outputs));
});

test('%%callgraph uses capture_call_graph on 3.14; %callgraph shows background tasks', async () => {
  const r = await run(
    [
      '%%callgraph',
      'async def leaf(n):',
      '    await asyncio.sleep(0.01)',
      '    return n',
      'async def mid():',
      '    return await asyncio.gather(leaf(1), leaf(2))',
      'await mid()',
    ].join('\n')
  );
  const [p] = payloads(r.outputs, CALLGRAPH_MIME);
  assert.ok(p, describeOutputs(r.outputs));
  assert.equal(p.source, 'capture_call_graph');
  assert.equal(p.note ?? null, null); // None arrives as undefined
  const cell = p.snapshots[0].roots.find((n) => n.task === 'cell');
  assert.deepEqual(
    cell.frames.map((f) => [f.name, f.line]),
    [
      ['cell', 7],
      ['mid', 6],
    ]
  );
  assert.equal(cell.children.length, 2);
  assert.equal(cell.children[0].frames[0].name, 'leaf');
  await run('async def bg():\n    await asyncio.sleep(30)\nkeep = asyncio.create_task(bg(), name="background")\n');
  const line = await run('await asyncio.sleep(0)\n%callgraph now');
  const [snap] = payloads(line.outputs, CALLGRAPH_MIME);
  const bg = snap.snapshots[0].roots.find((n) => n.task === 'background');
  assert.ok(bg, JSON.stringify(snap));
  assert.equal(bg.frames[0].name, 'bg');
  await run('keep.cancel()');
});

test('coach on Pyodide: never awaited, inline to_thread, lost task, early "Unhandled exception", off', async () => {
  const never = await run('async def fetch():\n    return 1\n\nfetch()\nNone\n');
  const [f] = findings(never.outputs);
  assert.equal(f?.kind, 'never-awaited', describeOutputs(never.outputs));
  assert.equal(f.line, 4);

  const inline = await run('import time\ndef slow():\n    time.sleep(0.3)\n    return 1\nawait asyncio.to_thread(slow)\n');
  const kinds = findings(inline.outputs).map((x) => x.kind);
  assert.ok(kinds.includes('pyodide-executor'), describeOutputs(inline.outputs));
  assert.ok(kinds.includes('blocked-loop'), describeOutputs(inline.outputs));

  const lost = await run('async def job():\n    await asyncio.sleep(0)\n    raise ValueError("lost")\n\nasyncio.create_task(job())\nawait asyncio.sleep(0.05)\n');
  const l = findings(lost.outputs).find((x) => x.kind === 'exception-not-retrieved');
  assert.ok(l, describeOutputs(lost.outputs));
  assert.equal(l.line, 3);

  const later = await run(
    'async def job2():\n    raise KeyError("k")\n\nt2 = asyncio.create_task(job2())\nawait asyncio.sleep(0.05)\ntry:\n    await t2\nexcept KeyError:\n    pass\n'
  );
  const e = findings(later.outputs).find((x) => x.kind === 'early-unhandled-report');
  assert.ok(e, describeOutputs(later.outputs));
  assert.equal(e.severity, 'info');

  const threads = await run('import threading\ntry:\n    threading.Thread(target=print).start()\nexcept RuntimeError:\n    print("no threads here")\n');
  assert.ok(findings(threads.outputs).some((x) => x.kind === 'pyodide-thread' && x.line === 3), describeOutputs(threads.outputs));
  const signals = await run(
    'import signal\ntry:\n    asyncio.get_running_loop().add_signal_handler(signal.SIGINT, print)\nexcept NotImplementedError:\n    print("no signals here")\n'
  );
  assert.ok(findings(signals.outputs).some((x) => x.kind === 'pyodide-signal' && x.line === 3), describeOutputs(signals.outputs));

  const clean = await run('async def ok():\n    await asyncio.sleep(0)\n    return 2\nawait ok()\n');
  assert.deepEqual(findings(clean.outputs), []);

  const quiet = await run('%coach off -q');
  assert.deepEqual(quiet.outputs, []);
  const off = await run('fetch()\nNone\n');
  assert.deepEqual(findings(off.outputs), []);
  await run('%coach on');
});

test('%%check with a virtual-time exercise', async () => {
  const reg = await run(
    [
      'from asyncio_lab import exercises',
      'from asyncio_lab.exercises import Exercise, make_checks, CheckFailed',
      'async def _hour(ns):',
      '    loop = asyncio.get_running_loop(); t0 = loop.time()',
      '    await ns["wait_an_hour"]()',
      '    if loop.time() - t0 != 3600: raise CheckFailed("expected an hour")',
      '    return "an hour of virtual time"',
      'exercises.all_ids()',
      'exercises._REGISTRY["pyodide-testing.hour"] = Exercise(id="pyodide-testing.hour", title="Hour",',
      '    checks=make_checks(("an hour", _hour)), solution="", virtual_time=True, trace=True)',
    ].join('\n')
  );
  assert.equal(errorsOf(reg.outputs).length, 0, describeOutputs(reg.outputs));
  const t0 = performance.now();
  const r = await run('%%check pyodide-testing.hour\nasync def wait_an_hour():\n    await asyncio.sleep(3600)\n');
  const ms = performance.now() - t0;
  const [check] = payloads(r.outputs, CHECK_MIME);
  assert.equal(check?.passed, true, describeOutputs(r.outputs));
  assert.ok(ms < 5000, `took ${ms} ms`);
});

test('%%check latency for a typical exercise (lesson 2, reference solution): reported, under 1 s', async () => {
  const sol = await run(
    'from asyncio_lab import exercises\nfrom asyncio_lab.sim import fake_download\nprint(exercises.get("await-vs-create-task.download-all").solution)'
  );
  const solution = stdout(sol.outputs);
  const times = [];
  for (let i = 0; i < 5; i++) {
    const r = await run(`%%check await-vs-create-task.download-all\n${solution}`);
    const [check] = payloads(r.outputs, CHECK_MIME);
    assert.equal(check?.passed, true, describeOutputs(r.outputs));
    times.push(r.ms);
  }
  times.sort((a, b) => a - b);
  const median = times[2];
  console.log(`Pyodide %%check await-vs-create-task.download-all: median ${median.toFixed(0)} ms (of ${times.map((t) => t.toFixed(0)).join(', ')})`);
  assert.ok(median < 1000, `median ${median} ms`);
});

test('%%timeline on 10,000 tasks: overhead on Pyodide (reported)', async () => {
  const body = [
    'async def work(i):',
    '    await asyncio.sleep(0)',
    '    return i',
    'tasks = [asyncio.create_task(work(i)) for i in range(10_000)]',
    'res = await asyncio.gather(*tasks)',
    'len(res)',
  ].join('\n');
  await run('%coach off');
  const plain = [];
  const traced = [];
  for (let i = 0; i < 3; i++) {
    plain.push((await run(body)).ms);
    const r = await run(`%%timeline\n${body}`);
    traced.push(r.ms);
    const [p] = payloads(r.outputs, TIMELINE_MIME);
    assert.equal(p.omitted.tasks, 9500);
  }
  await run('%coach on');
  const ratio = Math.min(...traced) / Math.min(...plain);
  console.log(
    `Pyodide %%timeline on 10,000 tasks: ${Math.min(...traced).toFixed(0)} ms vs ${Math.min(...plain).toFixed(0)} ms without (ratio ${ratio.toFixed(2)})`
  );
  assert.ok(ratio < 3, `ratio ${ratio}`);
});
