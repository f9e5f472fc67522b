// Wheels the site ships trimmed (scripts/kernel-wheels.mjs, lite/kernel-requirements.txt), on
// Pyodide under Node. Pygments keeps the lexers IPython uses and a few common ones: what stays
// must work in full; any other language must fail the way Pygments reports an unknown language
// (ClassNotFound), not with an ImportError. asyncio_lab goes without the JupyterLab extension
// its release wheel carries. (jedi: pyodide-completion.test.mjs.)
//
//   node scripts/kernel-wheels.mjs && node --test test/notebooks/pyodide-wheels.test.mjs

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { WHEELS_DIR, bootKernel, clearPendingTimers, describeOutputs, errorsOf, recordProblems } from './pyodide-kernel.mjs';

let k;
before(async () => {
  k = await bootKernel();
});
after(() => clearPendingTimers());

const py = (code) => {
  const r = k.pyodide.runPython(code);
  return r?.toJs ? r.toJs({ dict_converter: Object.fromEntries }) : r;
};

test('every lexer Pygments lists can be loaded, and IPython\'s lexers import', () => {
  const report = py(`
from pygments.lexers._mapping import LEXERS
from pygments.lexers import get_lexer_by_name
bad = []
for name, (module, *_rest) in LEXERS.items():
    try:
        __import__(module)
    except Exception as e:
        bad.append(f'{name}: {e!r}')
import IPython.lib.lexers as L
[len(LEXERS), bad, L.IPythonLexer.name, L.IPyLexer.name]
`);
  const [count, bad, ...ipython] = report;
  assert.deepEqual(bad, []);
  assert.ok(count > 20 && count < 200, `${count} lexers listed`);
  assert.deepEqual(ipython, ['IPython', 'IPy session']);
});

test('Python, IPython, shell, HTML, JavaScript and JSON are highlighted; other languages are unknown', () => {
  const report = py(`
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name, guess_lexer
from pygments.util import ClassNotFound
out = {}
for lang, code in [('python', 'async def f():\\n    await g()'), ('ipython3', '%timeit x = 1'),
                   ('bash', 'echo $HOME'), ('html', '<b class="x">hi</b>'), ('javascript', 'let a = 1;'),
                   ('json', '{"a": [1, 2]}'), ('text', 'plain')]:
    out[lang] = 'class=' in highlight(code, get_lexer_by_name(lang), HtmlFormatter()) or lang == 'text'
for lang in ['cobol', 'rust']:
    try:
        get_lexer_by_name(lang)
        out[lang] = 'found'
    except ClassNotFound:
        out[lang] = 'unknown'
out['guess'] = guess_lexer('#!/usr/bin/env python\\nimport asyncio\\n').name
out
`);
  assert.deepEqual(report, {
    python: true, ipython3: true, bash: true, html: true, javascript: true, json: true, text: true,
    cobol: 'unknown', rust: 'unknown', guess: 'Python',
  });
});

test('a traceback, `?` help and a Code display render in the kernel', async () => {
  let r = await k.execute('def f():\n    return 1 / 0\nf()');
  const [err] = errorsOf(r.outputs);
  assert.match(err?.ename ?? '', /ZeroDivisionError/, describeOutputs(r.outputs));
  assert.ok(err.traceback.join('\n').includes('return 1 / 0'));
  r = await k.execute('import asyncio\nasyncio.gather?');
  assert.deepEqual(errorsOf(r.outputs), [], describeOutputs(r.outputs));
  r = await k.execute('from IPython.display import Code\nCode("await asyncio.sleep(1)", language="python")');
  assert.deepEqual(errorsOf(r.outputs), [], describeOutputs(r.outputs));
  const html = r.outputs.find((o) => o.output_type === 'execute_result')?.data?.['text/html'] ?? '';
  assert.match(html, /class="k"|class="kn"|class="n"/);
});

test('the shipped Pygments wheel has a RECORD that matches its files', () => {
  const shipped = k.wheels.find((w) => w.startsWith('pygments-'));
  assert.match(shipped, /-1trimmed-/);
  assert.deepEqual(recordProblems(k, path.join(WHEELS_DIR, shipped)), []);
});

test('the kernel\'s asyncio_lab wheel has no JupyterLab extension and a RECORD that matches its files', async () => {
  const shipped = k.wheels.find((w) => w.startsWith('asyncio_lab-'));
  assert.match(shipped, /-1trimmed-/);
  assert.deepEqual(recordProblems(k, path.join(WHEELS_DIR, shipped)), []);
  const names = py('import zipfile; zipfile.ZipFile("/tmp/checked.whl").namelist()');
  assert.deepEqual(names.filter((n) => n.includes('labextensions')), []);
  assert.ok(names.includes('asyncio_lab/__init__.py'));
  const r = await k.execute('%load_ext asyncio_lab\n%coach status');
  assert.deepEqual(errorsOf(r.outputs), [], describeOutputs(r.outputs));
});
