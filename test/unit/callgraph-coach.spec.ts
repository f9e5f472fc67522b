import * as fs from 'fs';
import * as path from 'path';
import {
  RenderedCallGraph,
  createCallGraphRendererFactory
} from '../../src/renderers/callgraph';
import {
  RenderedCoach,
  createCoachRendererFactory
} from '../../src/renderers/coach';
import {
  CALLGRAPH_MIME,
  COACH_MIME,
  MAX_CALLGRAPH_DEPTH
} from '../../src/mime';
import { HOSTILE, expectNoMarkup, renderWith } from './render';

const node = (
  task: string,
  children: unknown[] = [],
  awaiting: string | null = null
) => ({
  task,
  id: 1,
  frames: [{ name: `${task}_coro`, line: 4, file: null }],
  awaiting,
  children
});

describe('MIME types', () => {
  it('agree with the Python package', () => {
    const py = fs.readFileSync(
      path.resolve(__dirname, '..', '..', 'python', 'asyncio_lab', 'mime.py'),
      'utf8'
    );
    expect(CALLGRAPH_MIME).toBe('application/vnd.asyncio-lab.callgraph+json');
    expect(COACH_MIME).toBe('application/vnd.asyncio-lab.coach+json');
    expect(py).toContain(`"${CALLGRAPH_MIME}"`);
    expect(py).toContain(`"${COACH_MIME}"`);
  });
});

describe('call graph renderer', () => {
  afterEach(() => {
    document.body.textContent = '';
  });

  it('draws who awaits whom', async () => {
    const widget = await renderWith<RenderedCallGraph>(
      createCallGraphRendererFactory(),
      CALLGRAPH_MIME,
      {
        version: 1,
        source: 'capture_call_graph',
        note: null,
        snapshots: [
          {
            at: 0.01,
            label: 'after start',
            roots: [node('main', [node('worker-1', [], 'sleep')])]
          }
        ]
      }
    );
    expect(widget.node.querySelectorAll('[role="treeitem"]')).toHaveLength(2);
    expect(widget.node.textContent).toContain('worker-1');
    expect(widget.node.textContent).toContain('awaits sleep');
    expect(widget.node.textContent).toContain('main_coro, line 4');
    expect(widget.node.textContent).toContain('capture_call_graph');
  });

  it('survives hostile text, deep nesting and huge trees', async () => {
    let deep: any = node(HOSTILE[0]);
    for (let i = 0; i < 500; i++) {
      deep = node(HOSTILE[i % HOSTILE.length], [deep], HOSTILE[1]);
    }
    const wide = node(
      'wide',
      Array.from({ length: 5000 }, (_, i) => node(`c${i}`))
    );
    const widget = await renderWith<RenderedCallGraph>(
      createCallGraphRendererFactory(),
      CALLGRAPH_MIME,
      {
        version: 1,
        source: 'introspection',
        note: HOSTILE[2],
        snapshots: [
          { at: 0, label: HOSTILE[3], roots: [deep] },
          { at: 1, label: 'wide', roots: [wide] }
        ]
      }
    );
    expectNoMarkup(widget.node);
    const first = widget.node.querySelectorAll('section')[0];
    expect(
      first.querySelectorAll('[role="treeitem"]').length
    ).toBeLessThanOrEqual(MAX_CALLGRAPH_DEPTH + 1);
    expect(widget.node.textContent).toContain('more entries not shown');
  });

  it('says so when the payload is malformed', async () => {
    const widget = await renderWith<RenderedCallGraph>(
      createCallGraphRendererFactory(),
      CALLGRAPH_MIME,
      {
        snapshots: 'x'
      }
    );
    expect(widget.node.textContent).toBe('This call graph could not be read.');
  });
});

describe('coach renderer', () => {
  afterEach(() => {
    document.body.textContent = '';
  });

  it('shows each finding with the learner line', async () => {
    const widget = await renderWith<RenderedCoach>(
      createCoachRendererFactory(),
      COACH_MIME,
      {
        version: 1,
        findings: [
          {
            kind: 'never-awaited',
            severity: 'warning',
            line: 3,
            title: 'fetch() was never awaited',
            message: 'Calling a coroutine function only creates a coroutine.'
          }
        ]
      }
    );
    expect(widget.node.getAttribute('role')).toBe('note');
    expect(widget.node.classList.contains('jp-mod-warning')).toBe(true);
    expect(widget.node.textContent).toContain(
      'Line 3: fetch() was never awaited'
    );
  });

  it('never turns findings into markup', async () => {
    const widget = await renderWith<RenderedCoach>(
      createCoachRendererFactory(),
      COACH_MIME,
      {
        findings: HOSTILE.map(h => ({
          kind: h,
          severity: h,
          line: null,
          title: h,
          message: h
        }))
      }
    );
    expectNoMarkup(widget.node);
    expect(widget.node.querySelectorAll('li')).toHaveLength(HOSTILE.length);
  });
});
