import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { el } from '../ui/dom';
import { DOMAIN, Trans } from '../ui/translation';

/**
 * Base of the course's MIME renderers: the MIME type it renders, the course
 * translator and its CSS class. `renderModel` reads the payload with the
 * subclass's defensive reader, then shows either what it read or, when it is
 * not one, a sentence saying it could not be read. Subclasses put every
 * kernel string on the page as text.
 */
export abstract class CourseRenderer<T>
  extends Widget
  implements IRenderMime.IRenderer
{
  constructor(
    options: IRenderMime.IRendererOptions,
    translator: ITranslator = nullTranslator,
    className: string
  ) {
    super();
    this.mimeType = options.mimeType;
    this.trans = translator.load(DOMAIN);
    this.className = className;
    this.addClass(className);
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const value = this.read(model.data[this.mimeType]);
    this.node.textContent = '';
    if (value === null) {
      this.showUnreadable(this.unreadableMessage());
    } else {
      this.renderValue(value);
    }
    return Promise.resolve();
  }

  /** The payload, read defensively; null when it is not one. */
  protected abstract read(data: unknown): T | null;

  /** Fill the (emptied) node with what was read. */
  protected abstract renderValue(value: T): void;

  /** The translated "This … could not be read." of this renderer. */
  protected abstract unreadableMessage(): string;

  /** Say the payload could not be read (the node is empty). */
  protected showUnreadable(message: string): void {
    this.node.appendChild(el('p', message, `${this.className}-invalid`));
  }

  protected readonly mimeType: string;
  protected readonly trans: Trans;
  /** The renderer's CSS class, the prefix of its parts' classes. */
  protected readonly className: string;
}

/** A renderer factory for one of the course's MIME types. */
export function courseRendererFactory(
  mimeType: string,
  create: (options: IRenderMime.IRendererOptions) => IRenderMime.IRenderer
): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [mimeType],
    defaultRank: 40,
    createRenderer: create
  };
}
