import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

export type Trans = ReturnType<ITranslator['load']>;

/**
 * Base of the course's MIME renderers: the MIME type it renders, the course
 * translator and its CSS class. Subclasses put every kernel string on the
 * page as text.
 */
export abstract class CourseRenderer
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
    this.trans = translator.load('asyncio_lab');
    this.addClass(className);
  }

  abstract renderModel(model: IRenderMime.IMimeModel): Promise<void>;

  protected readonly mimeType: string;
  protected readonly trans: Trans;
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
