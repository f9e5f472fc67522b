// Step "bundle": a fresh output folder, then the app and the two kernel
// workers bundled into its build/ with rspack (or webpack), configured by
// lite/webpack.config.mjs.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LITE, fail, writeJSON } from './util.mjs';

// What --stats writes: every chunk with every module in it (for size work).
export const STATS_OPTIONS = {
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

/**
 * Step: gives { extensions } (the app's extension packages, lite/lib/extensions.js)
 * and { files } (the entry file of the app and of each worker, in build/).
 */
export async function bundleApp({ options, site }) {
  const { EXTENSIONS } = await import(
    pathToFileURL(path.join(LITE, 'lib', 'extensions.js')).href
  );
  fs.rmSync(site, { recursive: true, force: true });
  fs.mkdirSync(site, { recursive: true });
  const files = await bundle(options, path.join(site, 'build'));
  return { extensions: EXTENSIONS, files };
}

export async function bundle(
  { bundler: bundlerName, mode, stats: statsFile },
  outputPath
) {
  const { default: bundler } = await import(bundlerName);
  const { appConfig, workerConfig } = await import(
    pathToFileURL(path.join(LITE, 'webpack.config.mjs')).href
  );
  const stats = await run(bundler, bundlerName, [
    appConfig({ bundler, mode, outputPath }),
    workerConfig({ bundler, mode, outputPath })
  ]);
  const [app, workers] = stats.stats.map(s =>
    s.toJson({ all: false, entrypoints: true })
  );
  if (statsFile) {
    writeJSON(statsFile, stats.stats[0].toJson(STATS_OPTIONS));
  }
  return {
    main: entryFile(bundlerName, app, 'main'),
    comlink: entryFile(bundlerName, workers, 'kernel-comlink.worker'),
    coincident: entryFile(bundlerName, workers, 'kernel-coincident.worker')
  };
}

/** Runs the bundler on the configurations; stops the build on an error. */
async function run(bundler, bundlerName, configs) {
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
  return stats;
}

/** The one .js file of an entry point of a compilation's stats. */
function entryFile(bundlerName, json, name) {
  const files = json.entrypoints[name].assets.map(asset => asset.name);
  const js = files.filter(file => file.endsWith('.js'));
  if (js.length !== 1)
    fail(`${bundlerName}: expected one file for ${name}, got ${js.join(', ')}`);
  return js[0];
}
