// Step "pages": the app page lab/index.html (with JupyterLite's page config)
// and the root index.html that sends the browser to it.

import fs from 'node:fs';
import path from 'node:path';
import { ROOT, readJSON } from './util.mjs';

// The page's "loading" note, shown until JupyterLab's own splash takes over
// (the entry module removes it once the app has started).
export const LOADING_ID = 'asyncio-lab-loading';

/** Step: writes lab/index.html and index.html into `site`. */
export function writePages({ course, wheels, files, site }) {
  const config = pageConfig({ course, wheels, files });
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
  return {};
}

/** The page config (jupyter-config-data) of lab/index.html. */
export function pageConfig({ course, wheels, files }) {
  const rootPkg = readJSON(path.join(ROOT, 'package.json'));
  const wheelUrl = name => `wheels/${encodeURIComponent(name)}`;
  // Every URL is relative: to the page (./, ../) or to baseUrl (no prefix).
  return {
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
        wheelUrls: wheels.start.map(wheelUrl),
        completionWheelUrls: wheels.completion.map(wheelUrl),
        workerUrls: {
          comlink: `build/${files.comlink}`,
          coincident: `build/${files.coincident}`
        }
      }
    }
  };
}

export const escapeJSON = data =>
  JSON.stringify(data, null, 2).replace(/</g, '\\u003c');

export const escapeHTML = text =>
  String(text).replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[
        c
      ]
  );

export function appPage({ title: rawTitle, config, mainScript }) {
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

export function rootPage(rawTitle) {
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
