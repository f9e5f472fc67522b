import * as fs from 'fs';
import * as path from 'path';
import { TIMELINE_MIME, readTimeline } from '../../src/mime';
import {
  RenderedTimeline,
  VISIBLE_LANES,
  createTimelineRendererFactory,
  formatTime,
  peakInFlight
} from '../../src/renderers/timeline';
import { HOSTILE, expectNoMarkup, renderWith } from './render';

const task = (
  id: number,
  name: string,
  extra: Record<string, unknown> = {}
) => ({
  id,
  name,
  parent: id === 0 ? null : 0,
  created: 0.001 * id,
  ended: 0.05 + 0.001 * id,
  state: 'done',
  result: `'r${id}'`,
  exception: null,
  steps: [
    [0.001 * id, 0.001 * id + 0.0005],
    [0.04, 0.0405]
  ],
  waits: [{ start: 0.002, end: 0.04, line: 3, awaiting: 'sleep(0.04)' }],
  ...extra
});

const timeline = (tasks: unknown[], extra: Record<string, unknown> = {}) => ({
  version: 1,
  clock: 'real',
  unit: 's',
  duration: 0.06,
  tasks,
  omitted: { tasks: 0, steps: 0 },
  ...extra
});

const render = (data: unknown) =>
  renderWith<RenderedTimeline>(
    createTimelineRendererFactory(),
    TIMELINE_MIME,
    data
  );

describe('timeline renderer', () => {
  afterEach(() => {
    document.body.textContent = '';
  });

  it('uses the MIME type the Python package emits', () => {
    expect(TIMELINE_MIME).toBe('application/vnd.asyncio-lab.timeline+json');
    const py = fs.readFileSync(
      path.resolve(__dirname, '..', '..', 'python', 'asyncio_lab', 'mime.py'),
      'utf8'
    );
    expect(py).toContain(`"${TIMELINE_MIME}"`);
  });

  it('draws one lane per task with steps, waits and details', async () => {
    const widget = await render(
      timeline([
        task(0, 'cell'),
        task(1, 'fetch-a'),
        task(2, 'fetch-b', {
          state: 'error',
          exception: 'ValueError: boom',
          result: null
        })
      ])
    );
    const lanes = widget.node.querySelectorAll('.jp-AsyncioLab-Timeline-lane');
    expect(lanes).toHaveLength(3);
    expect(
      lanes[1].querySelector('.jp-AsyncioLab-Timeline-name')!.textContent
    ).toBe('fetch-a');
    expect(
      lanes[1].querySelectorAll('.jp-AsyncioLab-Timeline-step')
    ).toHaveLength(2);
    expect(
      lanes[1].querySelectorAll('.jp-AsyncioLab-Timeline-wait')
    ).toHaveLength(1);
    expect(lanes[2].classList.contains('jp-mod-error')).toBe(true);
    expect(lanes[2].getAttribute('aria-label')).toContain(
      'raised ValueError: boom'
    );
    expect(lanes[1].getAttribute('aria-label')).toContain('by cell');
    expect(lanes[1].getAttribute('aria-label')).toContain(
      'sleep(0.04) (line 3)'
    );
    (lanes[1] as HTMLElement).focus();
    expect(
      widget.node.querySelector('.jp-AsyncioLab-Timeline-details')!.textContent
    ).toContain('fetch-a: created at');
    expect(
      widget.node.querySelector('.jp-AsyncioLab-Timeline-summary')!.textContent
    ).toContain('3 tasks');
  });

  it('keeps ten thousand lanes responsive by drawing only the visible ones', async () => {
    const tasks = Array.from({ length: 10_000 }, (_, i) => task(i, `t${i}`));
    const started = Date.now();
    const widget = await render(timeline(tasks, { duration: 10 }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(widget.drawnLanes).toBeLessThanOrEqual(VISIBLE_LANES + 20);
    expect(
      widget.node
        .querySelector('.jp-AsyncioLab-Timeline-spacer')!
        .getAttribute('style')
    ).toContain('height: 220000px');
  });

  it('renders 100,000 lanes within a bound and stays responsive', async () => {
    // What `%%timeline --max-tasks 100000` sends for 100,000 tasks sleeping 1-10 s.
    const n = 100_000;
    const tasks = Array.from({ length: n }, (_, i) =>
      task(i, `work-${i}`, {
        created: 0,
        ended: 1 + (i % 10),
        steps: [
          [0, 0],
          [1 + (i % 10), 1 + (i % 10)]
        ],
        waits: [{ start: 0, end: 1 + (i % 10), line: 3, awaiting: 'sleep()' }]
      })
    );
    let started = performance.now();
    const widget = await render(timeline(tasks, { duration: 10 }));
    // Generous bounds (the machine may be busy): about 1-2 s here; drawing every
    // lane would take minutes. The DOM counts below are the real proof.
    expect(performance.now() - started).toBeLessThan(15_000);
    const bounded = VISIBLE_LANES + 2 * 6 + 1; // visible lanes and overscan
    expect(widget.drawnLanes).toBeLessThanOrEqual(bounded);
    const summary = widget.node.querySelector(
      '.jp-AsyncioLab-Timeline-summary'
    )!.textContent!;
    expect(summary).toContain(`${n} tasks`);
    expect(summary).toContain(`at most ${n} in flight`);
    // Scrolling to the middle draws the lanes there, and only those.
    const viewport = widget.node.querySelector(
      '.jp-AsyncioLab-Timeline-viewport'
    ) as HTMLElement;
    viewport.scrollTop = 50_000 * 22;
    started = performance.now();
    viewport.dispatchEvent(new Event('scroll'));
    expect(performance.now() - started).toBeLessThan(1000);
    const drawn = () =>
      [...widget.node.querySelectorAll('.jp-AsyncioLab-Timeline-lane')].map(
        lane => Number((lane as HTMLElement).dataset.task)
      );
    expect(drawn()).toContain(50_000);
    expect(
      drawn().every(id => id >= 50_000 - 6 && id <= 50_000 + bounded)
    ).toBe(true);
    // The keyboard walks lane by lane, each key press at once.
    const lane = widget.node.querySelector(
      '[data-task="50000"]'
    ) as HTMLElement;
    lane.focus();
    let slowest = 0;
    for (let i = 1; i <= 40; i++) {
      started = performance.now();
      (document.activeElement as HTMLElement).dispatchEvent(
        new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })
      );
      slowest = Math.max(slowest, performance.now() - started);
      expect((document.activeElement as HTMLElement).dataset.task).toBe(
        String(50_000 + i)
      );
    }
    expect(slowest).toBeLessThan(1000);
    // However far it went, the DOM holds a window of lanes, not 100,000.
    expect(widget.node.getElementsByTagName('*').length).toBeLessThan(1500);
    expect(widget.drawnLanes).toBeLessThanOrEqual(bounded + 1);
    expect(
      widget.node.querySelector('.jp-AsyncioLab-Timeline-details')!.textContent
    ).toContain('work-50040: created at');
  });

  it('draws a payload with far too many density buckets', async () => {
    // A hand-made or corrupted payload: 200,000 buckets (the kernel sends 100).
    const widget = await render(
      timeline([task(0, 'cell')], {
        aggregate: {
          buckets: Array.from({ length: 200_000 }, (_, i) => ({
            start: i * 1e-7,
            end: (i + 1) * 1e-7,
            running: i % 3,
            waiting: 1
          }))
        }
      })
    );
    const bars = widget.node.querySelectorAll(
      '.jp-AsyncioLab-Timeline-densityBar'
    );
    expect(bars).toHaveLength(1000);
    expect((bars[2] as HTMLElement).style.height).toBe('100%');
    expect(widget.drawnLanes).toBe(1);
  });

  it('shows an aggregate density strip and the omitted count', async () => {
    const widget = await render(
      timeline([task(0, 'cell')], {
        omitted: { tasks: 99_999, steps: 0 },
        aggregate: {
          buckets: Array.from({ length: 100 }, (_, i) => ({
            start: i * 0.0006,
            end: (i + 1) * 0.0006,
            running: i % 7,
            waiting: 50
          }))
        }
      })
    );
    expect(
      widget.node.querySelectorAll('.jp-AsyncioLab-Timeline-densityBar')
    ).toHaveLength(100);
    expect(widget.node.textContent).toContain('99999 more tasks not listed');
  });

  it('never turns task names or results into markup', async () => {
    const tasks = HOSTILE.map((name, i) =>
      task(i, name, {
        result: name,
        exception: name,
        waits: [{ start: 0, end: 0.01, line: 1, awaiting: name }]
      })
    );
    const widget = await render(timeline(tasks));
    expectNoMarkup(widget.node);
    expect(widget.node.textContent).toContain('<script>');
  });

  it('reads malformed payloads without breaking', async () => {
    for (const bad of [null, 42, 'x', { tasks: 'no' }, { tasks: [null] }]) {
      const widget = await render(bad);
      expect(widget.node.textContent).toBe('This timeline could not be read.');
    }
    const odd = readTimeline({
      tasks: [{ steps: [[1], 'x', [0, 1]], state: 'weird', waits: [null] }]
    })!;
    expect(odd.tasks[0].steps).toEqual([[0, 1]]);
    expect(odd.tasks[0].state).toBe('pending');
    expect(odd.tasks[0].waits).toEqual([]);
  });

  it('counts peak tasks in flight and formats times', () => {
    const t = readTimeline(
      timeline([
        task(0, 'a', { created: 0, ended: 1 }),
        task(1, 'b', { created: 0.5, ended: 2 }),
        task(2, 'c', { created: 1, ended: 3 })
      ])
    )!;
    expect(peakInFlight(t)).toBe(2);
    expect(formatTime(0.0042)).toBe('4.20 ms');
    expect(formatTime(0.25)).toBe('250.0 ms');
    expect(formatTime(3600)).toBe('3600 s');
  });
});
