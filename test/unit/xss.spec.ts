import { createCallGraphRendererFactory } from '../../src/renderers/callgraph';
import { createCheckRendererFactory } from '../../src/renderers/check';
import { createCoachRendererFactory } from '../../src/renderers/coach';
import {
  CALLGRAPH_MIME,
  CHECK_MIME,
  COACH_MIME,
  TIMELINE_MIME
} from '../../src/mime';
import { createTimelineRendererFactory } from '../../src/renderers/timeline';
import { renderWith } from './render';
import { CommandRegistry } from '@lumino/commands';
import { Widget } from '@lumino/widgets';
import { nullTranslator } from '@jupyterlab/translation';
import { summaryWidget } from '../../src/ui/dialogs';
import { DOMAIN } from '../../src/ui/translation';
import { ICourse } from '../../src/course/manifest';
import { CourseModel } from '../../src/course/model';
import { LessonPanel } from '../../src/ui/panel';

/**
 * 1,000 generated hostile strings: script tags, event handlers, javascript:
 * URLs, SVG and MathML tricks, entity-encoded and broken markup, control
 * characters, huge strings.
 */
function payloads(n = 1000): string[] {
  const parts = [
    '<script>window.__pwned=1</script>',
    '<img src=x onerror=window.__pwned=1>',
    '<svg/onload=window.__pwned=1>',
    '<svg><script>window.__pwned=1</script></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>',
    '<a href="javascript:window.__pwned=1">x</a>',
    '<iframe srcdoc="<script>parent.__pwned=1</script>">',
    '"><body onload=window.__pwned=1>',
    "'><details open ontoggle=window.__pwned=1>",
    '&lt;script&gt;window.__pwned=1&lt;/script&gt;',
    '<!--<img src="--><img src=x onerror=window.__pwned=1//">',
    '\u0000\u202e\ufeff',
    '<style>@import "javascript:alert(1)";</style>',
    '<object data="javascript:window.__pwned=1">',
    '<input autofocus onfocus=window.__pwned=1>'
  ];
  let seed = 7;
  const rand = (k: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const count = 1 + rand(4);
    let s = '';
    for (let j = 0; j < count; j++) {
      s += parts[rand(parts.length)];
    }
    if (i % 97 === 0) {
      s = s.repeat(2000); // huge
    }
    out.push(s);
  }
  return out;
}

const ALL = payloads();

function assertInert(node: HTMLElement) {
  for (const tag of [
    'script',
    'img',
    'svg',
    'iframe',
    'a',
    'object',
    'input',
    'style',
    'math',
    'body'
  ]) {
    expect(node.querySelector(tag)).toBeNull();
  }
  for (const el of Array.from(node.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      expect(
        attr.name.startsWith('on') ||
          ['href', 'src', 'srcdoc'].includes(attr.name)
      ).toBe(false);
    }
  }
  expect((window as any).__pwned).toBeUndefined();
}

describe('renderers under 1,000 hostile payloads', () => {
  afterEach(() => {
    document.body.textContent = '';
  });

  it('check results stay text', async () => {
    const widget = await renderWith(createCheckRendererFactory(), CHECK_MIME, {
      version: 1,
      exercise: ALL[0],
      title: ALL[1],
      passed: false,
      error: ALL[2],
      checks: ALL.map((p, i) => ({ name: p, passed: i % 2 === 0, message: p }))
    });
    assertInert(widget.node);
    expect(widget.node.querySelectorAll('li')).toHaveLength(ALL.length);
  });

  it('timelines stay text', async () => {
    const widget = await renderWith(
      createTimelineRendererFactory(),
      TIMELINE_MIME,
      {
        version: 1,
        clock: 'real',
        duration: 1,
        omitted: { tasks: 0, steps: 0 },
        tasks: ALL.map((p, i) => ({
          id: i,
          name: p,
          parent: null,
          created: 0,
          ended: 1,
          state: 'error',
          result: p,
          exception: p,
          steps: [[0, 0.5]],
          waits: [{ start: 0.5, end: 1, line: 1, awaiting: p }]
        }))
      }
    );
    assertInert(widget.node);
    // Focus every drawn lane: details are shown as text too.
    widget.node
      .querySelectorAll<HTMLElement>('[role="listitem"]')
      .forEach(l => l.focus());
    assertInert(widget.node);
  });

  it('call graphs stay text, however deep', async () => {
    const node = (p: string, children: unknown[] = []) => ({
      task: p,
      id: 1,
      frames: [{ name: p, line: 1, file: p }],
      awaiting: p,
      children
    });
    let deep: any = node(ALL[0]);
    for (const p of ALL.slice(1, 300)) {
      deep = node(p, [deep]);
    }
    const widget = await renderWith(
      createCallGraphRendererFactory(),
      CALLGRAPH_MIME,
      {
        version: 1,
        source: ALL[3],
        note: ALL[4],
        snapshots: [
          { at: 0, label: ALL[5], roots: [deep] },
          { at: 1, label: ALL[6], roots: ALL.map(p => node(p)) }
        ]
      }
    );
    assertInert(widget.node);
  });

  it('coach notes stay text', async () => {
    const widget = await renderWith(createCoachRendererFactory(), COACH_MIME, {
      version: 1,
      findings: ALL.map(p => ({
        kind: p,
        severity: 'warning',
        line: 3,
        title: p,
        message: p
      }))
    });
    assertInert(widget.node);
  });
});

describe('lesson text under 1,000 hostile payloads', () => {
  // A course whose every piece of text is hostile: titles, summaries,
  // objectives, exercise titles and instructor notes (a hand-edited
  // manifest or workshop plan), shown in the panel and the summary.
  const pick = (i: number) => ALL[i % ALL.length];
  const course: ICourse = {
    version: 1,
    id: 'hostile',
    title: pick(999),
    lessonsDirectory: 'lessons',
    lessons: Array.from({ length: 50 }, (_, n) => ({
      id: `lesson-${n}`,
      number: n,
      file: `l${n}.ipynb`,
      title: pick(n * 20),
      summary: pick(n * 20 + 1),
      objectives: Array.from({ length: 10 }, (_, k) => pick(n * 20 + 2 + k)),
      minutes: 5,
      exercises: Array.from({ length: 8 }, (_, k) => ({
        id: `lesson-${n}.e${k}`,
        title: pick(n * 20 + 12 + k)
      }))
    }))
  };
  const notes = new Map(
    course.lessons.map((lesson, n) => [lesson.id, pick(n * 7 + 3)])
  );

  afterEach(() => {
    document.body.textContent = '';
  });

  it('the lesson panel stays text, with notes and stale notices shown', () => {
    const model = new CourseModel(course, notes);
    model.instructorMode = true;
    for (const lesson of course.lessons.slice(0, 10)) {
      model.setStale(lesson.id, true);
    }
    const commands = new CommandRegistry();
    const panel = new LessonPanel({
      model,
      commands,
      translator: nullTranslator
    });
    Widget.attach(panel, document.body);
    expect(panel.node.querySelectorAll('[data-lesson]')).toHaveLength(50);
    expect(
      panel.node.querySelectorAll('.jp-AsyncioLab-Panel-notes')
    ).toHaveLength(50);
    // (the panel's own toolbar carries JupyterLab's SVG icons: check the
    // parts that show course text)
    assertInert(panel.node.querySelector('.jp-AsyncioLab-Panel-outline')!);
    assertInert(panel.node.querySelector('.jp-AsyncioLab-Panel-title')!);
    expect(
      panel.node.querySelector('.jp-AsyncioLab-Panel-title')!.textContent
    ).toBe(course.title);
    // the text is all there, as text
    expect(panel.node.textContent).toContain(course.lessons[3].objectives[4]);
    panel.dispose();
  });

  it('the progress summary stays text', () => {
    const model = new CourseModel(course, notes);
    const widget = summaryWidget(model, nullTranslator.load(DOMAIN));
    Widget.attach(widget, document.body);
    expect(widget.node.querySelectorAll('tr')).toHaveLength(51);
    assertInert(widget.node);
    widget.dispose();
  });
});
