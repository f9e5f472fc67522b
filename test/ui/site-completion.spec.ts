import { expect, Page, test } from '@playwright/test';
import { command, guardOffline, showPanel, waitKernelIdle } from './course';

// Code completion in the course site: jedi and parso are not part of the
// kernel's start (they are a third of its wheels); the first completion
// request installs them, then completes from jedi. JupyterLab drops a reply
// that takes longer than its provider timeout (1 s), as the first one may
// (download, then importing jedi), so the test asks again as a learner
// pressing Tab again would.

async function completeInNewCell(page: Page, source: string) {
  await page.evaluate(() => {
    const nb = (window as any).jupyterapp.shell.currentWidget.content;
    nb.activeCellIndex = nb.widgets.length - 1;
  });
  await command(page, 'notebook:insert-cell-below');
  await page.evaluate(text => {
    const nb = (window as any).jupyterapp.shell.currentWidget.content;
    nb.activeCell.model.sharedModel.setSource(text);
    nb.mode = 'edit';
    const editor = nb.activeCell.editor;
    editor.focus();
    editor.setCursorPosition(editor.getPositionAt(text.length));
  }, source);
}

/** Ask for completions until the cell reads `done` or the list shows `shown`. */
async function completeUntil(page: Page, done: string, shown: string) {
  const completer = page.locator('.jp-Completer');
  await expect(async () => {
    const source = await page.evaluate(
      () =>
        (window as any).jupyterapp.shell.currentWidget.content.activeCell.model
          .sharedModel.source
    );
    const listed = (await completer.isVisible())
      ? await completer.innerText()
      : '';
    if (source !== done && !listed.includes(shown)) {
      await command(page, 'completer:invoke-notebook');
    }
    expect(source === done || listed.includes(shown)).toBe(true);
  }).toPass({ intervals: [2_000], timeout: 120_000 });
}

test('completion installs jedi on first use and completes asyncio names (site)', async ({
  page
}) => {
  const outside = await guardOffline(page);
  const wheels: string[] = [];
  page.context().on('request', request => {
    const name = new URL(request.url()).pathname.split('/').pop() ?? '';
    if (name.endsWith('.whl')) {
      wheels.push(decodeURIComponent(name));
    }
  });
  await page.goto('');
  await showPanel(page);
  await command(page, 'asyncio-lab:open-lesson', {
    id: 'await-vs-create-task'
  });
  await waitKernelIdle(page);
  expect(wheels.some(name => name.startsWith('ipython-'))).toBe(true);
  expect(wheels.filter(name => /^(jedi|parso)-/.test(name))).toEqual([]);

  // Not run: jedi reads asyncio from typeshed's stdlib stubs. A single match
  // is inserted at once; several are listed.
  await completeInNewCell(page, 'import asyncio\nasyncio.create_t');
  await completeUntil(
    page,
    'import asyncio\nasyncio.create_task',
    'create_task'
  );
  // (the service worker may fetch a file the worker asked for: count names)
  const completionWheels = () =>
    wheels.filter(name => /^(jedi|parso)-/.test(name));
  expect(new Set(completionWheels()).size).toBe(2);
  const fetched = completionWheels().length;
  await page.keyboard.press('Escape');

  await completeInNewCell(page, 'import asy');
  await completeUntil(page, 'import asyncio', 'asyncio');
  // installed once: nothing fetched again
  expect(completionWheels().length).toBe(fetched);
  expect(outside).toEqual([]);
});
