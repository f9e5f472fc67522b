// The course UI's translatable strings: extracted from src/ and the site's
// kernel (lite/src/kernel/) (every `trans.__` / `trans._n` call) and checked
// against each shipped locale in
// python/asyncio_lab/locale/<locale>/LC_MESSAGES/asyncio_lab.json, the layout
// JupyterLab reads (entry point `jupyterlab.locale`) and the site serves.
//   node scripts/i18n.mjs --check     fail if a locale misses a string
//   node scripts/i18n.mjs --list      print the strings as JSON
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DOMAIN = 'asyncio_lab';
export const localeDir = path.join(root, 'python', 'asyncio_lab', 'locale');

const CALL = /\b(?:trans|_trans|_t|t)\.(__|_n)\(\s*'((?:[^'\\]|\\.)*)'(?:\s*,\s*'((?:[^'\\]|\\.)*)')?/gs;
const unescape = s => s.replace(/\\(.)/g, '$1');

export const SOURCE_DIRS = [path.join(root, 'src'), path.join(root, 'lite', 'src', 'kernel')];

/** The `.ts` files below a folder (its subfolders too), as paths relative to it, sorted. */
function walk(dir) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter(file => file.endsWith('.ts'))
    .sort();
}

/** msgid -> plural msgid (or null) for every call in the source folders. */
export function extract(dirs = SOURCE_DIRS) {
  const ids = new Map();
  for (const dir of [dirs].flat()) {
    for (const file of walk(dir)) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      for (const m of text.matchAll(CALL)) {
        ids.set(unescape(m[2]), m[1] === '_n' ? unescape(m[3]) : null);
      }
    }
  }
  return ids;
}

/** Shipped locales: name -> parsed JSON. */
export function locales() {
  const out = new Map();
  if (!existsSync(localeDir)) {
    return out;
  }
  for (const name of readdirSync(localeDir).sort()) {
    const file = path.join(localeDir, name, 'LC_MESSAGES', `${DOMAIN}.json`);
    if (existsSync(file)) {
      out.set(name, JSON.parse(readFileSync(file, 'utf8')));
    }
  }
  return out;
}

export function check() {
  const ids = extract();
  const problems = [];
  for (const [name, data] of locales()) {
    const header = data[''];
    if (!header || header.domain !== DOMAIN) {
      problems.push(`${name}: the "" header must name the domain "${DOMAIN}"`);
    }
    // JupyterLab looks messages up under the locale written with a hyphen.
    if (header?.language !== name.replace('_', '-')) {
      problems.push(`${name}: the "" header's language must be "${name.replace('_', '-')}"`);
    }
    for (const [id, plural] of ids) {
      const entry = data[id];
      if (!Array.isArray(entry) || !entry.every(s => typeof s === 'string' && s)) {
        problems.push(`${name}: no translation for ${JSON.stringify(id)}`);
        continue;
      }
      const wanted = (id.match(/%\d/g) ?? []).sort().join();
      for (const s of entry) {
        if ((s.match(/%\d/g) ?? []).sort().join() !== wanted) {
          problems.push(`${name}: ${JSON.stringify(id)} -> ${JSON.stringify(s)} does not keep the placeholders ${wanted}`);
        }
      }
      if (plural && entry.length < 1) {
        problems.push(`${name}: ${JSON.stringify(id)} needs its plural forms`);
      }
    }
    for (const id of Object.keys(data)) {
      if (id && !ids.has(id)) {
        problems.push(`${name}: ${JSON.stringify(id)} is not used any more`);
      }
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--list')) {
    process.stdout.write(JSON.stringify(Object.fromEntries(extract()), null, 2) + '\n');
  } else {
    const problems = check();
    if (problems.length) {
      process.stderr.write(`translations are out of date:\n  - ${problems.join('\n  - ')}\n`);
      process.exit(1);
    }
    process.stdout.write(`translations: ${[...locales().keys()].join(', ') || 'none'} cover all ${extract().size} strings\n`);
  }
}
