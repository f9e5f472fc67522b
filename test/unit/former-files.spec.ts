/**
 * A lesson's notebook renamed (`formerFiles` in course.json): the manifest
 * check refuses bad former file names, naming the lesson; a learner's copy
 * at a former path becomes the lesson's copy without losing an edit, on a
 * Jupyter server's contents and on the site's browser drive (both faked in
 * memory here, each with the rename rules of the real one).
 *
 * The rename is synthetic, on the shipped course.json: lesson `signals`
 * (06-signals.ipynb) was `04-signals.ipynb` before, as a renumbering after
 * a split would leave it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Notification } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import {
  ICourse,
  ILesson,
  formerLessonPaths,
  lessonPath,
  lessonRevision,
  parseCourse,
  validateCourse
} from '../../src/course/manifest';
import { CourseModel } from '../../src/course/model';
import { shippedNotebook } from '../../src/course/shipped';
import { ICourseContext } from '../../src/notebooks/context';
import { openLessonCopy, resetLesson } from '../../src/notebooks/copies';
import { carryOverFormerCopies } from '../../src/notebooks/former';
import {
  checkLessonCopy,
  scanCopies,
  watchStaleCopies
} from '../../src/notebooks/stale';
import { DOMAIN } from '../../src/ui/translation';

jest.mock('../../src/ui/dialogs', () => ({
  confirmReset: jest.fn(async () => true)
}));

const root = path.resolve(__dirname, '..', '..');
const shippedManifest = (): any =>
  JSON.parse(
    fs.readFileSync(path.join(root, 'notebooks', 'course.json'), 'utf8')
  );
const FORMER = '04-signals.ipynb';

/** The shipped course with lesson `signals` formerly at 04-signals.ipynb. */
function renamedCourse(): ICourse {
  const data = shippedManifest();
  data.lessons.find((l: any) => l.id === 'signals').formerFiles = [FORMER];
  return parseCourse(data);
}

type Json = Record<string, any>;
interface IItem {
  name: string;
  path: string;
  type: string;
  content: any;
}

const notFound = (p: string) =>
  Object.assign(new Error(`No such file: ${p}`), { status: 404 });

/**
 * A Jupyter server's contents, in memory: folders are implicit, `rename`
 * refuses an existing target (the server answers 409), `delete` removes.
 */
class ServerContents {
  files = new Map<string, IItem>();
  calls: string[] = [];
  dirs = new Set<string>(['']);
  /** Told of each rename (as a document's context is, to follow it). */
  renamed: ((from: string, to: string) => void)[] = [];

  async get(p: string, options?: { content?: boolean }): Promise<IItem> {
    this.calls.push(`get ${p}`);
    const file = this.files.get(p);
    if (file) {
      return {
        ...file,
        content: options?.content ? clone(file.content) : null
      };
    }
    if (this.dirs.has(p)) {
      const content = [...this.files.values()]
        .filter(f => dirname(f.path) === p)
        .map(f => ({ ...f, content: null }));
      return { name: p, path: p, type: 'directory', content };
    }
    throw notFound(p);
  }
  async save(p: string, options: { content: unknown }): Promise<IItem> {
    this.calls.push(`save ${p}`);
    this.needDir(dirname(p));
    const item = {
      name: basename(p),
      path: p,
      type: 'notebook',
      content: clone(options.content)
    };
    this.files.set(p, item);
    return item;
  }
  async rename(from: string, to: string): Promise<IItem> {
    this.calls.push(`rename ${from} ${to}`);
    if (this.files.has(to) || this.dirs.has(to)) {
      throw Object.assign(new Error(`File already exists: ${to}`), {
        status: 409
      });
    }
    if (this.dirs.delete(from)) {
      this.dirs.add(to); // an empty folder (made by newUntitled)
      return { name: basename(to), path: to, type: 'directory', content: null };
    }
    const file = this.files.get(from);
    if (!file) {
      throw notFound(from);
    }
    this.needDir(dirname(to));
    this.files.delete(from);
    const moved = { ...file, name: basename(to), path: to };
    this.files.set(to, moved);
    this.renamed.forEach(tell => tell(from, to));
    return moved;
  }
  async delete(p: string): Promise<void> {
    this.calls.push(`delete ${p}`);
    if (!this.files.delete(p)) {
      throw notFound(p);
    }
  }
  async newUntitled(options: { path: string; type: string }): Promise<IItem> {
    const p = options.path
      ? `${options.path}/Untitled Folder`
      : 'Untitled Folder';
    this.dirs.add(p);
    return { name: basename(p), path: p, type: 'directory', content: null };
  }
  protected needDir(dir: string) {
    if (!this.dirs.has(dir)) {
      throw Object.assign(new Error(`No such folder: ${dir}`), { status: 404 });
    }
  }
}

/**
 * The site's browser drive (JupyterLite's BrowserStorageDrive), in memory:
 * what the learner saved is stored; a path never saved serves the shipped
 * file (api/contents + files/); `rename` writes the new path over whatever
 * is there and forgets the old one; `delete` forgets only stored files.
 */
class SiteContents extends ServerContents {
  shipped = new Map<string, IItem>();

  async get(p: string, options?: { content?: boolean }): Promise<IItem> {
    if (!this.files.has(p) && this.shipped.has(p)) {
      this.calls.push(`get ${p}`);
      const file = this.shipped.get(p)!;
      return {
        ...file,
        content: options?.content ? clone(file.content) : null
      };
    }
    return super.get(p, options);
  }
  async rename(from: string, to: string): Promise<IItem> {
    if (this.dirs.has(from)) {
      return super.rename(from, to);
    }
    this.calls.push(`rename ${from} ${to}`);
    const file = this.files.get(from) ?? this.shipped.get(from);
    if (!file) {
      throw notFound(from);
    }
    const moved = { ...file, name: basename(to), path: to };
    this.files.set(to, moved);
    this.files.delete(from);
    this.renamed.forEach(tell => tell(from, to));
    return moved;
  }
  async delete(p: string): Promise<void> {
    this.calls.push(`delete ${p}`);
    this.files.delete(p);
  }
  protected needDir() {
    // The browser drive makes missing parent folders itself.
  }
}

function clone<T>(value: T): T {
  return value === null || value === undefined
    ? value
    : JSON.parse(JSON.stringify(value));
}
const dirname = (p: string) => p.split('/').slice(0, -1).join('/');
const basename = (p: string) => p.split('/').pop() ?? p;

/**
 * An open notebook, as far as the course code looks at it: its path (which
 * follows a rename, as a document context does), its model and revert.
 */
class FakePanel {
  isDisposed = false;
  reverted = 0;
  context: any;
  content = {};
  constructor(
    contents: ServerContents,
    p: string,
    notebook: Json,
    dirty = false
  ) {
    this.context = {
      path: p,
      ready: Promise.resolve(),
      model: {
        dirty,
        metadata: notebook.metadata,
        toJSON: () => clone(notebook)
      },
      revert: async () => {
        this.reverted++;
      }
    };
    contents.renamed.push((from, to) => {
      if (this.context.path === from) {
        this.context.path = to;
      }
    });
  }
}

/** The notebook tracker: its panels, and a signal for each one added. */
function tracker(panels: FakePanel[]) {
  const added = new Signal<unknown, FakePanel>({});
  return {
    find: (test: (p: FakePanel) => boolean) => panels.find(test),
    widgetAdded: added,
    add(panel: FakePanel) {
      panels.push(panel);
      added.emit(panel);
    }
  };
}

function context(
  contents: ServerContents,
  course = renamedCourse(),
  panels: ReturnType<typeof tracker> | null = null
) {
  const opened: string[] = [];
  const ctx: ICourseContext = {
    model: new CourseModel(course),
    docManager: {
      services: { contents },
      openOrReveal: (p: string) => {
        opened.push(p);
        return { path: p };
      }
    } as any,
    tracker: panels as any,
    trans: nullTranslator.load(DOMAIN)
  };
  return { ctx, opened };
}

const signals = (course: ICourse): ILesson =>
  course.lessons.find(l => l.id === 'signals')!;

/**
 * A learner's copy made from an older version of the lesson (its stamped
 * revision is not the shipped one) with their own edit in the first code
 * cell.
 */
async function editedOldCopy(lesson: ILesson, edit: string): Promise<Json> {
  const nb = clone((await shippedNotebook(lesson)) as Json);
  const code = nb.cells.find((c: Json) => c.cell_type === 'code');
  code.source = `${edit}\n${[code.source].flat().join('')}`;
  nb.metadata.asyncio_lab.revision = 'an-older-one-000';
  return nb;
}

/** The same lesson copy, as the learner edited it at the new path. */
async function editedNewCopy(lesson: ILesson, edit: string): Promise<Json> {
  const nb = clone((await shippedNotebook(lesson)) as Json);
  nb.cells.find((c: Json) => c.cell_type === 'code').source = edit;
  return nb;
}

const firstCode = (nb: Json) =>
  [nb.cells.find((c: Json) => c.cell_type === 'code').source].flat().join('');

let warnings: jest.SpyInstance;
beforeEach(() => {
  warnings = jest.spyOn(Notification, 'warning').mockReturnValue('id');
});
afterEach(() => {
  warnings.mockRestore();
});

describe('formerFiles in course.json', () => {
  it('accepts earlier file names of a lesson', () => {
    expect(validateCourse(renamedCourse())).toEqual([]);
    const course = renamedCourse();
    expect(formerLessonPaths(course, signals(course))).toEqual([
      `asyncio-lab/${FORMER}`
    ]);
    expect(formerLessonPaths(course, course.lessons[0])).toEqual([]);
  });

  it('refuses a bad name, a current file, a name claimed twice, naming the lesson', () => {
    const data = shippedManifest();
    const index = (id: string) =>
      data.lessons.findIndex((l: any) => l.id === id);
    const at = (id: string) => `lessons[${index(id)}]`;
    data.lessons[index('signals')].formerFiles = [
      FORMER,
      '../escape.ipynb',
      '05-event-loops-and-threads.ipynb',
      7
    ];
    data.lessons[index('udp')].formerFiles = [FORMER];
    data.lessons[index('welcome')].formerFiles = '00-hello.ipynb';
    expect(validateCourse(data)).toEqual([
      `${at('welcome')}.formerFiles: must be a list of earlier notebook file names (lesson "welcome")`,
      `${at('signals')}.formerFiles[1]: must be a notebook file name like "06-signals.ipynb" (found "../escape.ipynb"; lesson "signals")`,
      `${at('signals')}.formerFiles[3]: must be a notebook file name like "06-signals.ipynb" (found 7; lesson "signals")`,
      `${at('udp')}.formerFiles[0]: "${FORMER}" is claimed twice (lesson "udp"; also by ${at('signals')}.formerFiles[0], lesson "signals")`,
      `${at('signals')}.formerFiles[2]: "05-event-loops-and-threads.ipynb" is the current file of lesson "loops-and-threads", not a former one (lesson "signals")`
    ]);
  });

  it("refuses a lesson's own file", () => {
    const data = shippedManifest();
    const i = data.lessons.findIndex((l: any) => l.id === 'signals');
    data.lessons[i].formerFiles = ['06-signals.ipynb'];
    expect(validateCourse(data)).toEqual([
      `lessons[${i}].formerFiles[0]: "06-signals.ipynb" is the current file of lesson "signals", not a former one (lesson "signals")`
    ]);
  });
});

describe('a copy at a former file name', () => {
  const course = renamedCourse();
  const lesson = signals(course);
  const NEW = lessonPath(course, lesson);
  const OLD = `asyncio-lab/${FORMER}`;

  it('moves to the new path when there is no copy there (Jupyter server); the old version is reported stale', async () => {
    const contents = new ServerContents();
    contents.dirs.add('asyncio-lab');
    const old = await editedOldCopy(lesson, '# my edit');
    await contents.save(OLD, { content: old });
    const { ctx, opened } = context(contents, course);
    contents.calls = [];

    await openLessonCopy(ctx, 'signals');

    expect(opened).toEqual([NEW]);
    expect(contents.files.has(OLD)).toBe(false);
    expect(contents.files.get(NEW)!.content).toEqual(old);
    expect(contents.calls).toContain(`rename ${OLD} ${NEW}`);
    expect(contents.calls.filter(c => c.startsWith('save'))).toEqual([]);
    expect(warnings).not.toHaveBeenCalled();
    // The copy is from an older version of the lesson: the stale machinery
    // says so (as it does when the learner opens it).
    expect(await checkLessonCopy(ctx, lesson)).toBe(true);
    expect(ctx.model.isStale('signals')).toBe(true);
  });

  it("moves over the site's shipped file at the new path (browser drive)", async () => {
    const contents = new SiteContents();
    const shipped = await shippedNotebook(lesson);
    contents.shipped.set(NEW, {
      name: lesson.file,
      path: NEW,
      type: 'notebook',
      content: shipped
    });
    const old = await editedOldCopy(lesson, '# my edit');
    await contents.save(OLD, { content: old });
    const { ctx, opened } = context(contents, course);
    contents.calls = [];

    await openLessonCopy(ctx, 'signals');

    expect(opened).toEqual([NEW]);
    expect(contents.calls).toContain(`rename ${OLD} ${NEW}`);
    expect(contents.calls).not.toContain(`delete ${NEW}`);
    expect((await contents.get(NEW, { content: true })).content).toEqual(old);
    await expect(contents.get(OLD)).rejects.toThrow();
    expect(warnings).not.toHaveBeenCalled();
  });

  it('moves over an unedited copy of the shipped version on a Jupyter server', async () => {
    const contents = new ServerContents();
    contents.dirs.add('asyncio-lab');
    await contents.save(NEW, { content: await shippedNotebook(lesson) });
    const old = await editedOldCopy(lesson, '# my edit');
    await contents.save(OLD, { content: old });
    const { ctx } = context(contents, course);

    await openLessonCopy(ctx, 'signals');

    expect(contents.files.get(NEW)!.content).toEqual(old);
    expect(contents.files.has(OLD)).toBe(false);
    expect(warnings).not.toHaveBeenCalled();
  });

  for (const [drive, make] of [
    ['Jupyter server', () => new ServerContents()],
    ['browser drive', () => new SiteContents()]
  ] as const) {
    it(`both edited (${drive}): the new copy stays, the old one is kept in backups/, the learner is told; nothing lost`, async () => {
      const contents = make();
      contents.dirs.add('asyncio-lab');
      const old = await editedOldCopy(lesson, '# my old edit');
      const mine = await editedNewCopy(lesson, '# my new edit');
      await contents.save(OLD, { content: old });
      await contents.save(NEW, { content: mine });
      const { ctx, opened } = context(contents, course);

      await openLessonCopy(ctx, 'signals');

      expect(opened).toEqual([NEW]);
      expect(contents.files.get(NEW)!.content).toEqual(mine);
      expect(contents.files.has(OLD)).toBe(false);
      const backups = [...contents.files.keys()].filter(p =>
        p.startsWith('asyncio-lab/backups/')
      );
      expect(backups).toEqual([
        expect.stringMatching(/^asyncio-lab\/backups\/04-signals-.+\.ipynb$/)
      ]);
      expect(contents.files.get(backups[0])!.content).toEqual(old);
      expect(firstCode(contents.files.get(backups[0])!.content)).toMatch(
        /^# my old edit/
      );
      expect(warnings).toHaveBeenCalledTimes(1);
      const [message, options] = warnings.mock.calls[0];
      expect(message).toBe(
        `Lesson ${lesson.number} has a new file name, and you had a copy under both names. Your copy under the new name, ${lesson.file}, stays the lesson; your copy under the old name, ${OLD}, was kept as ${backups[0]}.`
      );
      expect(options).toEqual({ autoClose: false });
    });
  }

  it('no former copy: opening creates the copy from the shipped notebook as before, nothing renamed', async () => {
    const contents = new ServerContents();
    const { ctx, opened } = context(contents, course);

    await openLessonCopy(ctx, 'signals');

    expect(opened).toEqual([NEW]);
    expect(contents.files.get(NEW)!.content).toEqual(
      await shippedNotebook(lesson)
    );
    expect(
      contents.calls.filter(
        c => /^(rename|delete) /.test(c) && !c.includes('Untitled')
      )
    ).toEqual([]);
    expect([...contents.files.keys()]).toEqual([NEW]);
    expect(warnings).not.toHaveBeenCalled();
  });

  it('no former copy: an existing copy is opened untouched', async () => {
    const contents = new ServerContents();
    contents.dirs.add('asyncio-lab');
    const mine = await editedNewCopy(lesson, '# mine');
    await contents.save(NEW, { content: mine });
    const { ctx } = context(contents, course);
    contents.calls = [];

    await openLessonCopy(ctx, 'signals');

    expect(contents.calls).toEqual([`get ${OLD}`, `get ${NEW}`]);
    expect(contents.files.get(NEW)!.content).toEqual(mine);
  });

  it('a lesson without formerFiles looks at no other path', async () => {
    const contents = new ServerContents();
    contents.dirs.add('asyncio-lab');
    const other = course.lessons[0];
    const { ctx } = context(contents, course);
    await openLessonCopy(ctx, other.id);
    expect(contents.calls[0]).toBe(`get ${lessonPath(course, other)}`);
    expect(await carryOverFormerCopies(ctx, other)).toEqual([]);
  });

  it('looks once a session, and two lookups at once move the copy once', async () => {
    const contents = new ServerContents();
    contents.dirs.add('asyncio-lab');
    const old = await editedOldCopy(lesson, '# my edit');
    await contents.save(OLD, { content: old });
    const { ctx } = context(contents, course);
    contents.calls = [];
    const [a, b] = await Promise.all([
      carryOverFormerCopies(ctx, lesson),
      carryOverFormerCopies(ctx, lesson)
    ]);
    expect(a).toEqual([{ from: OLD, to: NEW, moved: true }]);
    expect(b).toBe(a);
    expect(contents.calls.filter(c => c.startsWith('rename'))).toEqual([
      `rename ${OLD} ${NEW}`
    ]);
  });

  it('the startup scan carries the copy over, then reports it stale', async () => {
    const contents = new SiteContents();
    contents.dirs.add('asyncio-lab');
    await contents.save(OLD, { content: await editedOldCopy(lesson, '# x') });
    const { ctx } = context(contents, course);
    await scanCopies(ctx);
    expect(contents.files.has(OLD)).toBe(false);
    expect(firstCode(contents.files.get(NEW)!.content)).toMatch(/^# x/);
    expect(ctx.model.isStale('signals')).toBe(true);
  });

  it('a reset carries the old copy over first, then keeps it as the backup', async () => {
    const contents = new ServerContents();
    contents.dirs.add('asyncio-lab');
    const old = await editedOldCopy(lesson, '# my edit');
    await contents.save(OLD, { content: old });
    const { ctx } = context(contents, course);

    expect(await resetLesson(ctx, lesson)).toBe(true);

    const shipped = (await shippedNotebook(lesson)) as Json;
    expect(contents.files.get(NEW)!.content).toEqual(shipped);
    expect(lessonRevision(contents.files.get(NEW)!.content)).toBe(
      lessonRevision(shipped)
    );
    const backups = [...contents.files.keys()].filter(p =>
      p.startsWith('asyncio-lab/backups/')
    );
    expect(backups.map(p => contents.files.get(p)!.content)).toEqual([old]);
    expect(contents.files.has(OLD)).toBe(false);
  });

  it('a notebook opened at the former path follows its copy to the new path, and is reported stale', async () => {
    const contents = new ServerContents();
    contents.dirs.add('asyncio-lab');
    const old = await editedOldCopy(lesson, '# my edit');
    await contents.save(OLD, { content: old });
    const panels = tracker([]);
    const { ctx } = context(contents, course, panels);
    const stale: ILesson[] = [];
    let reported: () => void;
    const done = new Promise<void>(resolve => (reported = resolve));
    watchStaleCopies(ctx, panels as any, l => {
      stale.push(l);
      reported();
    });

    const panel = new FakePanel(contents, OLD, old);
    panels.add(panel);
    await done;

    expect(panel.context.path).toBe(NEW);
    expect(contents.files.get(NEW)!.content).toEqual(old);
    expect(contents.files.has(OLD)).toBe(false);
    expect(stale.map(l => l.id)).toEqual(['signals']);
  });

  it('a panel showing the shipped version at the new path is reloaded after the move', async () => {
    const contents = new ServerContents();
    contents.dirs.add('asyncio-lab');
    const shipped = (await shippedNotebook(lesson)) as Json;
    await contents.save(NEW, { content: shipped });
    await contents.save(OLD, { content: await editedOldCopy(lesson, '# a') });
    const shown = new FakePanel(contents, NEW, shipped);
    const { ctx } = context(contents, course, tracker([shown]));

    expect(await carryOverFormerCopies(ctx, lesson)).toEqual([
      { from: OLD, to: NEW, moved: true }
    ]);
    expect(shown.reverted).toBe(1);
  });

  it("unsaved changes in a panel at the new path count as the learner's own: the old copy goes to backups/", async () => {
    const contents = new ServerContents();
    contents.dirs.add('asyncio-lab');
    const shipped = (await shippedNotebook(lesson)) as Json;
    await contents.save(NEW, { content: shipped });
    const old = await editedOldCopy(lesson, '# a');
    await contents.save(OLD, { content: old });
    const editing = new FakePanel(contents, NEW, shipped, true);
    const { ctx } = context(contents, course, tracker([editing]));

    const [carried] = await carryOverFormerCopies(ctx, lesson);

    expect(carried.moved).toBe(false);
    expect(carried.to).toMatch(/^asyncio-lab\/backups\/04-signals-/);
    expect(contents.files.get(carried.to)!.content).toEqual(old);
    expect(contents.files.get(NEW)!.content).toEqual(shipped);
    expect(editing.reverted).toBe(0);
    expect(warnings).toHaveBeenCalledTimes(1);
  });
});
