import { expect, test } from '@playwright/test';
import {
  command,
  errorOutputs,
  runAndWait,
  waitKernelIdle,
  lessonById,
  guardOffline,
  lessonJourney,
  progressJourney,
  showPanel,
  chineseJourney,
  courseLanguageJourney,
  instructorJourney,
  staleCopyJourney,
  course
} from './course';

// The built course site, served from a sub-path (/course/) by a static
// server on 127.0.0.1, with every request outside 127.0.0.1 failing the test.
test('the course site runs lesson 2 offline on Pyodide', async ({ page }) => {
  const outside = await guardOffline(page);
  const progress: string[] = [];
  await page.exposeFunction('__asyncioLabSawProgress', (text: string) =>
    progress.push(text)
  );
  await page.goto('');
  await expect(
    page
      .locator('#asyncio-lab-lessons, .jp-SideBar li[title="asyncio lessons"]')
      .first()
  ).toBeAttached({
    timeout: 90_000
  });
  // The learner sees Python loading, not a frozen page.
  const watcher = page.evaluate(() => {
    const seen = new Set<string>();
    const observer = new MutationObserver(() => {
      const text = document.body.innerText.match(/Loading Python[^\n]*/)?.[0];
      if (text && !seen.has(text)) {
        seen.add(text);
        (window as any).__asyncioLabSawProgress(text);
      }
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true
    });
  });
  await watcher;
  await lessonJourney(page, lessonById('await-vs-create-task'));
  expect(progress.some(p => /Loading Python.*\d+\s*\/\s*\d+/.test(p))).toBe(
    true
  );
  expect(outside).toEqual([]);
});

test('progress survives a reload, export/import round-trips, reset keeps a backup (site)', async ({
  page
}) => {
  const outside = await guardOffline(page);
  await page.goto('');
  await showPanel(page);
  await progressJourney(page, lessonById('await-vs-create-task'), async () => {
    await page.reload();
    await page.locator('.jp-SideBar li[title="asyncio lessons"]').waitFor();
  });
  expect(outside).toEqual([]);
});

test('a copy from an older lesson version is flagged; update keeps a backup, keep mine keeps it (site)', async ({
  page
}) => {
  const outside = await guardOffline(page);
  await page.goto('');
  await showPanel(page);
  await staleCopyJourney(page, async () => {
    await page.reload();
    await page.locator('.jp-SideBar li[title="asyncio lessons"]').waitFor();
  });
  expect(outside).toEqual([]);
});

test('instructor notes show only in instructor mode (site)', async ({
  page
}) => {
  const outside = await guardOffline(page);
  await instructorJourney(page, '');
  expect(outside).toEqual([]);
});

test('the pre-flight check reports on this browser and boots Python', async ({
  page
}) => {
  const outside = await guardOffline(page);
  await page.goto('');
  await showPanel(page);
  void command(page, 'asyncio-lab:preflight');
  const view = page.locator('.jp-AsyncioLab-Preflight');
  await expect(
    view.locator('.jp-AsyncioLab-Preflight-verdict')
  ).toHaveAttribute('data-status', /ok|fail/, {
    timeout: 180_000
  });
  const status = async (id: string) =>
    view.locator(`[data-check="${id}"]`).getAttribute('data-status');
  // Chromium 137+ has JSPI; the test server sends COOP/COEP headers, as
  // `npm start` does (scripts/serve.mjs), unless told --no-isolated.
  expect(await status('jspi')).toBe('ok');
  expect(await status('isolation')).toBe(
    (await page.evaluate(() => window.crossOriginIsolated)) ? 'ok' : 'warn'
  );
  expect(await status('storage')).toMatch(/ok|warn/);
  expect(await status('kernel')).toBe('ok');
  expect(await status('check')).toBe('ok');
  await expect(view.locator('.jp-AsyncioLab-Preflight-verdict')).toHaveText(
    'This browser is ready for the course.'
  );
  expect(outside).toEqual([]);
});

test('the course UI in Simplified Chinese', async ({ page }) => {
  await page.goto('');
  await chineseJourney(page);
});

test('a %%timeline cell renders swimlanes in the site', async ({ page }) => {
  const outside = await guardOffline(page);
  await page.goto('');
  await showPanel(page);
  await command(page, 'asyncio-lab:open-lesson', {
    id: 'await-vs-create-task'
  });
  await waitKernelIdle(page);
  await page.evaluate(() => {
    const nb = (window as any).jupyterapp.shell.currentWidget.content;
    nb.activeCellIndex = nb.widgets.length - 1;
  });
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('notebook:insert-cell-below')
  );
  await page.evaluate(() => {
    const nb = (window as any).jupyterapp.shell.currentWidget.content;
    nb.activeCell.model.sharedModel.setSource(
      [
        '%%timeline',
        'import asyncio',
        'async def fetch(name, delay):',
        '    await asyncio.sleep(delay)',
        '    return name',
        'async with asyncio.TaskGroup() as tg:',
        "    a = tg.create_task(fetch('a', 0.02), name='fetch-a')",
        "    b = tg.create_task(fetch('b', 0.01), name='fetch-b')",
        '[a.result(), b.result()]'
      ].join('\n')
    );
  });
  await runAndWait(page, 'notebook:run-cell');
  const timeline = page.locator('.jp-AsyncioLab-Timeline').last();
  await expect(timeline).toBeVisible();
  await expect(
    timeline.locator('.jp-AsyncioLab-Timeline-lane', { hasText: 'fetch-a' })
  ).toHaveCount(1);
  await expect(
    timeline.locator('.jp-AsyncioLab-Timeline-lane', { hasText: 'fetch-b' })
  ).toHaveCount(1);
  await expect(
    timeline.locator('.jp-AsyncioLab-Timeline-step').first()
  ).toBeAttached();
  expect(await errorOutputs(page)).toEqual([]);
  // The cell's last value is still its result.
  await expect(page.locator('.jp-Cell').last()).toContainText("['a', 'b']");
  expect(outside).toEqual([]);
});

test('a lesson on a stand-in (UDP) runs from the site', async ({ page }) => {
  const outside = await guardOffline(page);
  await page.goto('');
  await lessonJourney(page, lessonById('udp'));
  // The lesson says which implementation runs: the in-browser stand-in.
  await expect(page.locator('.jp-Notebook')).toContainText('Pyodide');
  expect(outside).toEqual([]);
});

test('a lesson whose exercises run on the virtual clock (cancellation) runs from the site', async ({
  page
}) => {
  const outside = await guardOffline(page);
  await page.goto('');
  await lessonJourney(page, lessonById('cancellation'));
  // The %%virtualtime cells report the virtual time that passed (an hour of timeouts, instantly).
  await expect(page.locator('.jp-Notebook')).toContainText(
    'virtual time elapsed: 5100.0 s'
  );
  expect(outside).toEqual([]);
});

// Every other lesson of part two (those above have tests of their own), from
// the panel: it runs top to bottom with no error output, its starter
// exercises fail, a solved one passes.
const OWN_TESTS = ['cancellation', 'taskgroups'];
for (const lesson of course.lessons.filter(
  (l: { part?: string; id: string }) =>
    l.part === 'practice' && !OWN_TESTS.includes(l.id)
)) {
  test(`part two: lesson ${lesson.number} (${lesson.id}) runs from the site`, async ({
    page
  }) => {
    const outside = await guardOffline(page);
    await page.goto('');
    await lessonJourney(page, lessonById(lesson.id));
    expect(outside).toEqual([]);
  });
}

test('a part-two lesson (TaskGroup) runs from the site', async ({ page }) => {
  const outside = await guardOffline(page);
  await page.goto('');
  await lessonJourney(page, lessonById('taskgroups'));
  // The predict-the-interleaving cell printed what the lesson explains.
  await expect(page.locator('.jp-Notebook')).toContainText('slow: cancelled');
  expect(outside).toEqual([]);
});

test('the course language setting pins the course UI, whatever JupyterLab speaks (site)', async ({
  page
}) => {
  await page.goto('');
  await courseLanguageJourney(page, { jupyterlabCanBeChinese: false });
});
