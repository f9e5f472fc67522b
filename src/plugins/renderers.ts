import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { createCallGraphRendererFactory } from '../renderers/callgraph';
import { createCheckRendererFactory } from '../renderers/check';
import { createCoachRendererFactory } from '../renderers/coach';
import { createTimelineRendererFactory } from '../renderers/timeline';
import { IAsyncioLab } from '../tokens';

/**
 * The renderers of the course's MIME types (check results, timelines, call
 * graphs, coach notes), theme-aware and text-only.
 */
const plugin: JupyterFrontEndPlugin<void> = {
  id: 'asyncio-lab:renderers',
  description:
    'Renders asyncio-lab check results, task timelines, call graphs and coach notes.',
  autoStart: true,
  requires: [IRenderMimeRegistry],
  optional: [IAsyncioLab, ITranslator],
  activate: activateRenderers
};

export default plugin;

function activateRenderers(
  app: JupyterFrontEnd,
  rendermime: IRenderMimeRegistry,
  lab: IAsyncioLab | null,
  translator: ITranslator | null
): void {
  const t = lab?.translator ?? translator ?? nullTranslator;
  for (const factory of [
    createCheckRendererFactory(t),
    createTimelineRendererFactory(t),
    createCallGraphRendererFactory(t),
    createCoachRendererFactory(t)
  ]) {
    rendermime.addFactory(factory);
  }
}
