// Lesson answer sets on the real Pyodide runtime (3.14, WebLoop) under Node, inside the real
// JupyterLite kernel: every python/tests/answers_*.py module (ANSWERS, read from the answer files
// of python/tests/answers/, and the async verdict(answer) and problems(answer, verdict)
// functions) is run in a cell, each answer's
// checks awaited on the kernel's running loop, and its verdict compared with the one the answer
// set states (passes; or the first failing check and a fragment of its message). The same
// modules are asserted on CPython by the lessons' pytest files.
//
//   node --test test/notebooks/pyodide-answers.test.mjs

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test, { after, before } from 'node:test';

import { ROOT, bootKernel, clearPendingTimers, describeOutputs, errorsOf } from './pyodide-kernel.mjs';

const TESTS_DIR = path.join(ROOT, 'python', 'tests');
const DIR = '/tmp/asyncio-lab-answers';
const MODULES = fs
  .readdirSync(TESTS_DIR)
  .filter((f) => /^answers_\w+\.py$/.test(f))
  .map((f) => f.slice(0, -3))
  .sort();

let k;

before(async () => {
  k = await bootKernel();
  const load = await k.execute('%load_ext asyncio_lab');
  assert.equal(load.status, 'ok', describeOutputs(load.outputs));
  k.pyodide.FS.mkdirTree(DIR);
  for (const name of MODULES) {
    k.pyodide.FS.writeFile(`${DIR}/${name}.py`, fs.readFileSync(path.join(TESTS_DIR, `${name}.py`), 'utf8'));
  }
  // The answer files (data) the modules read, in the course's answer-set format.
  k.pyodide.FS.mkdirTree(`${DIR}/answers`);
  for (const file of fs.readdirSync(path.join(TESTS_DIR, 'answers')).filter((f) => f.endsWith('.py'))) {
    k.pyodide.FS.writeFile(`${DIR}/answers/${file}`, fs.readFileSync(path.join(TESTS_DIR, 'answers', file), 'utf8'));
  }
});

after(clearPendingTimers);

const stdout = (outputs) =>
  outputs
    .filter((o) => o.output_type === 'stream' && o.name === 'stdout')
    .map((o) => o.text)
    .join('');

test('there is at least one answer set', () => {
  assert.ok(MODULES.length >= 1, `no python/tests/answers_*.py in ${TESTS_DIR}`);
});

for (const name of MODULES) {
  test(`${name}: every answer gets its verdict on Pyodide`, async (t) => {
    const r = await k.execute(
      [
        'import sys, json, importlib, time',
        `sys.path.insert(0, ${JSON.stringify(DIR)})`,
        `_m = importlib.import_module(${JSON.stringify(name)})`,
        '_out = []',
        'for _a in _m.ANSWERS:',
        '    _t = time.perf_counter()',
        '    _v = await _m.verdict(_a)',
        '    _out.append([_a.id, _m.problems(_a, _v), round(time.perf_counter() - _t, 2)])',
        'print("RESULT " + json.dumps(_out))'
      ].join('\n')
    );
    assert.equal(errorsOf(r.outputs).length, 0, describeOutputs(r.outputs));
    const stderr = r.outputs.filter((o) => o.output_type === 'stream' && o.name === 'stderr');
    assert.equal(stderr.length, 0, `the checks wrote to stderr:\n${describeOutputs(stderr)}`);
    const line = stdout(r.outputs)
      .split('\n')
      .find((l) => l.startsWith('RESULT '));
    assert.ok(line, `no result line:\n${describeOutputs(r.outputs)}`);
    const results = JSON.parse(line.slice(7));
    assert.ok(results.length >= 13, `only ${results.length} answers in ${name}`);
    for (const [id, problems, seconds] of results) {
      await t.test(id, () => {
        assert.deepEqual(problems, []);
        assert.ok(seconds < 10, `the verdict took ${seconds} s`);
      });
    }
  });
}
