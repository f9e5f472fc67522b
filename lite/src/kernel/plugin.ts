/**
 * Registers the `python` kernelspec of the course site: Pyodide from the
 * site's own copy, IPython and our package from the site's own wheels.
 *
 * Its settings come from the page config, written by the site build:
 * `litePluginSettings["asyncio-lab:lite-kernel"]` = `{ pyodideUrl, wheelUrls,
 * workerUrls }`, each relative to the site's base URL.
 */

import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';
import type { ILogPayload } from '@jupyterlab/logconsole';
import { ILoggerRegistry } from '@jupyterlab/logconsole';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IServiceWorkerManager } from '@jupyterlite/apputils';
import type { IKernel } from '@jupyterlite/services';
import { IKernelSpecs } from '@jupyterlite/services';

import PYODIDE_ICON_SVG from '@jupyterlite/pyodide-kernel-extension/style/img/pyodide.svg';

import { KernelProgressNotice } from './progress';

export const PLUGIN_ID = 'asyncio-lab:lite-kernel';

const ICON_URL = `data:image/svg+xml;base64,${btoa(PYODIDE_ICON_SVG)}`;

interface ISettings {
  pyodideUrl: string;
  wheelUrls: string[];
  workerUrls: { comlink: string; coincident: string };
}

export const kernelPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Registers the offline Pyodide kernel of the asyncio-lab site.',
  autoStart: true,
  requires: [IKernelSpecs],
  optional: [IServiceWorkerManager, ILoggerRegistry, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    kernelSpecs: IKernelSpecs,
    serviceWorkerManager: IServiceWorkerManager | null,
    loggerRegistry: ILoggerRegistry | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('asyncio_lab');
    const settings = Private.settings();
    const { contents: contentsManager, sessions } = app.serviceManager;

    // Send the kernel's log lines to the log console of its notebook.
    const logger = (options: { payload: ILogPayload; kernelId: string }) => {
      if (!loggerRegistry) {
        return;
      }
      const session = Array.from(sessions.running()).find(
        model => model.kernel?.id === options.kernelId
      );
      loggerRegistry.getLogger(session?.path ?? '').log(options.payload);
    };

    kernelSpecs.register({
      spec: {
        name: 'python',
        display_name: 'Python (Pyodide)',
        language: 'python',
        argv: [],
        resources: { 'logo-32x32': ICON_URL, 'logo-64x64': ICON_URL }
      },
      create: async (options: IKernel.IOptions): Promise<IKernel> => {
        const { OfflinePyodideKernel } = await import(
          /* webpackChunkName: "asyncio-lab-kernel" */ './kernel'
        );
        const notice = new KernelProgressNotice(trans);
        const mountDrive = !!(
          serviceWorkerManager?.enabled || crossOriginIsolated
        );
        const kernel = new OfflinePyodideKernel({
          ...options,
          pyodideUrl: settings.pyodideUrl,
          pipliteUrls: [],
          disablePyPIFallback: true,
          mountDrive,
          loadPyodideOptions: {
            lockFileURL: new URL('pyodide-lock.json', settings.pyodideUrl).href,
            packages: []
          },
          contentsManager,
          browsingContextId: serviceWorkerManager?.browsingContextId,
          logger,
          workerUrls: settings.workerUrls,
          wheelUrls: settings.wheelUrls,
          onProgress: progress => notice.update(progress)
        });
        kernel.disposed.connect(() => notice.dismiss());
        return kernel;
      }
    });
  }
};

namespace Private {
  /**
   * The kernel's settings from the page config, with URLs made absolute.
   */
  export function settings(): ISettings {
    const all = JSON.parse(PageConfig.getOption('litePluginSettings') || '{}');
    const raw = all[PLUGIN_ID] as Partial<ISettings> | undefined;
    if (!raw?.pyodideUrl || !raw.wheelUrls?.length || !raw.workerUrls) {
      throw new Error(`The page config has no settings for ${PLUGIN_ID}.`);
    }
    const base = new URL(PageConfig.getBaseUrl(), window.location.href);
    const resolve = (url: string) => new URL(url, base).href;
    return {
      pyodideUrl: resolve(raw.pyodideUrl),
      wheelUrls: raw.wheelUrls.map(resolve),
      workerUrls: {
        comlink: resolve(raw.workerUrls.comlink),
        coincident: resolve(raw.workerUrls.coincident)
      }
    };
  }
}

export default kernelPlugin;
