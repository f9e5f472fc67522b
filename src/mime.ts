/**
 * The MIME types the kernel package (`asyncio_lab`) emits, and the shapes of
 * their payloads. Each literal is defined once here and once in
 * `python/asyncio_lab/mime.py`; tests on both sides assert they agree.
 */

export const CHECK_MIME = 'application/vnd.asyncio-lab.check+json';

export interface ICheckItem {
  name: string;
  passed: boolean;
  message: string;
}

export interface ICheckResult {
  version: number;
  exercise: string;
  title: string;
  passed: boolean;
  checks: ICheckItem[];
  /** Set when the learner's cell raised, or the check could not run. */
  error: string | null;
}

/**
 * Read a check payload defensively: the data comes from a kernel (or from a
 * saved notebook someone edited), so every field is checked and anything
 * malformed yields null instead of a broken view.
 */
export function readCheckResult(data: unknown): ICheckResult | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return null;
  }
  const d = data as Record<string, unknown>;
  if (
    typeof d.exercise !== 'string' ||
    typeof d.passed !== 'boolean' ||
    !Array.isArray(d.checks)
  ) {
    return null;
  }
  const checks: ICheckItem[] = [];
  for (const item of d.checks) {
    if (typeof item !== 'object' || item === null) {
      return null;
    }
    const c = item as Record<string, unknown>;
    if (typeof c.passed !== 'boolean') {
      return null;
    }
    checks.push({
      name: typeof c.name === 'string' ? c.name : '',
      passed: c.passed,
      message: typeof c.message === 'string' ? c.message : ''
    });
  }
  return {
    version: typeof d.version === 'number' ? d.version : 1,
    exercise: d.exercise,
    title: typeof d.title === 'string' ? d.title : d.exercise,
    passed: d.passed,
    checks,
    error: typeof d.error === 'string' ? d.error : null
  };
}

export const TIMELINE_MIME = 'application/vnd.asyncio-lab.timeline+json';
export const CALLGRAPH_MIME = 'application/vnd.asyncio-lab.callgraph+json';
export const COACH_MIME = 'application/vnd.asyncio-lab.coach+json';

export type TaskState = 'done' | 'error' | 'cancelled' | 'pending';

export interface ITimelineWait {
  start: number;
  end: number | null;
  line: number | null;
  awaiting: string;
}

export interface ITimelineTask {
  id: number;
  name: string;
  parent: number | null;
  created: number;
  ended: number | null;
  state: TaskState;
  result: string | null;
  exception: string | null;
  steps: [number, number][];
  waits: ITimelineWait[];
}

export interface ITimelineBucket {
  start: number;
  end: number;
  running: number;
  waiting: number;
}

export interface ITimeline {
  version: number;
  clock: 'real' | 'virtual';
  duration: number;
  tasks: ITimelineTask[];
  omitted: { tasks: number; steps: number };
  aggregate: { buckets: ITimelineBucket[] } | null;
}

const num = (v: unknown, fallback = 0): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;
const numOrNull = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;
const str = (v: unknown, fallback = ''): string =>
  typeof v === 'string' ? v : fallback;
const strOrNull = (v: unknown): string | null =>
  typeof v === 'string' ? v : null;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const STATES: TaskState[] = ['done', 'error', 'cancelled', 'pending'];

/**
 * Read a timeline payload defensively (null when it is not one).
 */
export function readTimeline(data: unknown): ITimeline | null {
  if (!isRecord(data) || !Array.isArray(data.tasks)) {
    return null;
  }
  const tasks: ITimelineTask[] = [];
  for (const t of data.tasks) {
    if (!isRecord(t)) {
      return null;
    }
    tasks.push({
      id: num(t.id, tasks.length),
      name: str(t.name, `task ${tasks.length}`),
      parent: numOrNull(t.parent),
      created: num(t.created),
      ended: numOrNull(t.ended),
      state: STATES.includes(t.state as TaskState)
        ? (t.state as TaskState)
        : 'pending',
      result: strOrNull(t.result),
      exception: strOrNull(t.exception),
      steps: Array.isArray(t.steps)
        ? t.steps
            .filter(
              (s): s is [number, number] =>
                Array.isArray(s) &&
                s.length === 2 &&
                typeof s[0] === 'number' &&
                typeof s[1] === 'number'
            )
            .map(s => [s[0], s[1]] as [number, number])
        : [],
      waits: Array.isArray(t.waits)
        ? t.waits.filter(isRecord).map(w => ({
            start: num(w.start),
            end: numOrNull(w.end),
            line: numOrNull(w.line),
            awaiting: str(w.awaiting)
          }))
        : []
    });
  }
  const omitted = isRecord(data.omitted) ? data.omitted : {};
  const aggregate =
    isRecord(data.aggregate) && Array.isArray(data.aggregate.buckets)
      ? {
          buckets: data.aggregate.buckets.filter(isRecord).map(b => ({
            start: num(b.start),
            end: num(b.end),
            running: num(b.running),
            waiting: num(b.waiting)
          }))
        }
      : null;
  const duration = tasks.reduce(
    (max, t) => Math.max(max, t.ended ?? t.created),
    num(data.duration)
  );
  return {
    version: num(data.version, 1),
    clock: data.clock === 'virtual' ? 'virtual' : 'real',
    duration,
    tasks,
    omitted: { tasks: num(omitted.tasks), steps: num(omitted.steps) },
    aggregate
  };
}

export interface ICallGraphFrame {
  name: string;
  line: number | null;
  file: string | null;
}

export interface ICallGraphNode {
  task: string | null;
  id: number | null;
  frames: ICallGraphFrame[];
  awaiting: string | null;
  children: ICallGraphNode[];
}

export interface ICallGraph {
  version: number;
  source: string;
  note: string | null;
  snapshots: { at: number; label: string; roots: ICallGraphNode[] }[];
}

/** Deepest tree the renderer reads; deeper parts are cut and counted. */
export const MAX_CALLGRAPH_DEPTH = 64;

function readNode(n: unknown, depth: number): ICallGraphNode | null {
  if (!isRecord(n) || depth > MAX_CALLGRAPH_DEPTH) {
    return null;
  }
  return {
    task: strOrNull(n.task),
    id: numOrNull(n.id),
    frames: Array.isArray(n.frames)
      ? n.frames.filter(isRecord).map(f => ({
          name: str(f.name, '?'),
          line: numOrNull(f.line),
          file: strOrNull(f.file)
        }))
      : [],
    awaiting: strOrNull(n.awaiting),
    children: Array.isArray(n.children)
      ? n.children
          .map(c => readNode(c, depth + 1))
          .filter((c): c is ICallGraphNode => c !== null)
      : []
  };
}

export function readCallGraph(data: unknown): ICallGraph | null {
  if (!isRecord(data) || !Array.isArray(data.snapshots)) {
    return null;
  }
  return {
    version: num(data.version, 1),
    source: str(data.source, 'unknown'),
    note: strOrNull(data.note),
    snapshots: data.snapshots.filter(isRecord).map(s => ({
      at: num(s.at),
      label: str(s.label),
      roots: Array.isArray(s.roots)
        ? s.roots
            .map(r => readNode(r, 0))
            .filter((r): r is ICallGraphNode => r !== null)
        : []
    }))
  };
}

export interface ICoachFinding {
  kind: string;
  severity: 'info' | 'warning';
  line: number | null;
  title: string;
  message: string;
}

export function readCoach(data: unknown): ICoachFinding[] | null {
  if (!isRecord(data) || !Array.isArray(data.findings)) {
    return null;
  }
  return data.findings.filter(isRecord).map(f => ({
    kind: str(f.kind, 'note'),
    severity: f.severity === 'warning' ? 'warning' : 'info',
    line: numOrNull(f.line),
    title: str(f.title),
    message: str(f.message)
  }));
}
