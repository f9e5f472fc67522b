import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { nullTranslator, ITranslator } from '@jupyterlab/translation';
import { el } from '../ui/dom';
import { CourseRenderer, courseRendererFactory } from './base';
import { CHECK_MIME, ICheckResult, readCheckResult } from '../mime';

const CLASS = 'jp-AsyncioLab-Check';

/**
 * Renders the result of `%%check`: a headline (passed or not) and one row per
 * check with its message. Every string from the kernel is inserted as text,
 * never as HTML.
 */
export class RenderedCheck extends CourseRenderer<ICheckResult> {
  constructor(
    options: IRenderMime.IRendererOptions,
    translator: ITranslator = nullTranslator
  ) {
    super(options, translator, {
      className: CLASS,
      read: readCheckResult,
      unreadable: trans => trans.__('This check result could not be read.')
    });
  }

  /** An unreadable result is marked on the node and said in the headline. */
  protected showUnreadable(message: string): void {
    this.node.classList.add('jp-mod-invalid');
    this.node.appendChild(el('p', message, `${CLASS}-headline`));
  }

  protected renderValue(result: ICheckResult): void {
    this.node.classList.remove('jp-mod-invalid');
    this.node.classList.toggle('jp-mod-passed', result.passed);
    this.node.classList.toggle('jp-mod-failed', !result.passed);
    this.node.setAttribute('role', 'status');
    this.node.dataset.exercise = result.exercise;
    this.node.appendChild(this._headline(result));
    if (result.error) {
      this.node.appendChild(el('p', result.error, `${CLASS}-error`));
    }
    const list = document.createElement('ul');
    list.className = `${CLASS}-list`;
    for (const check of result.checks) {
      const item = document.createElement('li');
      item.className = `${CLASS}-item ${check.passed ? 'jp-mod-passed' : 'jp-mod-failed'}`;
      const mark = el('span', check.passed ? '✓' : '✗', `${CLASS}-mark`);
      mark.setAttribute('aria-hidden', 'true');
      item.appendChild(mark);
      const label = check.passed
        ? this.trans.__('Passed:')
        : this.trans.__('Not yet:');
      item.appendChild(el('span', label, 'jp-AsyncioLab-srOnly'));
      item.appendChild(el('span', check.name, `${CLASS}-name`));
      if (check.message) {
        item.appendChild(el('span', check.message, `${CLASS}-message`));
      }
      list.appendChild(item);
    }
    this.node.appendChild(list);
  }

  private _headline(result: ICheckResult): HTMLElement {
    const passed = result.checks.filter(c => c.passed).length;
    const text = result.passed
      ? this.trans.__(
          'Passed: %1 (%2 of %3 checks)',
          result.title,
          passed,
          result.checks.length
        )
      : this.trans.__(
          'Not yet: %1 (%2 of %3 checks)',
          result.title,
          passed,
          result.checks.length
        );
    return el('p', text, `${CLASS}-headline`);
  }
}

/**
 * A renderer factory for the check MIME type.
 */
export function createCheckRendererFactory(
  translator?: ITranslator
): IRenderMime.IRendererFactory {
  return courseRendererFactory(CHECK_MIME, RenderedCheck, translator);
}
