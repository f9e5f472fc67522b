import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { expect, Page, test } from '@playwright/test';
import { command, guardOffline, root, waitKernelIdle } from './course';

// Runaway cells in the course site. Each journey serves the built site
// itself (scripts/serve.mjs on a free port), with or without the COOP/COEP
// headers: cross-origin isolated, as `npm start` serves it, every cell can be
// interrupted; without the headers (a plain static host) a waiting cell can,
// a busy one cannot and the learner is told why and to restart instead.

const SITE_DIR = process.env.ASYNCIO_LAB_SITE_DIR ?? 'build/site';

interface IServer {
  url: string;
  process: ChildProcess;
}

async function startServer(isolated: boolean): Promise<IServer> {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'scripts', 'serve.mjs'),
      '--port',
      '0',
      '--prefix',
      '/course/',
      '--dir',
      path.resolve(root, SITE_DIR),
      // Isolated is the default (what `npm start` serves).
      ...(isolated ? [] : ['--no-isolated'])
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', chunk => {
      out += chunk;
      const match = out.match(/http:\/\/127\.0\.0\.1:\d+\/course\//);
      if (match) {
        resolve(match[0]);
      }
    });
    child.stderr!.on('data', chunk => (out += chunk));
    child.on('exit', code => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  return { url, process: child };
}

/** Append a code cell to the current notebook; returns its index. */
async function appendCell(page: Page, source: string): Promise<number> {
  return page.evaluate(source => {
    const model = (window as any).jupyterapp.shell.currentWidget.content.model;
    const index = model.cells.length;
    model.sharedModel.insertCell(index, { cell_type: 'code', source });
    return index;
  }, source);
}

/** Start running one cell, without waiting for it to end. */
async function startCell(page: Page, index: number) {
  await page.evaluate(index => {
    const app = (window as any).jupyterapp;
    app.shell.currentWidget.content.activeCellIndex = index;
    void app.commands.execute('notebook:run-cell');
  }, index);
}

/** The text of a cell's outputs (streams, results, errors). */
async function outputText(page: Page, index: number): Promise<string> {
  return page.evaluate(index => {
    const model = (window as any).jupyterapp.shell.currentWidget.content.model;
    const outputs = model.cells.get(index).toJSON().outputs ?? [];
    return outputs
      .map((o: any) =>
        o.output_type === 'error'
          ? `${o.ename}: ${o.evalue}`
          : o.output_type === 'stream'
            ? o.text
            : (o.data?.['text/plain'] ?? '')
      )
      .join('\n');
  }, index);
}

async function kernelStatus(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () =>
      (window as any).jupyterapp.shell.currentWidget.sessionContext.session
        ?.kernel?.status
  );
}

/** Wait until the cell has run to the end and its output matches. */
async function waitCellEnded(page: Page, index: number, output: RegExp) {
  await expect
    .poll(() => outputText(page, index), { timeout: 30_000 })
    .toMatch(output);
  await waitKernelIdle(page, 30_000);
}

/** Run a cell that has to end at once; it proves the kernel is usable. */
async function runQuickCell(page: Page, source: string, output: RegExp) {
  const index = await appendCell(page, source);
  await startCell(page, index);
  await waitCellEnded(page, index, output);
}

/**
 * Start a cell that never ends, see it running, interrupt it from the Kernel
 * menu's command; the cell ends with KeyboardInterrupt and the next runs.
 */
async function interruptJourney(page: Page, source: string, marker: string) {
  // The cell prints the marker first (after its magic line, if any).
  const lines = source.split('\n');
  const head = lines[0].startsWith('%%') ? [lines.shift()!] : [];
  const index = await appendCell(
    page,
    [...head, `print(${JSON.stringify(marker)})`, ...lines].join('\n')
  );
  await startCell(page, index);
  // It has started (printed) and still runs.
  await expect
    .poll(() => outputText(page, index), { timeout: 30_000 })
    .toContain(marker);
  expect(await kernelStatus(page)).toBe('busy');
  await command(page, 'kernelmenu:interrupt');
  await waitCellEnded(page, index, /KeyboardInterrupt/);
  await runQuickCell(
    page,
    `${JSON.stringify(marker)} + " after"`,
    new RegExp(`${marker} after`)
  );
}

async function openLesson(page: Page, url: string) {
  await page.goto(url);
  await page.locator('.jp-SideBar li[title="asyncio lessons"]').waitFor({
    timeout: 90_000
  });
  await command(page, 'asyncio-lab:open-lesson', {
    id: 'await-vs-create-task'
  });
  await waitKernelIdle(page);
}

/** Sources of all cells, and whether the notebook has unsaved changes. */
async function notebookState(page: Page) {
  return page.evaluate(() => {
    const widget = (window as any).jupyterapp.shell.currentWidget;
    return {
      sources: (Array.from(widget.content.model.cells) as any[]).map(c =>
        c.sharedModel.getSource()
      ),
      dirty: widget.context.model.dirty as boolean
    };
  });
}

/** Restart the kernel (Kernel › Restart, or `ask`) and accept its dialog. */
async function restartKernel(
  page: Page,
  ask = async () => {
    void command(page, 'kernelmenu:restart');
  }
) {
  await ask();
  await page.locator('.jp-Dialog button.jp-mod-accept').click();
  await expect
    .poll(() => kernelStatus(page), { timeout: 60_000 })
    .not.toBe('busy');
  await waitKernelIdle(page, 60_000);
}

test.describe('runaway cells', () => {
  let server: IServer | undefined;

  test.afterEach(() => {
    server?.process.kill();
    server = undefined;
  });

  test('cross-origin isolated: a busy loop, time.sleep, await and %%check are interrupted; a restart keeps edits', async ({
    page
  }) => {
    server = await startServer(true);
    const outside = await guardOffline(page);
    await openLesson(page, server.url);
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
    // An interrupt with nothing running is dropped: the next cell is not hit.
    await command(page, 'kernelmenu:interrupt');
    await runQuickCell(page, '"idle" + " ok"', /idle ok/);

    await interruptJourney(page, 'while True:\n    pass', 'spin');
    await interruptJourney(page, 'import time\ntime.sleep(1e6)', 'nap');
    await interruptJourney(
      page,
      'import asyncio\nawait asyncio.sleep(1e6)',
      'wait'
    );
    await interruptJourney(
      page,
      '%%check await-vs-create-task.download-all\nimport asyncio\nawait asyncio.sleep(1e6)',
      'check'
    );

    // The learner's edits: one saved, one not; then the kernel restarts.
    const saved = await appendCell(page, '# saved edit');
    await command(page, 'docmanager:save');
    await expect
      .poll(async () => (await notebookState(page)).dirty)
      .toBe(false);
    await page.evaluate(saved => {
      const model = (window as any).jupyterapp.shell.currentWidget.content
        .model;
      model.cells.get(saved).sharedModel.setSource('# unsaved edit');
    }, saved);
    const before = await notebookState(page);
    expect(before.dirty).toBe(true);
    await restartKernel(page);
    expect(await notebookState(page)).toEqual(before);
    await runQuickCell(page, '6 * 7', /42/);
    expect(outside).toEqual([]);
  });

  test('not isolated: a waiting cell is interrupted; a busy one is explained, and a restart stops it keeping edits', async ({
    page
  }) => {
    server = await startServer(false);
    const outside = await guardOffline(page);
    await openLesson(page, server.url);
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false);

    await interruptJourney(
      page,
      'import asyncio\nawait asyncio.sleep(1e6)',
      'wait'
    );

    const index = await appendCell(
      page,
      'print("spin")\nwhile True:\n    pass'
    );
    await startCell(page, index);
    await expect
      .poll(() => outputText(page, index), { timeout: 30_000 })
      .toContain('spin');
    await command(page, 'kernelmenu:interrupt');
    // Told why, once: the waiting cell's interrupt above raised no notice.
    const notice = page.locator('.Toastify__toast', {
      hasText: 'not cross-origin isolated'
    });
    await expect(notice).toHaveCount(1);
    expect(await kernelStatus(page)).toBe('busy');

    await page.evaluate(index => {
      const model = (window as any).jupyterapp.shell.currentWidget.content
        .model;
      model.cells.get(index).sharedModel.setSource('# edited while it spun');
    }, index);
    const before = await notebookState(page);
    // The notice's own button restarts it.
    await restartKernel(page, () =>
      notice.getByRole('button', { name: 'Restart Kernel…' }).click()
    );
    expect(await notebookState(page)).toEqual(before);
    await runQuickCell(page, '6 * 7', /42/);
    expect(outside).toEqual([]);
  });
});
