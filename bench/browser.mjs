// What the benchmarks measure in Chromium, shared by run.mjs and ab.mjs.
import { chromium } from 'playwright-core';

/** Headless Chromium as this machine needs it (root, closed network). */
export function launch(executablePath) {
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  });
}

/** Seconds for a bare `loadPyodide()` from the site's own copy of Pyodide. */
export async function bareLoadPyodide(context, base) {
  const page = await context.newPage();
  await page.goto(`${base}pyodide/pyodide-lock.json`);
  const ms = await page.evaluate(async base => {
    const t0 = performance.now();
    const { loadPyodide } = await import(`${base}pyodide/pyodide.mjs`);
    const py = await loadPyodide({ indexURL: `${base}pyodide/` });
    py.runPython('1 + 1');
    return performance.now() - t0;
  }, base);
  await page.close();
  return ms / 1000;
}

/**
 * Seconds from the open-lesson command to the lesson's kernel idle and
 * connected (the page itself loaded first, not counted).
 */
export async function lessonToIdle(page, base, lesson, requests) {
  const onResponse = response => requests?.push(response.url());
  page.on('response', onResponse);
  await page.goto(base);
  await page.waitForFunction(() => (window).jupyterapp?.commands?.hasCommand('asyncio-lab:open-lesson'), undefined, {
    timeout: 180_000
  });
  const started = Date.now();
  await page.evaluate(id => (window).jupyterapp.commands.execute('asyncio-lab:open-lesson', { id }), lesson);
  await page.waitForFunction(
    () => {
      const kernel = (window).jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
      return kernel?.status === 'idle' && kernel.connectionStatus === 'connected';
    },
    undefined,
    { timeout: 300_000, polling: 100 }
  );
  const seconds = (Date.now() - started) / 1000;
  page.off('response', onResponse);
  return seconds;
}
