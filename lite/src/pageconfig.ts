/**
 * Makes the page config's relative URLs absolute, before anything reads it.
 *
 * The site build writes every URL in `#jupyter-config-data` relative to the
 * page (`"baseUrl": "../"`), so the same files work at `/` and under any
 * prefix such as `/asyncio-lab/` on GitHub Pages. JupyterLab joins these
 * values with paths and compares them with `location.pathname`, so they must
 * be path-absolute by the time `PageConfig` first reads (and caches) them:
 * this module is the first import of the entry module and runs before any
 * JupyterLab module is evaluated.
 */

const CONFIG_ID = 'jupyter-config-data';

function absolutize(config: Record<string, unknown>): Record<string, unknown> {
  const here = window.location.href;
  for (const [key, value] of Object.entries(config)) {
    if (
      key.endsWith('Url') &&
      typeof value === 'string' &&
      (value.startsWith('./') || value.startsWith('../'))
    ) {
      config[key] = new URL(value, here).pathname;
    }
  }
  return config;
}

const script = document.getElementById(CONFIG_ID);
if (script) {
  const config = JSON.parse(script.textContent || '{}');
  script.textContent = JSON.stringify(absolutize(config));
}

export {};
