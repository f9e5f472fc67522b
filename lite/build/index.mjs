#!/usr/bin/env node
// Builds the course site: JupyterLab + JupyterLite + the offline Pyodide
// kernel + the asyncio-lab extension + the lesson notebooks, as static files
// that work from any URL prefix and make no request outside their origin.
//
// Usage: node lite/build/index.mjs [--dev] [--webpack] [--out DIR] [--notebooks DIR] [--wheels DIR]
//                                  [--skip-tsc] [--stats FILE]
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
//
// The build is the list of steps below, run in order and each timed. A step
// is a function of the build's context ({ options, site } and what the steps
// before it gave); what it returns is added to the context. The steps'
// modules import only ./util.mjs, never each other.

import fs from 'node:fs';
import path from 'node:path';
import { writeAssets } from './assets.mjs';
import { bundleApp } from './bundle.mjs';
import { compileLite } from './compile.mjs';
import { writeCourseContents } from './contents.mjs';
import { checkCourse } from './course.mjs';
import { writePages } from './pages.mjs';
import { BuildError, ROOT, fail, mb, rel, sizes, startTimer } from './util.mjs';
import { checkWheels } from './wheels.mjs';

// lib/*.js are ES modules in a package without "type": "module": Node loads
// them fine but warns each time. Keep the output for real problems.
process.removeAllListeners('warning');
process.on('warning', warning => {
  if (warning.code !== 'MODULE_TYPELESS_PACKAGE_JSON') {
    console.warn(warning);
  }
});

/** The build, in order: name, what its timing line says, the step. */
const STEPS = [
  {
    name: 'compile',
    label: () => 'compiled lite/src with tsc',
    skip: ({ options }) => !options.tsc,
    run: compileLite
  },
  {
    name: 'course',
    label: ({ notebooks }) =>
      `validated the course (${notebooks.length} notebook(s))`,
    run: checkCourse
  },
  {
    name: 'wheels',
    label: () => 'validated the kernel wheels',
    run: checkWheels
  },
  {
    name: 'bundle',
    label: ({ options }) =>
      `bundled the app and the kernel workers (${options.bundler}, ${options.mode})`,
    run: bundleApp
  },
  {
    name: 'assets',
    label: () =>
      'wrote settings, themes, translations, service worker, Pyodide, wheels and favicon',
    run: writeAssets
  },
  {
    name: 'contents',
    label: () => 'wrote the course contents',
    run: writeCourseContents
  },
  {
    name: 'pages',
    label: () => 'wrote the pages',
    run: writePages
  },
  {
    name: 'publish',
    label: ({ options }) => `moved the site to ${rel(options.out)}`,
    run: publish
  }
];

const USAGE =
  'usage: node lite/build/index.mjs [--dev] [--webpack] [--out DIR] [--notebooks DIR] [--wheels DIR] ' +
  '[--skip-tsc] [--stats FILE]';

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
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (!next) fail(`${arg} needs a value\n${USAGE}`);
      return path.resolve(next);
    };
    if (arg === '--dev') options.mode = 'development';
    else if (arg === '--webpack') options.bundler = 'webpack';
    else if (arg === '--out') options.out = value();
    else if (arg === '--notebooks') options.notebooks = value();
    else if (arg === '--wheels') options.wheels = value();
    else if (arg === '--skip-tsc') options.tsc = false;
    else if (arg === '--stats') options.stats = value();
    else fail(`unknown argument ${arg}\n${USAGE}`);
  }
  return options;
}

/**
 * Step "publish": the site is written next to the output (`<out>.partial`)
 * and swapped in at the end, so a server showing the previous site keeps
 * working while this one is built.
 */
function publish({ options, site }) {
  fs.rmSync(options.out, { recursive: true, force: true });
  fs.renameSync(site, options.out);
  return {};
}

/** Runs the steps in order, each timed; returns the final context. */
async function runSteps(steps, context) {
  for (const { label, skip, run } of steps) {
    if (skip?.(context)) continue;
    const done = startTimer();
    Object.assign(context, await run(context));
    done(label(context));
  }
  return context;
}

function report(
  { options, notebooks, wheels, files, schemaCount, themes },
  started
) {
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

async function main() {
  const started = Date.now();
  const options = parseArgs(process.argv.slice(2));
  const context = await runSteps(STEPS, {
    options,
    site: `${options.out}.partial`
  });
  report(context, started);
}

main().catch(error => {
  if (error instanceof BuildError) {
    console.error(`site: ERROR: ${error.message}`);
  } else {
    console.error('site: ERROR:', error);
  }
  process.exit(1);
});
