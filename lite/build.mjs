#!/usr/bin/env node
// Builds the course site: JupyterLab + JupyterLite + the offline Pyodide
// kernel + the asyncio-lab extension + the lesson notebooks, as static files
// that work from any URL prefix and make no request outside their origin.
//
// Usage: node lite/build.mjs [--dev] [--webpack] [--out DIR] [--notebooks DIR] [--wheels DIR]
//                             [--skip-tsc] [--stats FILE]
//   --dev          development mode (source maps, no minification)
//   --webpack      bundle with webpack 5 instead of rspack (same configuration, slower)
//   --out          output directory (default build/site; emptied first)
//   --notebooks    course folder with course.json and the notebooks (default notebooks)
//   --wheels       folder with wheels.json and the kernel's wheels (default build/wheels,
//                  made by `node scripts/kernel-wheels.mjs`)
//   --skip-tsc     do not run `tsc -p lite` first
//   --stats FILE   also write the bundler's module/chunk statistics of the app (JSON) to FILE
//
// Inputs it needs: lib/ (the extension, `npx tsc`), node_modules, the wheels.
// Any bad input (manifest, notebook, missing wheel) stops the build with the
// file name and the problem.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

// lib/*.js are ES modules in a package without "type": "module": Node loads
// them fine but warns each time. Keep the output for real problems.
process.removeAllListeners('warning');
process.on('warning', warning => {
  if (warning.code !== 'MODULE_TYPELESS_PACKAGE_JSON') {
    console.warn(warning);
  }
});

const require = createRequire(import.meta.url);
const LITE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(LITE, '..');
const rel = file => {
  const relative = path.relative(ROOT, file);
  return relative.startsWith('..') ? file : relative || '.';
};

class BuildError extends Error {}

function fail(message) {
  throw new BuildError(message);
}

function parseArgs(argv) {
  const options = {
    mode: 'production',
    out: path.join(ROOT, 'build', 'site'),
    notebooks: path.join(ROOT, 'notebooks'),
    wheels: path.join(ROOT, 'build', 'wheels'),
    tsc: true,
    stats: null,
    bundler: '@rspack/core'
  };
  const usage =
    'usage: node lite/build.mjs [--dev] [--webpack] [--out DIR] [--notebooks DIR] [--wheels DIR] ' +
    '[--skip-tsc] [--stats FILE]';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (!next) fail(`${arg} needs a value\n${usage}`);
      return path.resolve(next);
    };
    if (arg === '--dev') options.mode = 'development';
    else if (arg === '--webpack') options.bundler = 'webpack';
    else if (arg === '--out') options.out = value();
    else if (arg === '--notebooks') options.notebooks = value();
    else if (arg === '--wheels') options.wheels = value();
    else if (arg === '--skip-tsc') options.tsc = false;
    else if (arg === '--stats') options.stats = value();
    else fail(`unknown argument ${arg}\n${usage}`);
  }
  return options;
}

function step(label) {
  const start = process.hrtime.bigint();
  return () => {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    console.log(`site: ${label} (${(ms / 1000).toFixed(1)} s)`);
  };
}

function readJSON(file, what = 'JSON') {
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

function writeJSON(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(data));
}

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

function packageDir(name) {
  if (name === 'asyncio-lab') return ROOT;
  return path.dirname(
    require.resolve(`${name}/package.json`, { paths: [ROOT] })
  );
}

// ---------------------------------------------------------------- inputs --

function runTsc() {
  const done = step('compiled lite/src with tsc');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', path.join(LITE, 'tsconfig.json')],
    {
      cwd: ROOT,
      stdio: 'inherit'
    }
  );
  if (result.status !== 0) fail('tsc -p lite failed (see above)');
  done();
}

async function loadCourseModule() {
  const file = path.join(ROOT, 'lib', 'course', 'manifest.js');
  if (!fs.existsSync(file)) {
    fail(`${rel(file)} is missing: compile the extension first (npx tsc)`);
  }
  return import(pathToFileURL(file).href);
}

/**
 * The course manifest and every notebook of the course folder, validated.
 * Returns the manifest and the notebooks as { name, file, text, data }.
 */
async function readCourse(dir) {
  const { validateCourse, validateLessonNotebook, stampRevision } =
    await loadCourseModule();
  const manifestFile = path.join(dir, 'course.json');
  const course = readJSON(manifestFile);
  const problems = validateCourse(course);
  if (problems.length) {
    fail(
      `${rel(manifestFile)}: invalid course manifest:\n  - ${problems.join('\n  - ')}`
    );
  }
  const lessonsByFile = new Map(
    course.lessons.map(lesson => [lesson.file, lesson])
  );
  const names = fs
    .readdirSync(dir)
    .filter(name => name.endsWith('.ipynb'))
    .sort();
  for (const file of lessonsByFile.keys()) {
    if (!names.includes(file)) {
      fail(
        `${rel(manifestFile)}: lesson notebook ${rel(path.join(dir, file))} does not exist`
      );
    }
  }
  const notebooks = names.map(name => {
    const file = path.join(dir, name);
    const data = readJSON(file, 'JSON (a notebook is nbformat 4 JSON)');
    const errors = validateLessonNotebook(data, lessonsByFile.get(name));
    if (errors.length) {
      fail(
        `${rel(file)}: not a valid nbformat 4 lesson notebook:\n  - ${errors.join('\n  - ')}`
      );
    }
    return { name, file, text: forSiteKernel(stampRevision(data)), data };
  });
  return { course, notebooks };
}

/**
 * The notebook as the site serves it: its kernelspec names the site's kernel,
 * so opening it picks that kernel without a warning and without marking the
 * notebook as changed. The lesson's revision is stamped into its metadata
 * (`asyncio_lab.revision`), so the panel can tell a learner's copy saved from
 * an older version of the site. Everything else is kept as written.
 */
function forSiteKernel(notebook) {
  const copy = {
    ...notebook,
    metadata: { ...notebook.metadata, kernelspec: SITE_KERNELSPEC }
  };
  return `${JSON.stringify(copy, null, 1)}\n`;
}

const SITE_KERNELSPEC = {
  name: 'python',
  display_name: 'Python (Pyodide)',
  language: 'python'
};

/**
 * The kernel's wheels, in load order, checked to be present, pure Python,
 * and to include our own package: `start` (installed when the kernel starts)
 * and `completion` (installed on the first completion request).
 */
function readWheels(dir) {
  const listFile = path.join(dir, 'wheels.json');
  if (!fs.existsSync(listFile)) {
    fail(
      `${rel(listFile)} is missing: make the kernel's wheels first (node scripts/kernel-wheels.mjs)`
    );
  }
  const { wheels, completion = [] } = readJSON(listFile);
  if (!Array.isArray(wheels) || wheels.length === 0) {
    fail(`${rel(listFile)}: "wheels" must be a non-empty list of file names`);
  }
  if (!Array.isArray(completion)) {
    fail(`${rel(listFile)}: "completion" must be a list of file names`);
  }
  for (const name of [...wheels, ...completion]) {
    if (
      typeof name !== 'string' ||
      !/^[A-Za-z0-9_.+-]+-py[23][^/]*-none-any\.whl$/.test(name)
    ) {
      fail(
        `${rel(listFile)}: ${JSON.stringify(name)} is not a pure-Python wheel file name`
      );
    }
    if (!fs.existsSync(path.join(dir, name))) {
      fail(
        `${rel(listFile)}: lists ${name} but ${rel(path.join(dir, name))} does not exist`
      );
    }
  }
  for (const needed of [
    'pyodide_kernel',
    'ipykernel',
    'ipython',
    'asyncio_lab'
  ]) {
    if (!wheels.some(name => name.toLowerCase().startsWith(`${needed}-`))) {
      fail(
        `${rel(listFile)}: no ${needed} wheel; the kernel cannot start without it ` +
          '(node scripts/kernel-wheels.mjs builds the list)'
      );
    }
  }
  return { start: wheels, completion };
}

// ---------------------------------------------------------------- bundles --

// What --stats writes: every chunk with every module in it (for size work).
const STATS_OPTIONS = {
  all: false,
  ids: true,
  entrypoints: true,
  chunks: true,
  chunkModules: true,
  cachedModules: true,
  dependentModules: true,
  nestedModules: true,
  excludeModules: false,
  chunkModulesSpace: Infinity,
  nestedModulesSpace: Infinity
};

async function bundle(
  { bundler: bundlerName, mode, stats: statsFile },
  outputPath
) {
  const done = step(
    `bundled the app and the kernel workers (${bundlerName}, ${mode})`
  );
  const { default: bundler } = await import(bundlerName);
  const { appConfig, workerConfig } = await import(
    pathToFileURL(path.join(LITE, 'webpack.config.mjs')).href
  );
  const configs = [
    appConfig({ bundler, mode, outputPath }),
    workerConfig({ bundler, mode, outputPath })
  ];
  const stats = await new Promise((resolve, reject) => {
    bundler(configs, (error, result) =>
      error ? reject(error) : resolve(result)
    );
  });
  if (stats.hasErrors()) {
    console.error(
      stats.toString({
        all: false,
        errors: true,
        errorDetails: true,
        colors: false
      })
    );
    fail(`${bundlerName} failed (see above)`);
  }
  if (stats.hasWarnings()) {
    console.warn(stats.toString({ all: false, warnings: true, colors: false }));
  }
  const [app, workers] = stats.stats.map(s =>
    s.toJson({ all: false, entrypoints: true })
  );
  if (statsFile) {
    writeJSON(statsFile, stats.stats[0].toJson(STATS_OPTIONS));
  }
  const entryFile = (json, name) => {
    const files = json.entrypoints[name].assets.map(asset => asset.name);
    const js = files.filter(file => file.endsWith('.js'));
    if (js.length !== 1)
      fail(
        `${bundlerName}: expected one file for ${name}, got ${js.join(', ')}`
      );
    return js[0];
  };
  done();
  return {
    main: entryFile(app, 'main'),
    comlink: entryFile(workers, 'kernel-comlink.worker'),
    coincident: entryFile(workers, 'kernel-coincident.worker')
  };
}

// ----------------------------------------------------------- site assets --

/** Settings schemas of every extension package, in JupyterLite's all.json shape. */
function writeSchemas(extensions, dir) {
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
function inlineCSS(file, seen = new Set()) {
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
function writeThemes(extensions, dir) {
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
function writeTranslations(dir) {
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

/** Contents API listings and file bodies for the course folder. */
function writeContents(course, notebooks, site) {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const stamp = file =>
    (epoch
      ? new Date(Number(epoch) * 1000)
      : fs.statSync(file).mtime
    ).toISOString();
  const folder = course.lessonsDirectory;
  const entries = notebooks.map(({ name, file, text }) => ({
    name,
    path: `${folder}/${name}`,
    type: 'notebook',
    format: null,
    mimetype: null,
    content: null,
    size: Buffer.byteLength(text),
    writable: true,
    created: stamp(file),
    last_modified: stamp(file)
  }));
  for (const { name, text } of notebooks) {
    const target = path.join(site, 'files', folder, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  const newest =
    entries
      .map(e => e.last_modified)
      .sort()
      .pop() ?? new Date(0).toISOString();
  const listing = (name, dirPath, content) => ({
    name,
    path: dirPath,
    type: 'directory',
    format: 'json',
    mimetype: null,
    content,
    size: null,
    writable: true,
    created: newest,
    last_modified: newest
  });
  writeJSON(
    path.join(site, 'api', 'contents', folder, 'all.json'),
    listing(folder, folder, entries)
  );
  writeJSON(
    path.join(site, 'api', 'contents', 'all.json'),
    listing('', '', [{ ...listing(folder, folder, null), format: null }])
  );
}

function copyPyodide(dir) {
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

// ------------------------------------------------------------------ pages --

const escapeJSON = data =>
  JSON.stringify(data, null, 2).replace(/</g, '\\u003c');

// The page's "loading" note, shown until JupyterLab's own splash takes over
// (the entry module removes it once the app has started).
const LOADING_ID = 'asyncio-lab-loading';

const escapeHTML = text =>
  String(text).replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[
        c
      ]
  );

function appPage({ title: rawTitle, config, mainScript }) {
  const title = escapeHTML(rawTitle);
  // The bundle is added by script so that a URL without its trailing slash
  // (…/lab) is redirected first: every URL in the page is relative to it.
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="icon" type="image/svg+xml" href="../favicon.svg" />
    <script id="jupyter-config-data" type="application/json">
${escapeJSON(config)}
    </script>
    <script>
      (function () {
        var l = window.location;
        if (!/\\/(index\\.html)?$/.test(l.pathname)) {
          l.replace(l.pathname + '/' + l.search + l.hash);
          return;
        }
        var s = document.createElement('script');
        s.src = ${JSON.stringify(mainScript)};
        document.head.appendChild(s);
      })();
    </script>
  </head>
  <body class="jp-ThemedContainer">
    <noscript>This course runs Python in your browser: it needs JavaScript.</noscript>
    <div
      id="${LOADING_ID}"
      style="position: fixed; inset: 0; display: flex; align-items: center; justify-content: center; font: 16px system-ui, sans-serif; color: #616161"
    >
      Loading ${title}…
    </div>
  </body>
</html>
`;
}

function rootPage(rawTitle) {
  const title = escapeHTML(rawTitle);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="icon" type="image/svg+xml" href="favicon.svg" />
    <script>
      window.location.replace('lab/' + window.location.search + window.location.hash);
    </script>
    <meta http-equiv="refresh" content="0; url=lab/" />
  </head>
  <body>
    <p><a href="lab/">Open the course</a></p>
  </body>
</html>
`;
}

// ------------------------------------------------------------------ sizes --

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(file) : [file];
  });
}

function sizes(dir) {
  let raw = 0;
  let gzipped = 0;
  for (const file of walk(dir)) {
    const data = fs.readFileSync(file);
    raw += data.length;
    gzipped += zlib.gzipSync(data, { level: 6 }).length;
  }
  return { raw, gzipped };
}

const mb = bytes => `${(bytes / 1e6).toFixed(1)} MB`;

// ------------------------------------------------------------------- main --

async function main() {
  const started = Date.now();
  const options = parseArgs(process.argv.slice(2));
  // Written next to the output and swapped in at the end, so a server
  // showing the previous site keeps working while this one is built.
  const site = `${options.out}.partial`;

  if (options.tsc) runTsc();
  const validated = step('validated the course and the kernel wheels');
  const { course, notebooks } = await readCourse(options.notebooks);
  const wheels = readWheels(options.wheels);
  validated();

  const { EXTENSIONS } = await import(
    pathToFileURL(path.join(LITE, 'lib', 'extensions.js')).href
  );

  fs.rmSync(site, { recursive: true, force: true });
  fs.mkdirSync(site, { recursive: true });
  const files = await bundle(options, path.join(site, 'build'));

  const assets = step(
    'wrote settings, themes, translations, contents, Pyodide and wheels'
  );
  const schemaCount = writeSchemas(
    EXTENSIONS,
    path.join(site, 'build', 'schemas')
  );
  const themes = writeThemes(EXTENSIONS, path.join(site, 'build', 'themes'));
  writeTranslations(path.join(site, 'api', 'translations'));
  writeContents(course, notebooks, site);
  copy(
    require.resolve('@jupyterlite/apputils/lib/service-worker.js', {
      paths: [ROOT]
    }),
    path.join(site, 'service-worker.js')
  );
  copyPyodide(path.join(site, 'pyodide'));
  for (const name of [...wheels.start, ...wheels.completion]) {
    copy(path.join(options.wheels, name), path.join(site, 'wheels', name));
  }
  copy(
    require.resolve(
      '@jupyterlab/ui-components/style/icons/jupyter/jupyter-favicon.svg',
      {
        paths: [ROOT]
      }
    ),
    path.join(site, 'favicon.svg')
  );

  const rootPkg = readJSON(path.join(ROOT, 'package.json'));
  // Every URL is relative: to the page (./, ../) or to baseUrl (no prefix).
  const config = {
    appName: course.title,
    appVersion: rootPkg.version,
    baseUrl: '../',
    appUrl: '../lab',
    settingsUrl: '../build/schemas',
    themesUrl: 'build/themes',
    fullStaticUrl: '../build',
    fullLabextensionsUrl: '../extensions',
    federated_extensions: [],
    disabledExtensions: [],
    defaultKernelName: 'python',
    contentsAllJsonFile: 'all.json',
    mode: 'multiple-document',
    exposeAppInBrowser: true,
    litePluginSettings: {
      'asyncio-lab:lite-kernel': {
        pyodideUrl: 'pyodide/pyodide.mjs',
        wheelUrls: wheels.start.map(name => `wheels/${encodeURIComponent(name)}`),
        completionWheelUrls: wheels.completion.map(
          name => `wheels/${encodeURIComponent(name)}`
        ),
        workerUrls: {
          comlink: `build/${files.comlink}`,
          coincident: `build/${files.coincident}`
        }
      }
    }
  };
  fs.mkdirSync(path.join(site, 'lab'), { recursive: true });
  fs.writeFileSync(
    path.join(site, 'lab', 'index.html'),
    appPage({
      title: course.title,
      config,
      mainScript: `../build/${files.main}`
    })
  );
  fs.writeFileSync(path.join(site, 'index.html'), rootPage(course.title));
  assets();

  fs.rmSync(options.out, { recursive: true, force: true });
  fs.renameSync(site, options.out);

  const { raw, gzipped } = sizes(options.out);
  const mainSize = fs.statSync(
    path.join(options.out, 'build', files.main)
  ).size;
  console.log(
    `site: ${rel(options.out)}: ${notebooks.length} notebook(s), ${wheels.start.length} wheels ` +
      `(+${wheels.completion.length} on first completion), ` +
      `${schemaCount} settings schemas, themes ${themes.join(', ')}`
  );
  console.log(
    `site: size ${mb(raw)} (${mb(gzipped)} gzipped); entry bundle ${mb(mainSize)}; ` +
      `built in ${((Date.now() - started) / 1000).toFixed(1)} s`
  );
}

main().catch(error => {
  if (error instanceof BuildError) {
    console.error(`site: ERROR: ${error.message}`);
  } else {
    console.error('site: ERROR:', error);
  }
  process.exit(1);
});
