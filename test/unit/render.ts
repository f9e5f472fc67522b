import { MimeModel } from '@jupyterlab/rendermime';
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';

/**
 * Render `data` under `mimeType` with a factory, attached to the document,
 * the way an output area does.
 */
export async function renderWith<T extends Widget & IRenderMime.IRenderer>(
  factory: IRenderMime.IRendererFactory,
  mimeType: string,
  data: unknown
): Promise<T> {
  const widget = factory.createRenderer({
    mimeType,
    sanitizer: { sanitize: (s: string) => s },
    resolver: null,
    linkHandler: null,
    latexTypesetter: null
  } as any) as T;
  const model = new MimeModel({ data: { [mimeType]: data as any } });
  Widget.attach(widget, document.body);
  await widget.renderModel(model);
  return widget;
}

/** Strings that would run script if a renderer ever used innerHTML. */
export const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '<svg onload="window.__pwned=3"></svg>',
  'javascript:window.__pwned=4',
  '"><iframe src="javascript:window.__pwned=5">',
  '\u202e\u0000{{constructor.constructor("window.__pwned=6")()}}'
];

export function expectNoMarkup(node: HTMLElement): void {
  for (const tag of ['img', 'script', 'svg', 'iframe', 'a']) {
    expect(node.querySelector(tag)).toBeNull();
  }
  expect((window as any).__pwned).toBeUndefined();
}
