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
    kind: CourseRenderer.IKind<T>
  ) {
    super();
    this.mimeType = options.mimeType;
    this.trans = translator.load(DOMAIN);
    this.className = kind.className;
    this._kind = kind;
    this.addClass(kind.className);
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const value = this._kind.read(model.data[this.mimeType]);
    this.node.textContent = '';
    if (value === null) {
      this.showUnreadable(this._kind.unreadable(this.trans));
    } else {
      this.renderValue(value);
    }
    return Promise.resolve();
  }

  /** Fill the (emptied) node with what was read. */
  protected abstract renderValue(value: T): void;

  /** Say the payload could not be read (the node is empty). */
  protected showUnreadable(message: string): void {
    this.node.appendChild(el('p', message, `${this.className}-invalid`));
  }

  protected readonly mimeType: string;
  protected readonly trans: Trans;
  /** The renderer's CSS class, the prefix of its parts' classes. */
  protected readonly className: string;
  private _kind: CourseRenderer.IKind<T>;
}

export namespace CourseRenderer {
  /** What tells one course renderer from another. */
  export interface IKind<T> {
    /** The renderer's CSS class. */
    className: string;
    /** Reads the payload defensively; null when it is not one. */
    read: (data: unknown) => T | null;
    /** "This … could not be read.", translated. */
    unreadable: (trans: Trans) => string;
  }
}

/** A renderer factory for one of the course's MIME types. */
export function courseRendererFactory(
  mimeType: string,
  Renderer: new (
    options: IRenderMime.IRendererOptions,
    translator?: ITranslator
  ) => IRenderMime.IRenderer,
  translator?: ITranslator
): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [mimeType],
    defaultRank: 40,
    createRenderer: options => new Renderer(options, translator)
  };
}
