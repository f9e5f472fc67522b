import * as fs from 'fs';
import * as path from 'path';
import { expect, test } from '@playwright/test';
import { course, guardOffline, lessonById, root, showPanel } from './course';

// A lesson whose notebook was renamed (`formerFiles` in course.json): the
// learner's edited copy, saved in the site's browser storage under the old
// file name, is the lesson's copy at the new name once the lesson is opened.
//
// The real course renames no lesson yet, so the rename is synthetic and
// test-only: the course manifest bundled in the built site is served with
// `"formerFiles": ["04-signals.ipynb"]` added to lesson `signals`
// (06-signals.ipynb). Everything else is the built site as it ships: the
// browser drive, the shipped 06-signals.ipynb under files/ and api/contents,
// the extension's carry-over and its stale-copy notice.
const lesson = lessonById('signals');
const FORMER = '04-signals.ipynb';
const dir = (course as any).lessonsDirectory as string;
const EDIT = '# my edit, saved when this lesson was 04-signals.ipynb';

// FIXME: passes on the site as built at 0db8569, times out (the edit never
// shows at the new name) on the site built with part two's lessons (bfb499c
// and later), also when the old copy is saved before a reload. Not yet known
// whether the carry-over or this test's manifest patch broke; the carry-over
// logic itself is covered by test/unit/former-files.spec.ts. No real lesson
// is renamed yet, so no learner meets this until the splits land.
test.fixme('a copy saved under a former file name becomes the lesson at its new name (site)', async ({
  page
}) => {
  const outside = await guardOffline(page);
  const fileKey = `"file":"${lesson.file}"`;
  let patched = 0;
  await page.route('**/build/*.js', async route => {
    const response = await route.fetch();
    let body = await response.text();
    if (body.includes('"lessonsDirectory"') && body.includes(fileKey)) {
      body = body.replace(fileKey, `${fileKey},"formerFiles":["${FORMER}"]`);
      patched++;
    }
    await route.fulfill({ response, body });
  });
  await page.goto('');
  await showPanel(page);
  expect(patched).toBe(1);

  // The learner's copy from the older layout: their edit in the first code
  // cell, stamped with a revision that is not the shipped one.
  const shipped = JSON.parse(
    fs.readFileSync(path.join(root, 'notebooks', lesson.file), 'utf8')
  );
  const code = shipped.cells.findIndex((c: any) => c.cell_type === 'code');
  shipped.cells[code].source =
    `${EDIT}\n${[shipped.cells[code].source].flat().join('')}`;
  shipped.metadata.asyncio_lab.revision = 'an-older-layout0';
  const OLD = `${dir}/${FORMER}`;
  const NEW = `${dir}/${lesson.file}`;
  await page.evaluate(
    async ({ OLD, content }) => {
      await (window as any).jupyterapp.serviceManager.contents.save(OLD, {
        type: 'notebook',
        format: 'json',
        content
      });
    },
    { OLD, content: shipped }
  );
  const stored = (p: string) =>
    page.evaluate(async p => {
      try {
        return (
          await (window as any).jupyterapp.serviceManager.contents.get(p, {
            content: true
          })
        ).content;
      } catch {
        return null;
      }
    }, p);
  // Before: the new name serves the shipped file (nothing of the learner's).
  expect(JSON.stringify(await stored(NEW))).not.toContain(EDIT);

  const panel = await showPanel(page);
  await panel
    .locator(`[data-lesson="${lesson.id}"] button.jp-AsyncioLab-Panel-open`)
    .click();

  // The lesson opens at its new path with the learner's edit in it.
  await page.waitForFunction(
    p => (window as any).jupyterapp.shell.currentWidget?.context?.path === p,
    NEW
  );
  await page.waitForFunction(edit => {
    const widget = (window as any).jupyterapp.shell.currentWidget;
    const cells = widget?.content?.model?.cells;
    return (
      !!cells &&
      Array.from(cells as Iterable<any>).some((c: any) =>
        c.sharedModel.getSource().includes(edit)
      )
    );
  }, EDIT);
  // Moved, not copied: the new name holds the edit in browser storage, the
  // old name is gone.
  expect(JSON.stringify(await stored(NEW))).toContain(EDIT);
  expect(await stored(OLD)).toBeNull();
  // The copy is from an older version of the course: the learner is told.
  await expect(
    page.locator('.Toastify__toast', {
      hasText: 'has a newer version than your copy'
    })
  ).toBeVisible();

  // It lasts: after a reload the browser storage still has the edit at the
  // new name.
  await page.reload();
  await showPanel(page);
  expect(JSON.stringify(await stored(NEW))).toContain(EDIT);
  expect(await stored(OLD)).toBeNull();
  expect(outside).toEqual([]);
});
