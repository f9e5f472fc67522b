import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { expect, Page } from '@playwright/test';

export const root = path.resolve(__dirname, '..', '..');

export interface ILessonInfo {
  id: string;
  file: string;
  title: string;
  exercises: { id: string; title: string }[];
}

export const course = JSON.parse(
  fs.readFileSync(path.join(root, 'notebooks', 'course.json'), 'utf8')
) as { lessons: ILessonInfo[] };

/** A lesson of the course by id (fails clearly if the course lacks it). */
export function lessonById(id: string): ILessonInfo {
  const lesson = course.lessons.find(l => l.id === id);
  if (!lesson) {
    throw new Error(`notebooks/course.json has no lesson "${id}"`);
  }
  return lesson;
}

/**
 * The reference solution of an exercise, from the kernel package's registry
 * (answers live there, not in the notebooks).
 */
export function solutionOf(exerciseId: string): string {
  return execFileSync(
    path.join(root, '.venv', 'bin', 'python'),
    [
      '-c',
      'import sys; from asyncio_lab import exercises; sys.stdout.write(exercises.get(sys.argv[1]).solution)',
      exerciseId
    ],
    {
      env: { ...process.env, PYTHONPATH: path.join(root, 'python') },
      encoding: 'utf8'
    }
  );
}

/**
 * Record every request that leaves 127.0.0.1 (page, workers, service
 * worker) and abort it. The test asserts the list stays empty.
 */
export async function guardOffline(page: Page): Promise<string[]> {
  const outside: string[] = [];
  const isLocal = (url: string) => {
    try {
      const u = new URL(url);
      return (
        u.protocol === 'data:' ||
        u.protocol === 'blob:' ||
        u.hostname === '127.0.0.1'
      );
    } catch {
      return true;
    }
  };
  page.context().on('request', request => {
    if (!isLocal(request.url())) {
      outside.push(request.url());
    }
  });
  await page.context().route('**/*', route => {
    const url = route.request().url();
    if (isLocal(url)) {
      return route.continue();
    }
    outside.push(url);
    return route.abort('internetdisconnected');
  });
  return outside;
}

/** Show the lesson panel and return it. */
export async function showPanel(page: Page) {
  const panel = page.locator('#asyncio-lab-lessons');
  if (!(await panel.isVisible())) {
    await page.locator('.jp-SideBar li[title="asyncio lessons"]').click();
  }
  await expect(panel).toBeVisible();
  return panel;
}

/** Wait until the current notebook's kernel exists and is idle. */
export async function waitKernelIdle(page: Page, timeout = 180_000) {
  await page.waitForFunction(
    () => {
      const app = (window as any).jupyterapp;
      const widget = app?.shell?.currentWidget;
      const kernel = widget?.sessionContext?.session?.kernel;
      return (
        !!kernel &&
        kernel.status === 'idle' &&
        kernel.connectionStatus === 'connected'
      );
    },
    undefined,
    { timeout, polling: 250 }
  );
}

/** Run a notebook command on the current notebook and wait until it is done. */
export async function runAndWait(
  page: Page,
  command: string,
  timeout = 180_000
) {
  await page.evaluate(async cmd => {
    await (window as any).jupyterapp.commands.execute(cmd);
  }, command);
  await page.waitForFunction(
    () => {
      const widget = (window as any).jupyterapp.shell.currentWidget;
      const kernel = widget.sessionContext.session?.kernel;
      const cells = Array.from(widget.content.model.cells) as any[];
      const pending = widget.content.widgets.some(
        (cell: any) =>
          cell.model.type === 'code' &&
          cell.promptNode?.textContent?.includes('*')
      );
      return kernel?.status === 'idle' && !pending && cells.length > 0;
    },
    undefined,
    { timeout, polling: 250 }
  );
}

/** Error outputs (tracebacks) of the current notebook, as `ename: evalue`. */
export async function errorOutputs(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const widget = (window as any).jupyterapp.shell.currentWidget;
    const errors: string[] = [];
    for (const cell of widget.content.model.cells) {
      if (cell.type !== 'code') {
        continue;
      }
      for (const output of cell.toJSON().outputs ?? []) {
        if (output.output_type === 'error') {
          errors.push(`${output.ename}: ${output.evalue}`);
        }
      }
    }
    return errors;
  });
}

/** Code cells that never ran (no execution count). */
export async function unexecutedCells(page: Page): Promise<number> {
  return page.evaluate(() => {
    const widget = (window as any).jupyterapp.shell.currentWidget;
    let n = 0;
    for (const cell of widget.content.model.cells) {
      if (
        cell.type === 'code' &&
        cell.toJSON().source.trim() &&
        cell.executionCount === null
      ) {
        n++;
      }
    }
    return n;
  });
}

/** Index of the exercise cell for an exercise id. */
export async function exerciseCellIndex(
  page: Page,
  exerciseId: string
): Promise<number> {
  return page.evaluate(id => {
    const widget = (window as any).jupyterapp.shell.currentWidget;
    const cells = Array.from(widget.content.model.cells) as any[];
    return cells.findIndex(
      c => (c.getMetadata('asyncio_lab') ?? {}).exercise === id
    );
  }, exerciseId);
}

/** Replace an exercise cell's body (keeping its `%%check` line) and run it. */
export async function solveExercise(
  page: Page,
  exerciseId: string,
  body: string
) {
  const index = await exerciseCellIndex(page, exerciseId);
  expect(index).toBeGreaterThanOrEqual(0);
  await page.evaluate(
    ({ index, source }) => {
      const widget = (window as any).jupyterapp.shell.currentWidget;
      const cell = widget.content.model.cells.get(index);
      cell.sharedModel.setSource(source);
      widget.content.activeCellIndex = index;
    },
    { index, source: `%%check ${exerciseId}\n${body}` }
  );
  await runAndWait(page, 'notebook:run-cell');
  return index;
}

/** The rendered check result in one cell. */
export function checkInCell(page: Page, index: number) {
  return page
    .locator('.jp-Notebook .jp-Cell')
    .nth(index)
    .locator('.jp-AsyncioLab-Check');
}

/** Walk one lesson: open from the panel, run everything, fix an exercise. */
export async function lessonJourney(page: Page, lesson: ILessonInfo) {
  const panel = await showPanel(page);
  const item = panel.locator(`[data-lesson="${lesson.id}"]`);
  await expect(item).toContainText(lesson.title);
  await item.locator('button.jp-AsyncioLab-Panel-open').click();
  await expect(page.locator('.jp-NotebookPanel:visible')).toHaveCount(1, {
    timeout: 60_000
  });
  await waitKernelIdle(page);

  await runAndWait(page, 'notebook:run-all-cells');
  expect(await errorOutputs(page)).toEqual([]);
  expect(await unexecutedCells(page)).toBe(0);

  // Starter code: every check renders, none passes yet.
  for (const exercise of lesson.exercises) {
    const index = await exerciseCellIndex(page, exercise.id);
    await expect(checkInCell(page, index)).toHaveClass(/jp-mod-failed/);
    await expect(
      item.locator(`[data-exercise="${exercise.id}"]`)
    ).toHaveAttribute('data-status', 'tried');
  }

  // The learner fixes the first exercise: the check passes, the panel marks it.
  const first = lesson.exercises[0];
  const index = await solveExercise(page, first.id, solutionOf(first.id));
  await expect(checkInCell(page, index)).toHaveClass(/jp-mod-passed/);
  await expect(checkInCell(page, index)).toContainText('Passed');
  await expect(item.locator(`[data-exercise="${first.id}"]`)).toHaveAttribute(
    'data-status',
    'passed'
  );
  await expect(item).toContainText(
    `1 of ${lesson.exercises.length} exercises passed`
  );
  expect(await errorOutputs(page)).toEqual([]);
}

/** The exercise cell's source as shipped in notebooks/. */
export function shippedExerciseSource(
  lesson: ILessonInfo & { file?: string },
  exerciseId: string
): string {
  const nb = JSON.parse(
    fs.readFileSync(path.join(root, 'notebooks', lesson.file!), 'utf8')
  );
  const cell = nb.cells.find(
    (c: any) => c.metadata?.asyncio_lab?.exercise === exerciseId
  );
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/** Status of an exercise row in the panel. */
export function exerciseRow(page: Page, exerciseId: string) {
  return page.locator(`#asyncio-lab-lessons [data-exercise="${exerciseId}"]`);
}

/** Save a plugin's user settings through the app (a server or the site). */
export async function saveSettings(page: Page, id: string, value: object) {
  await page.evaluate(
    async ({ id, raw }) =>
      (window as any).jupyterapp.serviceManager.settings.save(id, raw),
    { id, raw: JSON.stringify(value) }
  );
}

/** Execute an app command and return its (JSON-able) result. */
export async function command(
  page: Page,
  id: string,
  args: Record<string, unknown> = {}
) {
  return page.evaluate(
    async ({ id, args }) => {
      await (window as any).jupyterapp.commands.execute(id, args);
    },
    { id, args }
  );
}

/**
 * Progress survives a reload; export then import round-trips; reset shows
 * the learner's changes, restores the shipped notebook and keeps a backup.
 */
export async function progressJourney(
  page: Page,
  lesson: ILessonInfo,
  reload: () => Promise<void>,
  { serverWorkspace = false }: { serverWorkspace?: boolean } = {}
) {
  const first = lesson.exercises[0];
  const panel = await showPanel(page);
  await panel
    .locator(`[data-lesson="${lesson.id}"] button.jp-AsyncioLab-Panel-open`)
    .click();
  await waitKernelIdle(page);
  await runAndWait(page, 'notebook:run-all-cells');
  const solution = solutionOf(first.id);
  const index = await solveExercise(page, first.id, solution);
  await expect(checkInCell(page, index)).toHaveClass(/jp-mod-passed/);
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('docmanager:save')
  );

  // Reload: the panel still shows the pass.
  await reload();
  await showPanel(page);
  await expect(exerciseRow(page, first.id)).toHaveAttribute(
    'data-status',
    'passed'
  );

  // On a Jupyter server the workspace outlives the browser's storage. (On
  // the site the state database is in the browser's storage too: losing one
  // loses both, so there is nothing to show there.)
  if (serverWorkspace) {
    // The browser's storage is lost (another browser, cleared site data): the
    // copy in JupyterLab's state database (the workspace) brings the pass back.
    // (The workspace is saved a moment after the state changes: wait for the
    // pass to be in it, as a learner's next visit would find it.)
    await expect
      .poll(() =>
        page.evaluate(async id => {
          const workspaces = (window as any).jupyterapp.serviceManager
            .workspaces;
          const { values } = await workspaces.list();
          return values.some((workspace: any) =>
            Object.entries(workspace.data ?? {}).some(
              ([key, value]: [string, any]) =>
                key.startsWith('asyncio-lab:progress:') &&
                value?.exercises?.[id]?.status === 'passed'
            )
          );
        }, first.id)
      )
      .toBe(true);
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage)) {
        if (key.startsWith('asyncio-lab:progress:')) {
          localStorage.removeItem(key);
        }
      }
    });
    await reload();
    await showPanel(page);
    await expect(exerciseRow(page, first.id)).toHaveAttribute(
      'data-status',
      'passed'
    );
  }

  // Export, clear (a copy is set aside), import: the pass comes back.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    command(page, 'asyncio-lab:export-progress')
  ]);
  const exported = fs.readFileSync(await download.path(), 'utf8');
  expect(JSON.parse(exported).exercises[first.id].status).toBe('passed');
  void command(page, 'asyncio-lab:clear-progress');
  await page.locator('.jp-Dialog button', { hasText: /^Clear$/ }).click();
  await expect(exerciseRow(page, first.id)).toHaveAttribute(
    'data-status',
    'untried'
  );
  const setAside = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter(key => key.includes(':cleared:'))
      .map(key => localStorage.getItem(key))
  );
  expect(setAside).toHaveLength(1);
  expect(JSON.parse(setAside[0]!).exercises[first.id].status).toBe('passed');
  await reload();
  await showPanel(page);
  await expect(exerciseRow(page, first.id)).toHaveAttribute(
    'data-status',
    'untried'
  );
  // A bad file is refused with a specific message and changes nothing.
  void command(page, 'asyncio-lab:import-progress', {
    text: '{"format": "zip"}'
  });
  await expect(page.locator('.jp-Dialog')).toContainText(
    'format: must be "asyncio-lab-progress"'
  );
  await page
    .locator('.jp-Dialog button', { hasText: /ok|close|dismiss/i })
    .first()
    .click();
  await expect(exerciseRow(page, first.id)).toHaveAttribute(
    'data-status',
    'untried'
  );
  void command(page, 'asyncio-lab:import-progress', { text: exported });
  await expect(page.locator('.jp-Dialog')).toContainText(
    'They are merged with your progress'
  );
  await page.locator('.jp-Dialog button', { hasText: 'Import' }).click();
  await expect(exerciseRow(page, first.id)).toHaveAttribute(
    'data-status',
    'passed'
  );

  // Reset: the dialog shows the learner's change; the shipped cell comes back; a backup is kept.
  await showPanel(page);
  await page
    .locator(
      `#asyncio-lab-lessons [data-lesson="${lesson.id}"] button.jp-AsyncioLab-Panel-open`
    )
    .click();
  await expect(page.locator('.jp-NotebookPanel:visible')).toHaveCount(1);
  void command(page, 'asyncio-lab:reset-lesson', { id: lesson.id });
  const dialog = page.locator('.jp-Dialog');
  const shippedSource = shippedExerciseSource(lesson, first.id);
  const solutionLine = solution
    .split('\n')
    .find(l => l.trim() && !shippedSource.includes(l.trim()))!;
  await expect(dialog.locator('.jp-AsyncioLab-Diff')).toContainText(
    solutionLine.trim()
  );
  await dialog.locator('button', { hasText: 'Reset lesson' }).click();
  await expect(page.locator('.jp-Dialog')).toHaveCount(0);
  // The reset finishes after the dialog closes: wait on the notebook's content.
  await expect
    .poll(async () => {
      const i = await exerciseCellIndex(page, first.id);
      return page.evaluate(
        i =>
          (window as any).jupyterapp.shell.currentWidget.content.model.cells
            .get(i)
            .sharedModel.getSource(),
        i
      );
    })
    .toBe(shippedSource);
  const backups = await page.evaluate(async () => {
    const listing = await (
      window as any
    ).jupyterapp.serviceManager.contents.get('asyncio-lab/backups', {
      content: true
    });
    return listing.content.map((f: any) => f.name);
  });
  expect(backups.length).toBe(1);
  expect(backups[0]).toMatch(/\.ipynb$/);
  // Progress is not lost by a reset.
  await expect(exerciseRow(page, first.id)).toHaveAttribute(
    'data-status',
    'passed'
  );
}

/**
 * A learner's copy made from an older version of a lesson (what a previous
 * site version or package leaves in the browser's storage or on the
 * server): the panel flags it after a reload, opening it says so, "Update…"
 * resets it to the shipped version keeping the old copy as a backup, and
 * "Keep mine" keeps a second stale copy as it is, for good.
 */
export async function staleCopyJourney(
  page: Page,
  reload: () => Promise<void>
) {
  // The course module as the site build uses it (compiled by npm run build).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { lessonRevision, stampRevision } = require(
    path.join(root, 'build', 'node', 'course', 'manifest.js')
  ) as typeof import('../../src/course/manifest');
  const [updated, kept] = [
    lessonById('awaitables'),
    lessonById('task-callbacks')
  ];
  const shipped = (lesson: ILessonInfo) =>
    JSON.parse(
      fs.readFileSync(path.join(root, 'notebooks', lesson.file), 'utf8')
    );
  const older = (lesson: ILessonInfo) => {
    const nb = shipped(lesson);
    const md = nb.cells.findIndex((c: any) => c.cell_type === 'markdown');
    nb.cells[md].source = `An older introduction to ${lesson.id}.`;
    return stampRevision(nb);
  };
  const dir = (course as any).lessonsDirectory as string;
  await page.evaluate(
    async ({ dir, copies }) => {
      const contents = (window as any).jupyterapp.serviceManager.contents;
      try {
        await contents.get(dir, { content: false });
      } catch {
        const made = await contents.newUntitled({
          path: '',
          type: 'directory'
        });
        await contents.rename(made.path, dir);
      }
      for (const [file, content] of copies) {
        await contents.save(`${dir}/${file}`, {
          type: 'notebook',
          format: 'json',
          content
        });
      }
    },
    {
      dir,
      copies: [updated, kept].map(l => [l.file, older(l)] as [string, unknown])
    }
  );
  await reload();
  const panel = await showPanel(page);
  const notice = (lesson: ILessonInfo) =>
    panel.locator(`[data-lesson="${lesson.id}"] .jp-AsyncioLab-Panel-stale`);
  await expect(notice(updated)).toContainText('older version');
  await expect(notice(kept)).toContainText('older version');
  // Lessons without a copy, or with a current one, are not flagged.
  await expect(panel.locator('.jp-AsyncioLab-Panel-stale')).toHaveCount(2);

  // Opening the stale lesson says so, with the same two choices.
  await panel
    .locator(`[data-lesson="${updated.id}"] button.jp-AsyncioLab-Panel-open`)
    .click();
  const toast = page.locator('.Toastify__toast', {
    hasText: 'has a newer version than your copy'
  });
  await expect(toast).toBeVisible();
  await expect(
    toast.locator('button', { hasText: 'Keep My Copy' })
  ).toBeVisible();

  // Update…: the reset dialog explains, shows the old text, keeps a backup.
  await notice(updated).locator('button', { hasText: 'Update…' }).click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('made from an older version');
  await expect(dialog.locator('.jp-AsyncioLab-Diff')).toContainText(
    `An older introduction to ${updated.id}.`
  );
  await dialog.locator('button', { hasText: 'Reset lesson' }).click();
  await expect(notice(updated)).toHaveCount(0);
  const stored = async (file: string) =>
    page.evaluate(
      async p =>
        (
          await (window as any).jupyterapp.serviceManager.contents.get(p, {
            content: true
          })
        ).content,
      file
    );
  const current = await stored(`${dir}/${updated.file}`);
  expect(current.metadata.asyncio_lab.revision).toBe(
    lessonRevision(shipped(updated))
  );
  expect(lessonRevision(current)).toBe(lessonRevision(shipped(updated)));
  const backups = (await stored(`${dir}/backups`)) as { path: string }[];
  const stem = updated.file.replace(/\.ipynb$/, '');
  const backup = backups.find(b => b.path.includes(`/${stem}-`));
  expect(backup).toBeTruthy();
  expect(JSON.stringify(await stored(backup!.path))).toContain(
    `An older introduction to ${updated.id}.`
  );

  // Keep mine: the copy stays as it was and is not flagged again.
  await notice(kept).locator('button', { hasText: 'Keep mine' }).click();
  await expect(notice(kept)).toHaveCount(0);
  await reload();
  await showPanel(page);
  await expect(panel.locator('[data-lesson]').first()).toBeVisible();
  await expect(panel.locator('.jp-AsyncioLab-Panel-stale')).toHaveCount(0);
  const keptCopy = await stored(`${dir}/${kept.file}`);
  expect(JSON.stringify(keptCopy.cells)).toContain(
    `An older introduction to ${kept.id}.`
  );
}

/**
 * Instructor notes (notebooks/workshop.json) show only in instructor mode:
 * by the `instructorMode` setting or the `?instructor=1` URL parameter,
 * which overrides the setting either way.
 */
export async function instructorJourney(page: Page, base: string) {
  const workshop = JSON.parse(
    fs.readFileSync(path.join(root, 'notebooks', 'workshop.json'), 'utf8')
  );
  const [lessonId, text] = Object.entries(workshop.notes as object)[0] as [
    string,
    string
  ];
  const notes = () =>
    page.locator(
      `#asyncio-lab-lessons [data-lesson="${lessonId}"] .jp-AsyncioLab-Panel-notes`
    );
  const open = async (query: string) => {
    await page.goto(`${base}${query}`);
    const panel = await showPanel(page);
    // The panel is made after the settings are read: what it shows now is
    // what instructor mode says.
    await expect(panel.locator(`[data-lesson="${lessonId}"]`)).toBeVisible();
  };
  await open('');
  await expect(notes()).toHaveCount(0);
  await open('?instructor=1');
  await expect(notes()).toHaveText(text);
  await expect(notes()).toHaveAttribute('role', 'note');
  await expect(notes()).toHaveAttribute('aria-label', 'Instructor notes');
  // The setting turns it on without the parameter ...
  await saveSettings(page, 'asyncio-lab:plugin', { instructorMode: true });
  await open('');
  await expect(notes()).toHaveText(text);
  // ... and ?instructor=0 still hides the notes (a shared screen).
  await open('?instructor=0');
  await expect(notes()).toHaveCount(0);
  await saveSettings(page, 'asyncio-lab:plugin', {});
  await open('');
  await expect(notes()).toHaveCount(0);
}

/**
 * Switch JupyterLab's language to Simplified Chinese (the page is open): the
 * course UI follows after a reload; the language is set back to the default
 * at the end.
 */
export async function chineseJourney(page: Page) {
  const setLocale = (locale: string | null) =>
    saveSettings(
      page,
      '@jupyterlab/translation-extension:plugin',
      locale ? { locale } : {}
    );
  await showPanel(page);
  await setLocale('zh_CN');
  await page.reload();
  const panel = page.locator('#asyncio-lab-lessons');
  await expect(panel).toHaveAttribute('aria-label', 'asyncio 课程', {
    timeout: 120_000
  });
  await page.locator('.jp-SideBar li[title="asyncio 课程"]').click();
  const lesson = lessonById('await-vs-create-task');
  // (how many are passed depends on earlier journeys on the same server,
  // whose progress the workspace keeps)
  await expect(panel.locator(`[data-lesson="${lesson.id}"]`)).toContainText(
    new RegExp(`分钟 · 已通过 \\d+ / ${lesson.exercises.length} 道练习`)
  );
  await expect(panel.locator('.jp-AsyncioLab-Panel-filter')).toHaveAttribute(
    'placeholder',
    '筛选课程'
  );
  await setLocale(null);
}

/**
 * The `language` setting pins the course UI whatever JupyterLab's language:
 * Chinese in an English JupyterLab (from the catalogue bundled with the
 * extension) and, where JupyterLab itself can switch to Chinese (a language
 * pack), English in a Chinese JupyterLab. Settings are restored at the end.
 */
export async function courseLanguageJourney(
  page: Page,
  { jupyterlabCanBeChinese }: { jupyterlabCanBeChinese: boolean }
) {
  const save = (id: string, value: object) => saveSettings(page, id, value);
  const panel = page.locator('#asyncio-lab-lessons');
  // JupyterLab's own language, as it sets it on the page.
  const html = page.locator('html');
  await showPanel(page);
  await save('asyncio-lab:plugin', { language: 'zh_CN' });
  await page.reload();
  await expect(panel).toHaveAttribute('aria-label', 'asyncio 课程', {
    timeout: 120_000
  });
  await expect(html).toHaveAttribute('lang', /^en/);
  await page.locator('.jp-SideBar li[title="asyncio 课程"]').click();
  await expect(panel.locator('.jp-AsyncioLab-Panel-filter')).toHaveAttribute(
    'placeholder',
    '筛选课程'
  );
  if (jupyterlabCanBeChinese) {
    await save('@jupyterlab/translation-extension:plugin', { locale: 'zh_CN' });
    await save('asyncio-lab:plugin', { language: 'en' });
    await page.reload();
    await expect(html).toHaveAttribute('lang', /^zh/, { timeout: 120_000 });
    await expect(panel).toHaveAttribute('aria-label', 'asyncio lessons');
    await save('@jupyterlab/translation-extension:plugin', {});
  }
  await save('asyncio-lab:plugin', {});
}
