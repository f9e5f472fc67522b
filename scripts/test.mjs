// `npm test`: set up what is missing, build everything, run every suite and
// end with one line `N passed, N failed`. Exits non-zero on any failure.
//   node scripts/test.mjs [suite ...]   suites: unit python versions pyodide ui
//   --no-build                          reuse the last build
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runOtherPythons } from './pythons.mjs';
import { SetupError, log, main, root, run, setup, venvBin } from './setup.mjs';

const results = path.join(root, 'build', 'test-results');

export function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable'
  ].filter(Boolean);
  const found = candidates.find(c => existsSync(c));
  if (!found) {
    throw new SetupError(
      'Chromium is needed for the browser tests and was not found (looked for ' +
        candidates.join(', ') +
        '). Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.'
    );
  }
  return found;
}

function exec(cmd, args, env = {}) {
  const started = Date.now();
  const result = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env }
  });
  return { status: result.status ?? 1, seconds: (Date.now() - started) / 1000 };
}

const readJSON = file => JSON.parse(readFileSync(file, 'utf8'));

const SUITES = {
  unit: {
    title: 'TypeScript unit tests (jest)',
    run() {
      const out = path.join(results, 'jest.json');
      const r = exec(path.join(root, 'node_modules', '.bin', 'jest'), [
        '--json',
        `--outputFile=${out}`
      ]);
      if (!existsSync(out)) return { ...r, passed: 0, failed: 1 };
      const j = readJSON(out);
      // A suite that fails to load counts as a failure even with no test.
      const broken = j.testResults.filter(t => t.status === 'failed' && !t.assertionResults.length).length;
      return { ...r, passed: j.numPassedTests, failed: j.numFailedTests + broken };
    }
  },
  python: {
    title: 'Python: asyncio_lab in a real IPython shell, lessons on ipykernel (pytest)',
    run() {
      const out = path.join(results, 'pytest.xml');
      const r = exec(venvBin('python'), ['-m', 'pytest', '-p', 'no:cacheprovider', `--junitxml=${out}`]);
      if (!existsSync(out)) return { ...r, passed: 0, failed: 1 };
      const xml = readFileSync(out, 'utf8');
      const attr = name => Number((xml.match(new RegExp(`<testsuite [^>]*${name}="(\\d+)"`)) ?? [])[1] ?? 0);
      const failed = attr('failures') + attr('errors');
      const passed = attr('tests') - failed - attr('skipped');
      return { ...r, passed, failed: failed || (r.status !== 0 && r.status !== 5 ? 1 : 0) };
    }
  },
  versions: {
    title: 'Python: asyncio_lab and the lessons on the other CPython versions found (3.12+, pytest)',
    run() {
      const main = spawnSync(venvBin('python'), ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
        encoding: 'utf8'
      });
      return runOtherPythons(main.stdout.trim(), results);
    }
  },
  pyodide: {
    title: 'Lessons on the real Pyodide kernel under Node (node:test)',
    run() {
      const r = spawnSync(process.execPath, ['--test', '--test-reporter=tap', 'test/notebooks/'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 64 * 1024 * 1024
      });
      process.stdout.write(r.stdout ?? '');
      const count = key => Number(((r.stdout ?? '').match(new RegExp(`^# ${key} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
      const failed = count('fail') + count('cancelled');
      return { status: r.status ?? 1, passed: count('pass'), failed: failed || (r.status ? 1 : 0) };
    }
  },
  ui: {
    title: 'Browser journeys in Chromium: the site and JupyterLab (Playwright)',
    run() {
      const out = path.join(results, 'playwright.json');
      const r = exec(path.join(root, 'node_modules', '.bin', 'playwright'), ['test', '--reporter=list,json'], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: out,
        CHROMIUM_PATH: findChromium()
      });
      if (!existsSync(out)) return { ...r, passed: 0, failed: 1 };
      const s = readJSON(out).stats ?? {};
      const failed = (s.unexpected ?? 0) + (s.flaky ?? 0);
      return { ...r, passed: s.expected ?? 0, failed: failed || (r.status ? 1 : 0) };
    }
  }
};

const startedAt = Date.now();

await main(async () => {
  const args = process.argv.slice(2);
  const build = !args.includes('--no-build');
  const chosen = args.filter(a => !a.startsWith('--'));
  for (const name of chosen) {
    if (!SUITES[name]) {
      throw new SetupError(`unknown suite "${name}" (choose from ${Object.keys(SUITES).join(', ')})`);
    }
  }
  const names = chosen.length ? chosen : Object.keys(SUITES);
  setup();
  if (names.includes('ui')) {
    findChromium();
  }
  if (build) {
    log('building (lib, labextension, wheels, site)…');
    run('npm', ['run', '--silent', 'build']);
  }
  // The JupyterLab journeys and the install test use the built wheel, the way
  // a user installs it: pip puts the labextension and the kernel package in.
  const wheel = readdirSync(path.join(root, 'dist')).find(f => /^asyncio_lab-.*-py3-none-any\.whl$/.test(f));
  if (!wheel) {
    throw new SetupError('dist/ has no asyncio_lab wheel: run npm run build');
  }
  log(`installing ${wheel} into .venv (pip)…`);
  run(venvBin('python'), ['-m', 'pip', 'install', '--quiet', '--no-deps', '--force-reinstall', path.join('dist', wheel)]);
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
  const summary = [];
  for (const name of names) {
    const suite = SUITES[name];
    log(`── ${suite.title}`);
    const r = await suite.run();
    summary.push({ name, ...r });
  }
  let passed = 0;
  let failed = 0;
  log('── summary');
  for (const s of summary) {
    passed += s.passed;
    failed += s.failed;
    log(`${s.name.padEnd(8)} ${String(s.passed).padStart(4)} passed ${String(s.failed).padStart(4)} failed`);
  }
  log(`all suites took ${Math.round((Date.now() - startedAt) / 1000)} s`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed ? 1 : 0);
});
