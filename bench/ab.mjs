// `npm run bench:ab -- --a DIR --b DIR [--rounds N]`: two builds of the site
// side by side in one Chromium, interleaved (A B, then B A, ...) so that a
// machine that is busier at one moment than the next weighs on both alike.
// Each round, for each site, in a fresh context (empty cache): a bare
// `loadPyodide()` from that site's Pyodide, then opening a lesson to kernel
// idle cold and once more warm. Prints the medians, each site's ratio to its
// own bare Pyodide, and B over A. Writes the samples to --json (default
// build/bench-ab.json).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { bareLoadPyodide, launch, lessonToIdle } from './browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argValue = name => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const usage = 'usage: npm run bench:ab -- --a SITE_DIR --b SITE_DIR [--rounds N] [--json FILE]';
const dirs = { A: argValue('--a'), B: argValue('--b') ?? path.join(root, 'build', 'site') };
const rounds = Number(argValue('--rounds') ?? 3);
const jsonOut = path.resolve(argValue('--json') ?? path.join(root, 'build', 'bench-ab.json'));
const LESSON = process.env.ASYNCIO_LAB_BENCH_LESSON ?? 'await-vs-create-task';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

for (const [name, dir] of Object.entries(dirs)) {
  if (!dir || !existsSync(path.join(dir, 'index.html'))) {
    console.error(`bench:ab: site ${name} (${dir ?? 'not given'}) has no index.html\n${usage}`);
    process.exit(2);
  }
}
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`bench:ab: --rounds must be a whole number >= 1\n${usage}`);
  process.exit(2);
}

const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = x => x.toFixed(2);

async function measure(browser, base) {
  const bare = await browser.newContext();
  const bareCold = await bareLoadPyodide(bare, base);
  await bare.close();
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const cold = await lessonToIdle(page, base, LESSON, null);
  const warm = await lessonToIdle(page, base, LESSON, null);
  await ctx.close();
  return { bareCold, cold, warm, ratioCold: cold / bareCold, ratioWarm: warm / bareCold };
}

const servers = {};
const bases = {};
for (const [name, dir] of Object.entries(dirs)) {
  servers[name] = await serve({ port: 0, dir: path.resolve(dir) });
  bases[name] = `http://127.0.0.1:${servers[name].address().port}/`;
}
const browser = await launch(executablePath);
const samples = { A: [], B: [] };
try {
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? ['B', 'A'] : ['A', 'B'];
    for (const name of order) {
      const m = await measure(browser, bases[name]);
      samples[name].push(m);
      console.log(`round ${r + 1} ${name}: bare ${fmt(m.bareCold)} s, lesson cold ${fmt(m.cold)} s, warm ${fmt(m.warm)} s`);
    }
  }
} finally {
  await browser.close();
  Object.values(servers).forEach(s => s.close());
}

const keys = ['bareCold', 'cold', 'warm', 'ratioCold', 'ratioWarm'];
const med = Object.fromEntries(
  Object.entries(samples).map(([n, ms]) => [n, Object.fromEntries(keys.map(k => [k, median(ms.map(m => m[k]))]))])
);
console.log(`\nmedians over ${rounds} rounds (lesson ${LESSON})   A        B        B/A`);
const label = {
  bareCold: 'bare loadPyodide(), cold (s)     ',
  cold: 'lesson -> idle, cold (s)         ',
  warm: 'lesson -> idle, warm (s)         ',
  ratioCold: 'cold / bare (x)                  ',
  ratioWarm: 'warm / bare (x)                  '
};
for (const k of keys) {
  console.log(`${label[k]}  ${fmt(med.A[k]).padStart(6)}   ${fmt(med.B[k]).padStart(6)}   ${fmt(med.B[k] / med.A[k])}`);
}
mkdirSync(path.dirname(jsonOut), { recursive: true });
writeFileSync(jsonOut, JSON.stringify({ lesson: LESSON, sites: dirs, rounds, samples, medians: med }, null, 2));
console.log(`\nwrote ${path.relative(root, jsonOut)}`);
