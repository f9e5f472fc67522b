// Set-up shared by `npm start` and `npm test`: checks the prerequisites a
// user must have (Node, Python 3.11+), installs npm packages from the
// lockfile and the Python build/test tools into .venv, each only when
// missing or out of date. Node built-ins only: it runs before node_modules.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const venv = path.join(root, '.venv');
export const venvBin = name =>
  path.join(venv, process.platform === 'win32' ? 'Scripts' : 'bin', name);

export class SetupError extends Error {}

export function log(message) {
  process.stdout.write(`[asyncio-lab] ${message}\n`);
}

/** Run a command, streaming its output; throw if it fails. */
export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    ...options,
    env: { ...process.env, ...(options.env ?? {}) }
  });
  if (result.error) {
    throw new SetupError(`could not run ${cmd}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new SetupError(`${cmd} ${args.join(' ')} failed (exit ${result.status})`);
  }
}

function digest(...files) {
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(existsSync(f) ? readFileSync(f) : '');
  }
  return hash.digest('hex');
}

export function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) {
    throw new SetupError(
      `Node.js 20 or newer is required (found ${process.version}). Install it from your package manager or nodejs.org.`
    );
  }
}

/** The Python that builds the venv: $ASYNCIO_LAB_PYTHON, python3 or python. */
export function findPython() {
  const candidates = [process.env.ASYNCIO_LAB_PYTHON, 'python3', 'python'].filter(Boolean);
  for (const candidate of candidates) {
    const probe = spawnSync(
      candidate,
      ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'],
      { encoding: 'utf8' }
    );
    if (probe.status === 0) {
      const [major, minor] = probe.stdout.trim().split('.').map(Number);
      if (major === 3 && minor >= 11) {
        return candidate;
      }
      throw new SetupError(
        `Python 3.11 or newer is required (${candidate} is ${probe.stdout.trim()}). Install python3 (3.11+) or set ASYNCIO_LAB_PYTHON to one.`
      );
    }
  }
  throw new SetupError(
    'Python 3.11 or newer is required and none was found (tried python3, python). Install it (Debian/Ubuntu: apt-get install python3 python3-venv) or set ASYNCIO_LAB_PYTHON.'
  );
}

export function ensureNodeModules() {
  const stamp = path.join(root, 'node_modules', '.asyncio-lab-stamp');
  const want = digest(path.join(root, 'package-lock.json'));
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) {
    return;
  }
  log('installing npm packages (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund'], {
    env: { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }
  });
  writeFileSync(stamp, want);
}

/** pip arguments: honour PIP_INDEX_URL (a local mirror); fail fast offline. */
export function pipArgs() {
  return ['--disable-pip-version-check', '--retries', process.env.PIP_RETRIES ?? '1'];
}

export function ensureVenv() {
  const requirements = path.join(root, 'requirements-dev.txt');
  const stamp = path.join(venv, '.asyncio-lab-stamp');
  const want = digest(requirements);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) {
    return;
  }
  const python = findPython();
  if (!existsSync(venvBin('python'))) {
    log(`creating the Python environment in .venv with ${python}…`);
    const made = spawnSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
    if (made.status !== 0) {
      throw new SetupError(
        `${python} -m venv failed: install the venv module (Debian/Ubuntu: apt-get install python3-venv).`
      );
    }
  }
  log('installing the Python build and test tools into .venv…');
  run(venvBin('python'), ['-m', 'pip', 'install', ...pipArgs(), '-r', requirements]);
  writeFileSync(stamp, want);
}

export function setup() {
  checkNode();
  findPython();
  ensureNodeModules();
  ensureVenv();
}

/** Run `fn`; report a SetupError as one clear line and exit 1. */
export async function main(fn) {
  try {
    await fn();
  } catch (error) {
    if (error instanceof SetupError) {
      process.stderr.write(`\n[asyncio-lab] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main(setup);
}
