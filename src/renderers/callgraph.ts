import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { el } from '../ui/dom';
import { CourseRenderer, courseRendererFactory } from './base';
import {
  CALLGRAPH_MIME,
  ICallGraph,
  ICallGraphNode,
  readCallGraph
} from '../mime';

const CLASS = 'jp-AsyncioLab-CallGraph';
/** Most nodes drawn per snapshot; the rest are counted. */
const MAX_NODES = 2000;

/**
 * Renders `%%callgraph` snapshots: for each moment, a tree of tasks, each
 * with the coroutine frames it is suspended in and what it awaits. Uses
 * native `<details>` for folding, so it works by keyboard.
 */
export class RenderedCallGraph extends CourseRenderer<ICallGraph> {
  constructor(
    options: IRenderMime.IRendererOptions,
    translator: ITranslator = nullTranslator
  ) {
    super(options, translator, {
      className: CLASS,
      read: readCallGraph,
      unreadable: trans => trans.__('This call graph could not be read.')
    });
  }

  protected renderValue(graph: ICallGraph): void {
    const trans = this.trans;
    this.node.setAttribute('role', 'figure');
    this.node.setAttribute(
      'aria-label',
      trans.__('Call graph: who awaits whom')
    );
    const source =
      graph.source === 'capture_call_graph'
        ? trans.__('from asyncio.capture_call_graph (Python 3.14+)')
        : trans.__('rebuilt from task introspection');
    this.node.appendChild(
      el('p', trans.__('Who awaits whom, %1.', source), `${CLASS}-source`)
    );
    if (graph.note) {
      this.node.appendChild(el('p', graph.note, `${CLASS}-note`));
    }
    if (!graph.snapshots.length) {
      this.node.appendChild(
        el(
          'p',
          trans.__('No task was waiting when the snapshots were taken.'),
          `${CLASS}-note`
        )
      );
    }
    for (const snapshot of graph.snapshots) {
      const section = document.createElement('section');
      section.className = `${CLASS}-snapshot`;
      section.appendChild(
        el(
          'h4',
          snapshot.label || trans.__('At %1 s', snapshot.at.toFixed(3)),
          `${CLASS}-label`
        )
      );
      const budget = { left: MAX_NODES };
      const list = document.createElement('ul');
      list.className = `${CLASS}-tree`;
      list.setAttribute('role', 'tree');
      for (const root of snapshot.roots) {
        list.appendChild(this._node(root, budget));
      }
      section.appendChild(list);
      if (budget.left < 0) {
        section.appendChild(
          el(
            'p',
            trans.__('%1 more entries not shown.', -budget.left),
            `${CLASS}-note`
          )
        );
      }
      this.node.appendChild(section);
    }
  }

  private _node(node: ICallGraphNode, budget: { left: number }): HTMLElement {
    const trans = this.trans;
    budget.left--;
    const item = document.createElement('li');
    item.setAttribute('role', 'treeitem');
    const details = document.createElement('details');
    details.open = true;
    const summary = document.createElement('summary');
    summary.appendChild(
      el('span', node.task ?? trans.__('(not a task)'), `${CLASS}-task`)
    );
    if (node.awaiting) {
      summary.appendChild(
        el('span', trans.__('awaits %1', node.awaiting), `${CLASS}-awaiting`)
      );
    }
    details.appendChild(summary);
    if (node.frames.length) {
      const frames = document.createElement('ol');
      frames.className = `${CLASS}-frames`;
      for (const frame of node.frames) {
        const where =
          frame.line !== null
            ? trans.__('%1, line %2', frame.name, frame.line)
            : frame.name;
        frames.appendChild(el('li', where, `${CLASS}-frame`));
      }
      details.appendChild(frames);
    }
    if (node.children.length) {
      const children = document.createElement('ul');
      children.setAttribute('role', 'group');
      for (const child of node.children) {
        if (budget.left <= 0) {
          budget.left--;
          continue;
        }
        children.appendChild(this._node(child, budget));
      }
      details.appendChild(children);
    }
    item.appendChild(details);
    return item;
  }
}

export function createCallGraphRendererFactory(
  translator?: ITranslator
): IRenderMime.IRendererFactory {
  return courseRendererFactory(CALLGRAPH_MIME, RenderedCallGraph, translator);
}
