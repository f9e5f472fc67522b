// What every step of the site build shares: the project's paths, build
// errors, JSON and file helpers, package lookup, output sizes and step
// timing. Imports nothing of the build's own.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const require = createRequire(import.meta.url);
/** lite/ (this file is lite/build/util.mjs). */
export const LITE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..'
);
/** The project root. */
export const ROOT = path.resolve(LITE, '..');

/** A path as printed: relative to the project root when it is inside it. */
export const rel = file => {
  const relative = path.relative(ROOT, file);
  return relative.startsWith('..') ? file : relative || '.';
};

/** A bad input: printed as `site: ERROR: <message>`, without a stack. */
export class BuildError extends Error {}

export function fail(message) {
  throw new BuildError(message);
}

export function readJSON(file, what = 'JSON') {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    fail(`${rel(file)}: cannot read it (${error.code ?? error.message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    fail(`${rel(file)}: not valid ${what}: ${error.message}`);
  }
}

export function writeJSON(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(data));
}

export function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

/** A file of an installed package (`@scope/name/some/file`), resolved from the root. */
export function resolveFromRoot(specifier) {
  return require.resolve(specifier, { paths: [ROOT] });
}

/** The folder of an installed package (the root for asyncio-lab itself). */
export function packageDir(name) {
  if (name === 'asyncio-lab') return ROOT;
  return path.dirname(resolveFromRoot(`${name}/package.json`));
}

// ------------------------------------------------------------------ sizes --

export function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(file) : [file];
  });
}

/** Total bytes of a folder's files, as they are and gzipped. */
export function sizes(dir) {
  let raw = 0;
  let gzipped = 0;
  for (const file of walk(dir)) {
    const data = fs.readFileSync(file);
    raw += data.length;
    gzipped += zlib.gzipSync(data, { level: 6 }).length;
  }
  return { raw, gzipped };
}

export const mb = bytes => `${(bytes / 1e6).toFixed(1)} MB`;

// ----------------------------------------------------------------- timing --

/** Starts a clock; the returned function prints `site: <label> (N s)`. */
export function startTimer() {
  const start = process.hrtime.bigint();
  return label => {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    console.log(`site: ${label} (${(ms / 1000).toFixed(1)} s)`);
  };
}
