import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { el } from './dom';
import { COACH_MIME, readCoach } from './mime';

const CLASS = 'jp-AsyncioLab-Coach';

/**
 * Renders the coach's findings for a cell as a callout: each with a title,
 * the learner's line and a plain-words explanation.
 */
export class RenderedCoach extends Widget implements IRenderMime.IRenderer {
  constructor(
    options: IRenderMime.IRendererOptions,
    translator: ITranslator = nullTranslator
  ) {
    super();
    this._mimeType = options.mimeType;
    this._trans = translator.load('asyncio_lab');
    this.addClass(CLASS);
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const trans = this._trans;
    const findings = readCoach(model.data[this._mimeType]);
    this.node.textContent = '';
    if (!findings) {
      this.node.appendChild(
        el(
          'p',
          trans.__('This coach note could not be read.'),
          `${CLASS}-invalid`
        )
      );
      return Promise.resolve();
    }
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
    return Promise.resolve();
  }

  private _mimeType: string;
  private _trans: ReturnType<ITranslator['load']>;
}

export function createCoachRendererFactory(
  translator?: ITranslator
): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [COACH_MIME],
    defaultRank: 40,
    createRenderer: options => new RenderedCoach(options, translator)
  };
}
