#!/usr/bin/env node
// Collect every wheel the offline Pyodide kernel needs into build/wheels/ and write
// build/wheels/wheels.json = {
//   "wheels": [file names the kernel installs at start, in load order],
//   "completion": [file names it installs on the first completion request, in load order],
//   "python": "3.14"
// }
//
// Sources:
//   lite/kernel-requirements.txt   exact pins + sha256 (IPython and its pure-Python deps),
//                                  fetched with `pip download` from the configured index
//   node_modules/@jupyterlite/pyodide-kernel/pypi/   ipykernel shim + pyodide_kernel
//   dist/asyncio_lab-<version>-py3-none-any.whl       our kernel package (npm run build:wheel)
//
// The pinned wheels are downloaded into build/wheels/pinned/ (checked against their hashes
// there) and copied next to wheels.json, except those in TRIM below, which are rewritten
// without files the kernel never reads (lite/kernel-requirements.txt says which and why).
//
// Usage: node scripts/kernel-wheels.mjs [--force] [--skip-own-wheel] [--out DIR]
//   --out DIR   write there instead of build/wheels (e.g. to try a change while others use build/wheels)
// Env:   ASYNCIO_LAB_PYTHON  python that runs pip (default .venv/bin/python)
//        PIP_INDEX_URL       index to download from (passed as --index-url when set)
//
// Only node builtins. Re-running is cheap: nothing is downloaded or copied when
// every pinned file is already present with the right hash.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { trimWheel, wheelTexts } from './wheel-trim.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REQS = path.join(ROOT, 'lite', 'kernel-requirements.txt');
const KERNEL_PYPI = path.join(ROOT, 'node_modules', '@jupyterlite', 'pyodide-kernel', 'pypi');
const PYODIDE_LOCK = path.join(ROOT, 'node_modules', 'pyodide', 'pyodide-lock.json');
const DIST = path.join(ROOT, 'dist');
const OWN_SRC = path.join(ROOT, 'python', 'asyncio_lab');
// Where this script builds asyncio_lab itself when dist/ has no (fresh) wheel.
// Kept out of dist/ so it never replaces the release wheel (which also carries the labextension).
const OWN_FALLBACK = path.join(ROOT, 'build', 'kernel-own-wheel');

const USAGE = 'usage: node scripts/kernel-wheels.mjs [--force] [--skip-own-wheel] [--out DIR]';
const argv = process.argv.slice(2);
let FORCE = false;
let SKIP_OWN = false;
let OUT = path.join(ROOT, 'build', 'wheels');
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--force') FORCE = true;
  else if (argv[i] === '--skip-own-wheel') SKIP_OWN = true;
  else if (argv[i] === '--out' && argv[i + 1]) OUT = path.resolve(argv[++i]);
  else fail(`unknown argument ${argv[i]}\n${USAGE}`);
}
// pip downloads the pinned wheels here; they are checked against their hashes here.
const PINNED = path.join(OUT, 'pinned');

// Pinned wheels shipped rewritten, without members under these paths (see the comment in
// lite/kernel-requirements.txt). The build tag in the new file name says it is not the
// upstream file; the rewrite is deterministic (scripts/wheel-trim.mjs).
const TRIM = {
  jedi: () => ({
    tag: '1trimmed',
    drop: ['jedi/third_party/typeshed/stubs/', 'jedi/third_party/django-stubs/'],
  }),
  pygments: (src) => pygmentsLexers(src, ['python', 'special', 'shell', 'html', 'javascript', 'ruby', 'perl', 'markup', 'css', 'data']),
};

/**
 * Pygments with only the lexer modules `roots` and the lexer modules they import (found in their
 * source), and a lexer table (_mapping.py) that lists only theirs, so looking up any other
 * language raises pygments' own ClassNotFound. The roots: Python, plain text, and what
 * ipython_pygments_lexers imports (bash, HTML, JavaScript, Ruby, Perl, TeX); CSS and JSON/YAML.
 */
function pygmentsLexers(src, roots) {
  const dir = 'pygments/lexers/';
  const texts = wheelTexts(src, (name) => name.startsWith(dir) && name.endsWith('.py'));
  const keep = new Set(['__init__', '_mapping']);
  const todo = [...roots];
  while (todo.length) {
    const mod = todo.pop();
    if (keep.has(mod)) continue;
    const text = texts.get(`${dir}${mod}.py`);
    if (text === undefined) fail(`${rel(src)}: no ${dir}${mod}.py`);
    keep.add(mod);
    for (const m of text.matchAll(/^\s*from pygments\.lexers\.(\w+) import/gm)) todo.push(m[1]);
  }
  const mapping = (text) => {
    const out = text.split('\n').filter((line) => {
      const m = line.match(/^\s+'\w+': \('pygments\.lexers\.(\w+)',/);
      return !m || keep.has(m[1]);
    });
    if (out.length === text.split('\n').length) fail(`${rel(src)}: ${dir}_mapping.py is not in the expected format`);
    return out.join('\n');
  };
  return {
    tag: '1trimmed',
    drop: (name) => name.startsWith(dir) && !name.slice(dir.length).includes('/') && !keep.has(name.slice(dir.length, -3)),
    rewrite: { [`${dir}_mapping.py`]: mapping },
  };
}
// Pinned wheels only code completion needs: listed under "completion" in wheels.json, so the
// kernel installs them when the learner first asks for a completion, not at start.
const COMPLETION_ONLY = new Set(['parso', 'jedi']);

function fail(msg) {
  console.error(`kernel-wheels: ERROR: ${msg}`);
  process.exit(1);
}
function log(msg) {
  console.log(`kernel-wheels: ${msg}`);
}
const rel = (p) => path.relative(ROOT, p) || '.';
const normName = (n) => n.toLowerCase().replace(/[-_.]+/g, '_');

function sha256(file) {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Parse `name==version --hash=sha256:...` lines (with `\` continuations). */
function readPins() {
  if (!fs.existsSync(REQS)) fail(`missing ${rel(REQS)}`);
  const text = fs.readFileSync(REQS, 'utf8').replace(/\\\r?\n/g, ' ');
  const pins = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const m = line.match(/^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)\s+(.*)$/);
    if (!m) fail(`${rel(REQS)}: line ${i + 1} is not an exact 'name==version --hash=sha256:...' pin: ${raw}`);
    const hashes = [...m[3].matchAll(/--hash=sha256:([0-9a-f]{64})/g)].map((h) => h[1]);
    if (!hashes.length) fail(`${rel(REQS)}: line ${i + 1} (${m[1]}) has no --hash=sha256:`);
    pins.push({ name: m[1], norm: normName(m[1]), version: m[2], hashes });
  });
  if (!pins.length) fail(`${rel(REQS)} lists no wheels`);
  return pins;
}

/** Parse a wheel file name into {norm, version, tags}. */
function parseWheel(file) {
  const m = path.basename(file).match(/^([^-]+)-([^-]+)-(?:\d[^-]*-)?([^-]+-[^-]+-[^-]+)\.whl$/);
  return m ? { norm: normName(m[1]), version: m[2], tags: m[3] } : null;
}

function wheelsIn(dir) {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.whl')) : [];
}

/** File in PINNED that satisfies a pin (name, version, one of the hashes), or null. */
function findPinned(pin) {
  for (const f of wheelsIn(PINNED)) {
    const w = parseWheel(f);
    if (w && w.norm === pin.norm && w.version === pin.version && pin.hashes.includes(sha256(path.join(PINNED, f)))) {
      return f;
    }
  }
  return null;
}

function pythonVersion() {
  try {
    const lock = JSON.parse(fs.readFileSync(PYODIDE_LOCK, 'utf8'));
    const [maj, min] = String(lock.info.python).split('.');
    return `${maj}.${min}`;
  } catch (e) {
    fail(`cannot read Pyodide's Python version from ${rel(PYODIDE_LOCK)} (${e.message}); run npm install`);
  }
}

function findPython() {
  const py = process.env.ASYNCIO_LAB_PYTHON || path.join(ROOT, '.venv', 'bin', 'python');
  if (!fs.existsSync(py)) {
    fail(`no Python at ${py}: create the venv (python3 -m venv .venv) or set ASYNCIO_LAB_PYTHON`);
  }
  return py;
}

/** Copy src into OUT unless an identical file is already there. Returns the file name. */
function copyIn(src) {
  const dest = path.join(OUT, path.basename(src));
  if (!FORCE && fs.existsSync(dest) && sha256(dest) === sha256(src)) return path.basename(src);
  fs.copyFileSync(src, dest);
  log(`copied ${rel(src)}`);
  return path.basename(src);
}

/** Write the trimmed copy of a pinned wheel into OUT (only if its bytes changed). Returns the file name. */
function trimIn(src, { tag, drop, rewrite }) {
  const m = path.basename(src).match(/^([^-]+)-([^-]+)-((?:py|cp)[^-]*-[^-]+-[^-]+\.whl)$/);
  if (!m) fail(`cannot add a build tag to ${path.basename(src)}`);
  const name = `${m[1]}-${m[2]}-${tag}-${m[3]}`;
  const dest = path.join(OUT, name);
  let trimmed;
  try {
    trimmed = trimWheel(src, { drop, rewrite });
  } catch (e) {
    fail(`trimming ${rel(src)}: ${e.message}`);
  }
  if (FORCE || !fs.existsSync(dest) || !fs.readFileSync(dest).equals(trimmed.data)) {
    fs.writeFileSync(dest, trimmed.data);
    const mb = (n) => (n / 1e6).toFixed(2);
    log(`wrote ${rel(dest)}: ${trimmed.dropped} files left out (${mb(fs.statSync(src).size)} -> ${mb(trimmed.data.length)} MB)`);
  }
  return name;
}

// ---------------------------------------------------------------------------
// 1. pinned pure-Python wheels
const PY = pythonVersion();
const pins = readPins();
fs.mkdirSync(PINNED, { recursive: true });
for (const name of [...Object.keys(TRIM), ...COMPLETION_ONLY]) {
  if (!pins.some((p) => p.norm === name)) fail(`${rel(REQS)} does not pin ${name}, which scripts/kernel-wheels.mjs treats specially`);
}

let missing = FORCE ? pins : pins.filter((p) => !findPinned(p));
if (missing.length) {
  const python = findPython();
  log(`downloading ${missing.length} pinned wheel(s): ${missing.map((p) => `${p.name}==${p.version}`).join(' ')}`);
  const pipArgs = [
    '-m', 'pip', 'download',
    '--no-deps',
    '--only-binary=:all:', // never fall back to an sdist
    '--require-hashes',
    // select wheels for Pyodide's interpreter, not the venv's: pure wheels only
    '--python-version', PY,
    '--implementation', 'py',
    '--abi', 'none',
    '--platform', 'any',
    '--disable-pip-version-check',
    '--progress-bar', 'off',
    '-r', REQS,
    '-d', PINNED,
  ];
  if (process.env.PIP_INDEX_URL) pipArgs.push('--index-url', process.env.PIP_INDEX_URL);
  const t0 = Date.now();
  const r = spawnSync(python, pipArgs, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (r.error) fail(`could not run ${python}: ${r.error.message}`);
  if (r.status !== 0) {
    fail(
      `pip download failed (exit ${r.status}). Command:\n  ${python} ${pipArgs.join(' ')}\n` +
        `Check that the index (PIP_INDEX_URL=${process.env.PIP_INDEX_URL || '<pip config>'}) ` +
        `holds these exact py3-none-any wheels with these hashes.`
    );
  }
  log(`pip download took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  missing = pins.filter((p) => !findPinned(p));
  if (missing.length) {
    fail(`after pip download still missing or hash-mismatched in ${rel(PINNED)}: ${missing.map((p) => `${p.name}==${p.version}`).join(', ')}`);
  }
} else {
  log(`all ${pins.length} pinned wheels present with matching hashes`);
}
const order = [];
const completion = [];
for (const pin of pins) {
  const src = path.join(PINNED, findPinned(pin));
  const name = TRIM[pin.norm] ? trimIn(src, TRIM[pin.norm](src)) : copyIn(src);
  (COMPLETION_ONLY.has(pin.norm) ? completion : order).push(name);
}

// ---------------------------------------------------------------------------
// 2. the kernel's own wheels from the npm package
if (!fs.existsSync(KERNEL_PYPI)) fail(`missing ${rel(KERNEL_PYPI)}: run npm install (needs @jupyterlite/pyodide-kernel)`);
for (const prefix of ['ipykernel-', 'pyodide_kernel-']) {
  const found = wheelsIn(KERNEL_PYPI).filter((f) => f.startsWith(prefix));
  if (found.length !== 1) fail(`expected exactly one ${prefix}*.whl in ${rel(KERNEL_PYPI)}, found ${found.length}: ${found.join(', ')}`);
  order.push(copyIn(path.join(KERNEL_PYPI, found[0])));
}

// ---------------------------------------------------------------------------
// 3. our own kernel package
function newestMtime(dir) {
  let t = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === '__pycache__') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else t = Math.max(t, fs.statSync(p).mtimeMs);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return t;
}
function ownWheelIn(dir) {
  const found = wheelsIn(dir).filter((f) => /^asyncio_lab-[^-]+-py3-none-any\.whl$/.test(f));
  if (!found.length) return null;
  // newest file wins if several versions lie around
  return found.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}

if (SKIP_OWN) {
  log('--skip-own-wheel: asyncio_lab is NOT included');
} else {
  const srcTime = Math.max(newestMtime(OWN_SRC), fs.existsSync(path.join(ROOT, 'pyproject.toml')) ? fs.statSync(path.join(ROOT, 'pyproject.toml')).mtimeMs : 0);
  let own = ownWheelIn(DIST);
  if (own && fs.statSync(own).mtimeMs < srcTime) {
    log(`${rel(own)} is older than python/asyncio_lab/ or pyproject.toml; not using it`);
    own = null;
  }
  if (!own) {
    const fb = ownWheelIn(OWN_FALLBACK);
    if (fb && fs.statSync(fb).mtimeMs >= srcTime) own = fb;
  }
  if (!own) {
    if (!fs.existsSync(path.join(ROOT, 'pyproject.toml')) || !fs.existsSync(path.join(OWN_SRC, '__init__.py'))) {
      fail(
        'no dist/asyncio_lab-*-py3-none-any.whl and nothing to build it from ' +
          '(need pyproject.toml and python/asyncio_lab/__init__.py). Run `npm run build:wheel`, ' +
          'or pass --skip-own-wheel to collect the kernel wheels without asyncio_lab.'
      );
    }
    const python = findPython();
    log(`no fresh dist/asyncio_lab-*.whl (npm run build:wheel); building the kernel package into ${rel(OWN_FALLBACK)}`);
    fs.rmSync(OWN_FALLBACK, { recursive: true, force: true });
    const r = spawnSync(
      python,
      ['-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '--disable-pip-version-check', '-w', OWN_FALLBACK, '.'],
      { cwd: ROOT, stdio: 'inherit', env: process.env }
    );
    if (r.status !== 0) fail(`building asyncio_lab failed (exit ${r.status}); run npm run build:wheel, or pass --skip-own-wheel`);
    own = ownWheelIn(OWN_FALLBACK);
    if (!own) fail(`pip wheel produced no asyncio_lab-*-py3-none-any.whl in ${rel(OWN_FALLBACK)}`);
  }
  // The release wheel also carries the JupyterLab extension (share/jupyter/labextensions/): the
  // kernel never reads it (the site bundles the extension itself), so the kernel's copy goes without.
  const name = trimIn(own, {
    tag: '1trimmed',
    drop: (member) => /^asyncio_lab-[^/]+\.data\/data\/share\/jupyter\/labextensions\//.test(member),
  });
  // test/notebooks/pyodide-kernel.mjs tells a stale wheel by its time: keep the source's.
  const { mtime } = fs.statSync(own);
  fs.utimesSync(path.join(OUT, name), mtime, mtime);
  order.push(name);
}

// ---------------------------------------------------------------------------
// 4. drop stale wheels, write the manifest
for (const f of wheelsIn(OUT)) {
  if (!order.includes(f) && !completion.includes(f)) {
    fs.rmSync(path.join(OUT, f));
    log(`removed stale ${f}`);
  }
}
const manifest = JSON.stringify({ wheels: order, completion, python: PY }, null, 2) + '\n';
const manifestPath = path.join(OUT, 'wheels.json');
if (!fs.existsSync(manifestPath) || fs.readFileSync(manifestPath, 'utf8') !== manifest) {
  fs.writeFileSync(manifestPath, manifest);
  log(`wrote ${rel(manifestPath)}`);
}
const mbOf = (list) => (list.reduce((s, f) => s + fs.statSync(path.join(OUT, f)).size, 0) / 1e6).toFixed(1);
log(
  `${order.length} wheels at start (${mbOf(order)} MB), ${completion.length} on first completion ` +
    `(${mbOf(completion)} MB) in ${rel(OUT)} (Python ${PY})`
);
