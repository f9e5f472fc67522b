// The other CPython versions `npm test` runs the kernel package's tests on.
// The main environment (.venv) has the oldest supported Python (3.11, the
// machine's python3) with ipykernel and JupyterLab; any newer CPython found
// here (python3.12, python3.13, python3.14 on PATH, pyenv's installed
// versions, or those listed in $ASYNCIO_LAB_OTHER_PYTHONS, comma-separated)
// gets its own .venv-3.X with
// IPython and pytest (requirements-versions.txt), and runs python/tests but
// the few files that need ipykernel, nbformat or JupyterLab. Versions found
// run side by side (the tests mostly wait on timers, not the CPU).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log, pipArgs, root } from './setup.mjs';

const REQUIREMENTS = path.join(root, 'requirements-versions.txt');

// Need ipykernel/nbclient (no wheel of debugpy for 3.12+ in our mirror),
// nbformat (its jsonschema needs a compiled rpds-py we only have for 3.11) or
// JupyterLab; they run on .venv.
export const MAIN_ONLY = [
  'python/tests/test_install.py',
  'python/tests/test_instruments_ipykernel.py',
  'python/tests/test_bad_input.py',
  'python/tests/test_notebook_rules.py'
];

function probe(exe) {
  const r = spawnSync(
    exe,
    ['-c', 'import sys; print("%d.%d" % sys.version_info[:2]); print(sys.executable)'],
    { encoding: 'utf8' }
  );
  if (r.status !== 0 || r.error) {
    return null;
  }
  const [version, executable] = r.stdout.trim().split('\n');
  return { version, executable };
}

/** Other CPythons (3.12+) than `mainVersion`, one per version. */
export function otherPythons(mainVersion) {
  const listed = (process.env.ASYNCIO_LAB_OTHER_PYTHONS ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  const found = new Map();
  // pyenv's shims only answer for the selected version: look in its folders.
  const pyenv = path.join(process.env.PYENV_ROOT ?? path.join(os.homedir(), '.pyenv'), 'versions');
  const pyenvPythons = existsSync(pyenv)
    ? readdirSync(pyenv)
        .filter(v => /^3\.(1[2-9])\.\d+$/.test(v))
        .sort((a, b) => b.localeCompare(a, undefined, { numeric: true }))
        .map(v => path.join(pyenv, v, 'bin', 'python3'))
    : [];
  const onPath = ['python3.12', 'python3.13', 'python3.14'];
  for (const exe of [...listed, ...onPath, ...pyenvPythons]) {
    const p = probe(exe);
    if (!p || p.version === mainVersion || found.has(p.version)) {
      continue;
    }
    const [major, minor] = p.version.split('.').map(Number);
    if (major === 3 && minor >= 12) {
      found.set(p.version, p.executable);
    }
  }
  return [...found].map(([version, executable]) => ({ version, executable }));
}

function venvOf(version) {
  const dir = path.join(root, `.venv-${version}`);
  return { dir, python: path.join(dir, 'bin', 'python') };
}

/** Create or refresh .venv-3.X; returns null, or why it could not. */
export function ensureVersionVenv({ version, executable }) {
  const { dir, python } = venvOf(version);
  const stamp = path.join(dir, '.asyncio-lab-stamp');
  const want = createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) {
    return null;
  }
  log(`creating .venv-${version} with ${executable} (IPython, pytest)…`);
  if (!existsSync(python)) {
    const made = spawnSync(executable, ['-m', 'venv', dir], { stdio: 'inherit' });
    if (made.status !== 0) {
      return `${executable} -m venv failed`;
    }
  }
  const pip = spawnSync(python, ['-m', 'pip', 'install', '--quiet', ...pipArgs(), '-r', REQUIREMENTS], {
    stdio: 'inherit'
  });
  if (pip.status !== 0) {
    return `pip could not install requirements-versions.txt for Python ${version}`;
  }
  writeFileSync(stamp, want);
  return null;
}

/** pytest on one version; resolves { version, passed, failed, skipped, log }. */
function runOne({ version }, resultsDir) {
  const { python } = venvOf(version);
  const xml = path.join(resultsDir, `pytest-${version}.xml`);
  const logFile = path.join(resultsDir, `pytest-${version}.log`);
  const out = createWriteStream(logFile);
  const args = ['-m', 'pytest', '-p', 'no:cacheprovider', `--junitxml=${xml}`, 'python/tests'];
  for (const file of MAIN_ONLY) {
    args.push(`--ignore=${file}`);
  }
  return new Promise(resolve => {
    const child = spawn(python, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.on('close', status => {
      out.end();
      let passed = 0;
      let failed = status === 0 || status === 5 ? 0 : 1;
      if (existsSync(xml)) {
        const text = readFileSync(xml, 'utf8');
        const attr = name => Number((text.match(new RegExp(`<testsuite [^>]*${name}="(\\d+)"`)) ?? [])[1] ?? 0);
        const bad = attr('failures') + attr('errors');
        passed = attr('tests') - bad - attr('skipped');
        failed = bad || failed;
      }
      resolve({ version, passed, failed, status, logFile });
    });
  });
}

/** Set up and run every other version found; resolves the suite's counts. */
export async function runOtherPythons(mainVersion, resultsDir) {
  const pythons = otherPythons(mainVersion);
  if (!pythons.length) {
    log('no other CPython 3.12+ found (python3.12/3.13/3.14, pyenv, $ASYNCIO_LAB_OTHER_PYTHONS): skipped');
    return { status: 0, passed: 0, failed: 0 };
  }
  const ready = [];
  for (const p of pythons) {
    const problem = ensureVersionVenv(p);
    if (problem) {
      log(`Python ${p.version}: skipped (${problem})`);
    } else {
      ready.push(p);
    }
  }
  log(`running python/tests on Python ${ready.map(p => p.version).join(', ')} side by side…`);
  const results = await Promise.all(ready.map(p => runOne(p, resultsDir)));
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    const text = readFileSync(r.logFile, 'utf8').trimEnd().split('\n');
    process.stdout.write(`\n── Python ${r.version} (${path.relative(root, r.logFile)})\n`);
    // Failures in full; a passing run by its closing line.
    process.stdout.write(`${(r.failed ? text.slice(-200) : text.slice(-1)).join('\n')}\n`);
    passed += r.passed;
    failed += r.failed;
  }
  return { status: failed ? 1 : 0, passed, failed };
}
