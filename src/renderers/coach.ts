import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { el } from '../ui/dom';
import { CourseRenderer, courseRendererFactory } from './base';
import { COACH_MIME, ICoachFinding, readCoach } from '../mime';

const CLASS = 'jp-AsyncioLab-Coach';

/**
 * Renders the coach's findings for a cell as a callout: each with a title,
 * the learner's line and a plain-words explanation.
 */
export class RenderedCoach extends CourseRenderer<ICoachFinding[]> {
  constructor(
    options: IRenderMime.IRendererOptions,
    translator: ITranslator = nullTranslator
  ) {
    super(options, translator, {
      className: CLASS,
      read: readCoach,
      unreadable: trans => trans.__('This coach note could not be read.')
    });
  }

  protected renderValue(findings: ICoachFinding[]): void {
    const trans = this.trans;
    this.node.setAttribute('role', 'note');
    this.node.setAttribute('aria-label', trans.__('asyncio coach'));
    this.node.classList.toggle(
      'jp-mod-warning',
      findings.some(f => f.severity === 'warning')
    );
    this.node.appendChild(
      el('p', trans.__('asyncio coach'), `${CLASS}-heading`)
    );
    const list = document.createElement('ul');
    list.className = `${CLASS}-list`;
    for (const finding of findings.slice(0, 50)) {
      const item = document.createElement('li');
      item.className = `${CLASS}-finding jp-mod-${finding.severity}`;
      item.dataset.kind = finding.kind;
      const title =
        finding.line !== null
          ? trans.__('Line %1: %2', finding.line, finding.title)
          : finding.title;
      item.appendChild(el('strong', title, `${CLASS}-title`));
      item.appendChild(el('span', finding.message, `${CLASS}-message`));
      list.appendChild(item);
    }
    this.node.appendChild(list);
  }
}

export function createCoachRendererFactory(
  translator?: ITranslator
): IRenderMime.IRendererFactory {
  return courseRendererFactory(COACH_MIME, RenderedCoach, translator);
}
