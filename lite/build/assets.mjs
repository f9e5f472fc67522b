// Step "assets": the site's static files besides the bundle, the notebooks
// and the pages: settings schemas, themes, translations, the service worker,
// Pyodide, the kernel's wheels and the favicon.

import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT,
  copy,
  fail,
  packageDir,
  readJSON,
  rel,
  resolveFromRoot,
  writeJSON
} from './util.mjs';

/** Step: writes them into `site`; gives { schemaCount, themes }. */
export function writeAssets({ options, site, extensions, wheels }) {
  const schemaCount = writeSchemas(
    extensions,
    path.join(site, 'build', 'schemas')
  );
  const themes = writeThemes(extensions, path.join(site, 'build', 'themes'));
  writeTranslations(path.join(site, 'api', 'translations'));
  copy(
    resolveFromRoot('@jupyterlite/apputils/lib/service-worker.js'),
    path.join(site, 'service-worker.js')
  );
  copyPyodide(path.join(site, 'pyodide'));
  for (const name of [...wheels.start, ...wheels.completion]) {
    copy(path.join(options.wheels, name), path.join(site, 'wheels', name));
  }
  copy(
    resolveFromRoot(
      '@jupyterlab/ui-components/style/icons/jupyter/jupyter-favicon.svg'
    ),
    path.join(site, 'favicon.svg')
  );
  return { schemaCount, themes };
}

/** Settings schemas of every extension package, in JupyterLite's all.json shape. */
export function writeSchemas(extensions, dir) {
  const all = [];
  for (const { name } of extensions) {
    if (name.startsWith('.')) continue;
    const pkgDir = packageDir(name);
    const pkg = readJSON(path.join(pkgDir, 'package.json'));
    const schemaDir = pkg.jupyterlab?.schemaDir;
    if (!schemaDir) continue;
    const folder = path.join(pkgDir, schemaDir);
    if (!fs.existsSync(folder)) continue;
    for (const file of fs
      .readdirSync(folder)
      .filter(f => f.endsWith('.json'))
      .sort()) {
      all.push({
        id: `${pkg.name}:${path.basename(file, '.json')}`,
        raw: '{}',
        schema: readJSON(path.join(folder, file)),
        settings: {},
        version: pkg.version
      });
    }
  }
  writeJSON(path.join(dir, 'all.json'), all);
  // Read too by JupyterLite; no federated extensions here.
  writeJSON(path.join(dir, 'all_federated.json'), []);
  return all.length;
}

/** Inline a CSS file's relative @imports; any url() must be a data: URL. */
export function inlineCSS(file, seen = new Set()) {
  if (seen.has(file)) return '';
  seen.add(file);
  const css = fs.readFileSync(file, 'utf8');
  return css.replace(
    /@import\s+(?:url\()?['"]([^'"]+)['"]\)?\s*;/g,
    (_, target) => {
      if (!target.startsWith('.'))
        fail(`${rel(file)}: cannot inline @import ${target}`);
      return inlineCSS(path.resolve(path.dirname(file), target), seen);
    }
  );
}

/** Theme packages' CSS at themes/<package>/index.css, where JupyterLab loads it. */
export function writeThemes(extensions, dir) {
  const names = [];
  for (const { name } of extensions) {
    if (name.startsWith('.')) continue;
    const pkgDir = packageDir(name);
    const pkg = readJSON(path.join(pkgDir, 'package.json'));
    const themePath = pkg.jupyterlab?.themePath;
    if (!themePath) continue;
    const css = inlineCSS(path.join(pkgDir, themePath));
    const external = css.match(/url\(\s*['"]?(?!data:)[^)'"]+/g);
    if (external)
      fail(`${name}: theme CSS refers to files (${external.join(', ')})`);
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    fs.writeFileSync(path.join(dir, name, 'index.css'), css);
    names.push(name);
  }
  return names;
}

/**
 * JupyterLite's translation API: the available languages and each pack. The
 * course UI's own strings come from the kernel package's locale folder (the
 * layout JupyterLab reads too); JupyterLab's own strings stay English unless
 * a JupyterLab language pack is added.
 */
export function writeTranslations(dir) {
  const names = { zh_CN: ['Chinese (Simplified, China)', '中文 (简体)'] };
  const languages = { en: { displayName: 'English', nativeName: 'English' } };
  writeJSON(path.join(dir, 'en.json'), { data: {}, message: '' });
  const localeDir = path.join(ROOT, 'python', 'asyncio_lab', 'locale');
  for (const locale of fs.existsSync(localeDir)
    ? fs.readdirSync(localeDir).sort()
    : []) {
    const file = path.join(
      localeDir,
      locale,
      'LC_MESSAGES',
      'asyncio_lab.json'
    );
    if (!fs.existsSync(file)) {
      continue;
    }
    const [displayName, nativeName] = names[locale] ?? [locale, locale];
    languages[locale] = { displayName, nativeName };
    writeJSON(path.join(dir, `${locale}.json`), {
      data: { asyncio_lab: JSON.parse(fs.readFileSync(file, 'utf8')) },
      message: ''
    });
  }
  writeJSON(path.join(dir, 'all.json'), { data: languages, message: '' });
}

/** The Pyodide runtime files the kernel loads, into `dir`. */
export function copyPyodide(dir) {
  const pyodideDir = packageDir('pyodide');
  for (const name of [
    'pyodide.mjs',
    'pyodide.asm.mjs',
    'pyodide.asm.wasm',
    'python_stdlib.zip',
    'pyodide-lock.json'
  ]) {
    copy(path.join(pyodideDir, name), path.join(dir, name));
  }
}
