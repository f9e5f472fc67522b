// `npm run bench`: how long a learner waits and how much the site ships.
// Measured side by side in one run (machines are noisy: read the ratios):
//   - kernel ready: opening a lesson to kernel idle, cold and warm cache,
//     against a bare `loadPyodide()` in the same Chromium;
//   - transfer to the first lesson interactive, gzipped as a static host
//     would serve it;
//   - each lesson executed top to bottom on Pyodide (Node, same wheels).
// Prints a table and writes build/bench.json. Needs `npm run build` first.
// Another build of the site: `--site DIR` or ASYNCIO_LAB_SITE_DIR (default build/site);
// its wheels for the lesson runs: ASYNCIO_LAB_WHEELS_DIR (default build/wheels);
// the JSON elsewhere: `--json FILE`.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { serve } from '../scripts/serve.mjs';
import { bareLoadPyodide, launch, lessonToIdle } from './browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argValue = name => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const site = path.resolve(argValue('--site') ?? process.env.ASYNCIO_LAB_SITE_DIR ?? path.join(root, 'build', 'site'));
const jsonOut = path.resolve(argValue('--json') ?? path.join(root, 'build', 'bench.json'));
const TARGETS = { kernelRatioWarm: 1.5, transferMB: 8, lessonSeconds: 5, courseSeconds: 60 };
const LESSON = process.env.ASYNCIO_LAB_BENCH_LESSON ?? 'await-vs-create-task';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(path.join(site, 'index.html'))) {
  console.error(`bench: ${path.relative(root, site)} has no index.html: run npm run build first`);
  process.exit(1);
}

const gzCache = new Map();
function sizes(file) {
  if (!gzCache.has(file)) {
    const data = readFileSync(file);
    gzCache.set(file, { raw: data.length, gz: gzipSync(data, { level: 6 }).length });
  }
  return gzCache.get(file);
}

async function browserBench() {
  const server = await serve({ port: 0, dir: site });
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch(executablePath);
  try {
    const result = {};
    // Bare Pyodide: a cold context, then warm in the same one.
    const bareCtx = await browser.newContext();
    result.bareCold = await bareLoadPyodide(bareCtx, base);
    result.bareWarm = await bareLoadPyodide(bareCtx, base);
    await bareCtx.close();
    // The site: a cold context (empty cache), then a reload in the same one.
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const requests = [];
    result.kernelCold = await lessonToIdle(page, base, LESSON, requests);
    result.kernelWarm = await lessonToIdle(page, base, LESSON, null);
    await ctx.close();
    let raw = 0;
    let gz = 0;
    const files = new Set();
    for (const url of requests) {
      const u = new URL(url);
      if (u.origin !== new URL(base).origin) {
        continue;
      }
      let file = path.join(site, decodeURIComponent(u.pathname));
      if (existsSync(file) && statSync(file).isDirectory()) {
        file = path.join(file, 'index.html');
      }
      if (!existsSync(file) || files.has(file)) {
        continue;
      }
      files.add(file);
      const s = sizes(file);
      raw += s.raw;
      gz += s.gz;
    }
    result.transfer = { files: files.size, rawMB: raw / 1e6, gzipMB: gz / 1e6 };
    return result;
  } finally {
    await browser.close();
    server.close();
  }
}

async function lessonsBench() {
  // Measure the wheels the site ships, as built (no staleness guard here).
  process.env.ASYNCIO_LAB_WHEELS_DIR ??= path.join(root, 'build', 'wheels');
  const { bootKernel, cellSource, errorsOf, clearPendingTimers } = await import('../test/notebooks/pyodide-kernel.mjs');
  const course = JSON.parse(readFileSync(path.join(root, 'notebooks', 'course.json'), 'utf8'));
  const rows = [];
  for (const lesson of course.lessons) {
    const nb = JSON.parse(readFileSync(path.join(root, 'notebooks', lesson.file), 'utf8'));
    const k = await bootKernel();
    await k.execute('%load_ext asyncio_lab');
    const t0 = performance.now();
    let errors = 0;
    for (const cell of nb.cells) {
      if (cell.cell_type !== 'code' || !cellSource(cell).trim()) {
        continue;
      }
      const r = await k.execute(cellSource(cell));
      const tags = cell.metadata?.tags ?? [];
      if (errorsOf(r.outputs).length && !tags.includes('raises-exception')) {
        errors++;
      }
    }
    rows.push({ lesson: lesson.id, seconds: (performance.now() - t0) / 1000, errors });
  }
  clearPendingTimers();
  return rows;
}

const fmt = (n, d = 2) => n.toFixed(d).padStart(8);
const b = await browserBench();
const lessons = await lessonsBench();
const course = lessons.reduce((s, r) => s + r.seconds, 0);
const ratioWarm = b.kernelWarm / b.bareWarm;
const ratioCold = b.kernelCold / b.bareCold;
const verdict = ok => (ok ? 'met' : 'MISSED');
console.log('\nasyncio-lab benchmark (one run, side by side)\n');
console.log('measure                                   value    vs bare   target');
console.log(`bare loadPyodide(), cold (s)          ${fmt(b.bareCold)}`);
console.log(`bare loadPyodide(), warm (s)          ${fmt(b.bareWarm)}`);
console.log(`open lesson -> kernel idle, cold (s)  ${fmt(b.kernelCold)}  ${fmt(ratioCold)}x`);
console.log(`open lesson -> kernel idle, warm (s)  ${fmt(b.kernelWarm)}  ${fmt(ratioWarm)}x  <= ${TARGETS.kernelRatioWarm}x ${verdict(ratioWarm <= TARGETS.kernelRatioWarm)}`);
console.log(`transfer to first lesson (MB, gzip)   ${fmt(b.transfer.gzipMB)}             <= ${TARGETS.transferMB} MB ${verdict(b.transfer.gzipMB <= TARGETS.transferMB)}  (${b.transfer.files} files, ${b.transfer.rawMB.toFixed(1)} MB raw)`);
for (const r of lessons) {
  console.log(`lesson ${r.lesson.padEnd(30)} ${fmt(r.seconds)}             < ${TARGETS.lessonSeconds} s ${verdict(r.seconds < TARGETS.lessonSeconds && !r.errors)}${r.errors ? ` (${r.errors} errors)` : ''}`);
}
console.log(`whole course on Pyodide (s)           ${fmt(course)}             < ${TARGETS.courseSeconds} s ${verdict(course < TARGETS.courseSeconds)}`);
mkdirSync(path.dirname(jsonOut), { recursive: true });
writeFileSync(
  jsonOut,
  JSON.stringify({ when: new Date().toISOString(), targets: TARGETS, browser: b, ratioWarm, ratioCold, lessons, course }, null, 2)
);
console.log(`\nwritten to ${path.relative(root, jsonOut)}`);
