import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import { el } from '../ui/dom';
import { CourseRenderer, courseRendererFactory } from './base';
import { ITimeline, ITimelineTask, TIMELINE_MIME, readTimeline } from '../mime';

const CLASS = 'jp-AsyncioLab-Timeline';

/** Height of one lane in pixels (lanes are virtualised: only visible ones exist). */
export const LANE_HEIGHT = 22;
/** How many lanes are visible before the lane area scrolls. */
export const VISIBLE_LANES = 16;
/** Lanes drawn above and below the visible window. */
const OVERSCAN = 6;
/** Most segments drawn in one lane; a busier lane is drawn merged. */
const MAX_SEGMENTS = 400;

/**
 * Renders a `%%timeline` recording as swimlanes, one lane per task: running
 * steps solid, waits hatched, a time axis on top. Lanes are virtualised so
 * ten thousand tasks stay responsive; hovering or focusing a lane shows its
 * details. Everything from the kernel is inserted as text.
 */
export class RenderedTimeline extends CourseRenderer<ITimeline> {
  constructor(
    options: IRenderMime.IRendererOptions,
    translator: ITranslator = nullTranslator
  ) {
    super(options, translator, {
      className: CLASS,
      read: readTimeline,
      unreadable: trans => trans.__('This timeline could not be read.')
    });
  }

  protected showUnreadable(message: string): void {
    this._timeline = null;
    super.showUnreadable(message);
  }

  protected renderValue(timeline: ITimeline): void {
    this._timeline = timeline;
    const trans = this.trans;
    this.node.setAttribute('role', 'figure');
    this.node.setAttribute(
      'aria-label',
      trans.__(
        'Task timeline: %1 tasks over %2',
        timeline.tasks.length,
        formatTime(timeline.duration)
      )
    );
    this.node.appendChild(this._summary(timeline));
    if (timeline.aggregate && timeline.aggregate.buckets.length) {
      this.node.appendChild(this._density(timeline));
    }
    this.node.appendChild(this._axis(timeline));

    const viewport = document.createElement('div');
    viewport.className = `${CLASS}-viewport`;
    viewport.style.maxHeight = `${VISIBLE_LANES * LANE_HEIGHT}px`;
    viewport.setAttribute('role', 'list');
    viewport.setAttribute('aria-label', trans.__('Tasks'));
    const spacer = document.createElement('div');
    spacer.className = `${CLASS}-spacer`;
    spacer.style.height = `${timeline.tasks.length * LANE_HEIGHT}px`;
    viewport.appendChild(spacer);
    viewport.addEventListener('scroll', () => this._drawLanes());
    this._viewport = viewport;
    this._spacer = spacer;
    this.node.appendChild(viewport);

    this._details = el(
      'p',
      trans.__('Hover over or focus a lane for details.'),
      `${CLASS}-details`
    );
    this._details.setAttribute('aria-live', 'polite');
    this.node.appendChild(this._details);
    this._drawn = new Map();
    this._drawLanes();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._drawLanes();
  }

  /** The lane elements currently in the DOM (for tests and focus handling). */
  get drawnLanes(): number {
    return this._drawn.size;
  }

  private _summary(t: ITimeline): HTMLElement {
    const trans = this.trans;
    const counts = { done: 0, error: 0, cancelled: 0, pending: 0 };
    for (const task of t.tasks) {
      counts[task.state]++;
    }
    const parts = [
      trans._n('%1 task', '%1 tasks', t.tasks.length + t.omitted.tasks),
      trans.__(
        '%1 %2',
        formatTime(t.duration),
        t.clock === 'virtual' ? trans.__('(virtual time)') : ''
      ),
      trans.__('at most %1 in flight', peakInFlight(t))
    ];
    if (counts.error) {
      parts.push(trans._n('%1 failed', '%1 failed', counts.error));
    }
    if (counts.cancelled) {
      parts.push(trans._n('%1 cancelled', '%1 cancelled', counts.cancelled));
    }
    if (counts.pending) {
      parts.push(
        trans._n('%1 still pending', '%1 still pending', counts.pending)
      );
    }
    if (t.omitted.tasks) {
      parts.push(
        trans.__(
          '%1 more tasks not listed (see the density strip)',
          t.omitted.tasks
        )
      );
    }
    const summary = el(
      'p',
      parts.join(' · ').replace(/\s+·/g, ' ·'),
      `${CLASS}-summary`
    );
    const legend = document.createElement('span');
    legend.className = `${CLASS}-legend`;
    legend.appendChild(
      el('span', trans.__('running'), `${CLASS}-key jp-mod-running`)
    );
    legend.appendChild(
      el('span', trans.__('waiting'), `${CLASS}-key jp-mod-waiting`)
    );
    summary.appendChild(legend);
    return summary;
  }

  private _density(t: ITimeline): HTMLElement {
    const strip = document.createElement('div');
    strip.className = `${CLASS}-density`;
    strip.setAttribute('aria-hidden', 'true');
    // The kernel sends 100 buckets; a payload with more is drawn in part.
    // (No Math.max(...all): 200,000 arguments overflow the call stack.)
    const buckets = t.aggregate!.buckets.slice(0, 1000);
    const peak = buckets.reduce(
      (max, b) => Math.max(max, b.running + b.waiting),
      1
    );
    for (const b of buckets) {
      const bar = document.createElement('span');
      bar.className = `${CLASS}-densityBar`;
      bar.style.left = `${pct(b.start, t.duration)}%`;
      bar.style.width = `${Math.max(0.2, pct(b.end - b.start, t.duration))}%`;
      bar.style.height = `${(100 * (b.running + b.waiting)) / peak}%`;
      strip.appendChild(bar);
    }
    return strip;
  }

  private _axis(t: ITimeline): HTMLElement {
    const axis = document.createElement('div');
    axis.className = `${CLASS}-axis`;
    axis.setAttribute('aria-hidden', 'true');
    const ticks = 5;
    for (let i = 0; i <= ticks; i++) {
      const tick = el(
        'span',
        formatTime((t.duration * i) / ticks),
        `${CLASS}-tick`
      );
      tick.style.left = `${(100 * i) / ticks}%`;
      axis.appendChild(tick);
    }
    return axis;
  }

  private _drawLanes(): void {
    const t = this._timeline;
    const viewport = this._viewport;
    if (!t || !viewport || !this._spacer) {
      return;
    }
    const height = viewport.clientHeight || VISIBLE_LANES * LANE_HEIGHT;
    const first = Math.max(
      0,
      Math.floor(viewport.scrollTop / LANE_HEIGHT) - OVERSCAN
    );
    const last = Math.min(
      t.tasks.length,
      Math.ceil((viewport.scrollTop + height) / LANE_HEIGHT) + OVERSCAN
    );
    for (const [index, lane] of this._drawn) {
      if (index < first || index >= last) {
        if (!lane.contains(document.activeElement)) {
          lane.remove();
          this._drawn.delete(index);
        }
      }
    }
    for (let i = first; i < last; i++) {
      if (!this._drawn.has(i)) {
        const lane = this._lane(t, t.tasks[i], i);
        this._spacer.appendChild(lane);
        this._drawn.set(i, lane);
      }
    }
  }

  private _lane(t: ITimeline, task: ITimelineTask, index: number): HTMLElement {
    const lane = document.createElement('div');
    lane.className = `${CLASS}-lane jp-mod-${task.state}`;
    lane.style.top = `${index * LANE_HEIGHT}px`;
    lane.style.height = `${LANE_HEIGHT}px`;
    lane.tabIndex = 0;
    lane.setAttribute('role', 'listitem');
    lane.dataset.task = String(task.id);
    const description = this._describe(task);
    lane.setAttribute('aria-label', description);
    lane.title = description;

    lane.appendChild(el('span', task.name, `${CLASS}-name`));
    const track = document.createElement('span');
    track.className = `${CLASS}-track`;
    const life = document.createElement('span');
    life.className = `${CLASS}-life`;
    life.style.left = `${pct(task.created, t.duration)}%`;
    life.style.width = `${pct((task.ended ?? t.duration) - task.created, t.duration)}%`;
    track.appendChild(life);
    for (const [start, end] of merge(
      task.waits.map(w => [w.start, w.end ?? t.duration] as [number, number]),
      t.duration
    )) {
      track.appendChild(segment(`${CLASS}-wait`, start, end, t.duration));
    }
    for (const [start, end] of merge(task.steps, t.duration)) {
      track.appendChild(segment(`${CLASS}-step`, start, end, t.duration));
    }
    lane.appendChild(track);
    const show = () => {
      if (this._details) {
        this._details.textContent = description;
      }
    };
    lane.addEventListener('mouseenter', show);
    lane.addEventListener('focus', show);
    lane.addEventListener('keydown', event => {
      const next =
        event.key === 'ArrowDown'
          ? index + 1
          : event.key === 'ArrowUp'
            ? index - 1
            : -1;
      if (next >= 0 && next < t.tasks.length && this._viewport) {
        event.preventDefault();
        const top = next * LANE_HEIGHT;
        const vp = this._viewport;
        if (top < vp.scrollTop) {
          vp.scrollTop = top;
        } else if (top + LANE_HEIGHT > vp.scrollTop + vp.clientHeight) {
          vp.scrollTop = top + LANE_HEIGHT - vp.clientHeight;
        }
        this._drawLanes();
        this._drawn.get(next)?.focus();
      }
    });
    return lane;
  }

  private _describe(task: ITimelineTask): string {
    const trans = this.trans;
    const parent = this._timeline?.tasks.find(p => p.id === task.parent);
    const parts = [
      trans.__('%1: created at %2', task.name, formatTime(task.created)) +
        (parent ? trans.__(' by %1', parent.name) : ''),
      trans._n('ran %1 step', 'ran %1 steps', task.steps.length),
      trans._n('waited %1 time', 'waited %1 times', task.waits.length)
    ];
    const last = task.waits[task.waits.length - 1];
    if (last) {
      parts.push(
        trans.__('last wait: %1', last.awaiting) +
          (last.line !== null ? trans.__(' (line %1)', last.line) : '')
      );
    }
    switch (task.state) {
      case 'done':
        parts.push(
          trans.__(
            'returned %1 at %2',
            task.result ?? 'None',
            formatTime(task.ended ?? 0)
          )
        );
        break;
      case 'error':
        parts.push(trans.__('raised %1', task.exception ?? '?'));
        break;
      case 'cancelled':
        parts.push(trans.__('was cancelled'));
        break;
      default:
        parts.push(trans.__('was still pending when the cell ended'));
    }
    return parts.join('; ');
  }

  private _details: HTMLElement | null = null;
  private _drawn = new Map<number, HTMLElement>();
  private _spacer: HTMLElement | null = null;
  private _timeline: ITimeline | null = null;
  private _viewport: HTMLElement | null = null;
}

export function createTimelineRendererFactory(
  translator?: ITranslator
): IRenderMime.IRendererFactory {
  return courseRendererFactory(TIMELINE_MIME, RenderedTimeline, translator);
}

/** Most tasks alive at once (created and not yet ended). */
export function peakInFlight(t: ITimeline): number {
  const events: [number, number][] = [];
  for (const task of t.tasks) {
    events.push([task.created, 1], [task.ended ?? Infinity, -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of events) {
    current += delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

/** Seconds as a short readable duration. */
export function formatTime(seconds: number): string {
  if (seconds >= 100) {
    return `${seconds.toFixed(0)} s`;
  }
  if (seconds >= 1) {
    return `${seconds.toFixed(2)} s`;
  }
  return `${(seconds * 1000).toFixed(seconds < 0.01 ? 2 : 1)} ms`;
}

/** Merge segments closer than a pixel-ish so a lane never holds thousands. */
function merge(
  segments: [number, number][],
  duration: number
): [number, number][] {
  if (segments.length <= MAX_SEGMENTS) {
    return segments;
  }
  const gap = duration / 1000;
  const sorted = [...segments].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const prev = out[out.length - 1];
    if (prev && s - prev[1] <= gap) {
      prev[1] = Math.max(prev[1], e);
    } else {
      out.push([s, e]);
    }
  }
  return out;
}

function pct(value: number, total: number): number {
  if (!(total > 0)) {
    return 0;
  }
  return Math.min(100, Math.max(0, (100 * value) / total));
}

function segment(
  className: string,
  start: number,
  end: number,
  duration: number
): HTMLElement {
  const node = document.createElement('span');
  node.className = className;
  node.style.left = `${pct(start, duration)}%`;
  node.style.width = `${Math.max(0.15, pct(end - start, duration))}%`;
  return node;
}
