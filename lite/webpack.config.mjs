// Bundler configurations of the course site: the app bundle and the two
// kernel worker bundles. Used by lite/build/bundle.mjs; inputs are the TypeScript in
// lite/src compiled to lite/lib by `tsc -p lite`.
//
// The configurations are webpack 5's; `bundler` is the module that runs them:
// `@rspack/core` (what JupyterLab 4.6 builds with, about five times faster) or
// `webpack`. Both give the same files.

import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const LITE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(LITE, '..');

/** Module rules shared by the app and the workers. */
function rules() {
  return [
    {
      test: /\.css$/,
      use: ['style-loader', 'css-loader'],
      type: 'javascript/auto'
    },
    // Font Awesome (still imported by JupyterLab's CSS): browsers take the
    // woff2 fonts; the other formats would only add megabytes to the site.
    {
      test: /fontawesome-free[\\/].*\.(svg|eot|ttf|woff)$/,
      type: 'asset/resource',
      generator: { emit: false }
    },
    {
      test: /\.(jpg|png|gif|woff2?|ttf|eot)$/,
      exclude: /fontawesome-free[\\/].*\.(svg|eot|ttf|woff)$/,
      type: 'asset/resource'
    },
    // SVG from CSS becomes a data URL; SVG from JavaScript is its source text.
    {
      test: /\.svg$/,
      exclude: /fontawesome-free[\\/]/,
      issuer: /\.css$/,
      type: 'asset/inline'
    },
    { test: /\.svg$/, issuer: /\.[cm]?js$/, type: 'asset/source' },
    { test: /\.md$/, type: 'asset/source' },
    // Lesson notebooks are JSON modules (our extension bundles its course).
    { test: /\.ipynb$/, type: 'json' },
    // The kernel package's own prebuilt workers are referenced by code this
    // site replaces (initWorker): keep their URLs computable, emit nothing.
    {
      test: /@jupyterlite[\\/]pyodide-kernel[\\/]lib[\\/].*\.worker\.js$/,
      type: 'asset/resource',
      generator: { emit: false }
    },
    // JupyterLite imports its service worker as `./service-worker?text` for
    // the file name only; the build copies it to the site root itself.
    {
      resourceQuery: /text/,
      type: 'asset/resource',
      generator: { filename: '[name][ext]', emit: false }
    },
    // The repository's package.json lists the only files with side effects
    // (for the labextension build); the site's own modules have some too,
    // e.g. pageconfig.js, imported only for its effect.
    { test: /[\\/]lite[\\/]lib[\\/]/, sideEffects: true },
    { test: /\.[cm]?js$/, resolve: { fullySpecified: false } }
  ];
}

const resolve = {
  alias: {
    // Our own JupyterLab extension, compiled from src/ to lib/ at the repo root.
    'asyncio-lab$': path.join(ROOT, 'lib', 'index.js'),
    'asyncio-lab/style/index.js$': path.join(ROOT, 'style', 'index.js'),
    // The translation domain alone (no catalogues), for the kernel plugin.
    'asyncio-lab/lib/ui/domain$': path.join(ROOT, 'lib', 'ui', 'domain.js')
  },
  fallback: {
    url: false,
    buffer: false,
    crypto: false,
    path: require.resolve('path-browserify'),
    process: require.resolve('process/browser')
  }
};

function isRspack(bundler) {
  return typeof bundler.rspackVersion === 'string';
}

function common({ bundler, mode, name }) {
  return {
    mode,
    name,
    // webpack: rebuilds reuse unchanged modules (build/ is not committed);
    // rspack is fast enough without.
    cache: isRspack(bundler)
      ? false
      : {
          type: 'filesystem',
          cacheDirectory: path.join(ROOT, 'build', 'cache', 'webpack'),
          name: `${name}-${mode}`,
          buildDependencies: { config: [fileURLToPath(import.meta.url)] }
        },
    context: ROOT,
    bail: true,
    devtool: mode === 'production' ? false : 'source-map',
    module: { rules: rules() },
    resolve,
    performance: { hints: false },
    infrastructureLogging: { level: 'error' },
    stats: 'errors-warnings'
  };
}

/**
 * The two kernel workers, as self-contained ES modules (Pyodide 314 is
 * ESM only, so the page opens them with `{ type: 'module' }`).
 */
export function workerConfig({ bundler, mode = 'production', outputPath }) {
  return {
    ...common({ bundler, mode, name: 'kernel-workers' }),
    target: 'webworker',
    entry: {
      'kernel-comlink.worker': path.join(
        LITE,
        'lib',
        'kernel',
        'comlink.worker.js'
      ),
      'kernel-coincident.worker': path.join(
        LITE,
        'lib',
        'kernel',
        'coincident.worker.js'
      )
    },
    experiments: { outputModule: true },
    output: {
      path: outputPath,
      filename: '[name].[contenthash:8].js',
      module: true,
      chunkFormat: 'module',
      publicPath: 'auto',
      clean: false
    },
    optimization: { splitChunks: false, runtimeChunk: false },
    plugins: [
      new bundler.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      new bundler.ProvidePlugin({ process: 'process/browser' })
    ]
  };
}

/**
 * The app: the entry module plus one chunk per extension package, loaded in
 * parallel at start-up.
 */
export function appConfig({ bundler, mode = 'production', outputPath }) {
  return {
    ...common({ bundler, mode, name: 'app' }),
    target: 'web',
    entry: { main: path.join(LITE, 'lib', 'index.js') },
    output: {
      path: outputPath,
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      assetModuleFilename: 'assets/[name].[contenthash:8][ext]',
      publicPath: 'auto',
      clean: false
    },
    optimization: {
      moduleIds: 'deterministic',
      chunkIds: 'deterministic',
      splitChunks: { chunks: 'async' }
    },
    plugins: [
      new bundler.ProvidePlugin({ process: 'process/browser' }),
      // The kernel package's piplite/wheel URL table: the offline kernel
      // does not use it, so do not pull the wheels' URLs into the bundle.
      new bundler.NormalModuleReplacementPlugin(
        /[\\/]pyodide-kernel[\\/]lib[\\/]_pypi(\.js)?$/,
        path.join(LITE, 'lib', 'kernel', 'no-pypi.js')
      )
    ]
  };
}
