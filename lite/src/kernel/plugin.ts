/**
 * Registers the `python` kernelspec of the course site: Pyodide from the
 * site's own copy, IPython and our package from the site's own wheels.
 *
 * Its settings come from the page config, written by the site build:
 * `litePluginSettings["asyncio-lab:lite-kernel"]` = `{ pyodideUrl, wheelUrls,
 * completionWheelUrls, workerUrls }`, each relative to the site's base URL.
 */

import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { PageConfig } from '@jupyterlab/coreutils';
import { IServerSettings, ServerConnection } from '@jupyterlab/services';
import type { ILogPayload } from '@jupyterlab/logconsole';
import { ILoggerRegistry } from '@jupyterlab/logconsole';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { ISignal } from '@lumino/signaling';
import { Signal } from '@lumino/signaling';
import { IServiceWorkerManager } from '@jupyterlite/apputils';
import type { IKernel } from '@jupyterlite/services';
import {
  IKernelClient,
  IKernelSpecs,
  LiteKernelClient
} from '@jupyterlite/services';

import PYODIDE_ICON_SVG from '@jupyterlite/pyodide-kernel-extension/style/img/pyodide.svg';

import { DOMAIN } from 'asyncio-lab/lib/ui/domain';

import { KernelProgressNotice } from './progress';
import { alwaysAsyncWaits } from './waitasync';

export const PLUGIN_ID = 'asyncio-lab:lite-kernel';

const ICON_URL = `data:image/svg+xml;base64,${btoa(PYODIDE_ICON_SVG)}`;

interface ISettings {
  pyodideUrl: string;
  wheelUrls: string[];
  completionWheelUrls: string[];
  workerUrls: { comlink: string; coincident: string };
}

export const kernelPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Registers the offline Pyodide kernel of the asyncio-lab site.',
  autoStart: true,
  requires: [IKernelSpecs],
  optional: [
    IServiceWorkerManager,
    ILoggerRegistry,
    ITranslator,
    IKernelClient
  ],
  activate: (
    app: JupyterFrontEnd,
    kernelSpecs: IKernelSpecs,
    serviceWorkerManager: IServiceWorkerManager | null,
    loggerRegistry: ILoggerRegistry | null,
    translator: ITranslator | null,
    kernelClient: IKernelClient | null
  ) => {
    const trans = (translator ?? nullTranslator).load(DOMAIN);
    if (kernelClient instanceof InterruptingKernelClient) {
      kernelClient.interruptUnreachable.connect(() => {
        Notification.warning(
          trans.__(
            'A cell that keeps Python busy cannot be interrupted here: this page is not cross-origin isolated. Restart the kernel to stop it (your notebook keeps your edits). A cell that waits (await) is interrupted. To interrupt any cell, serve the site with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp.'
          ),
          {
            autoClose: false,
            actions: [
              {
                label: trans.__('Restart Kernel…'),
                caption: trans.__(
                  'Stop the running cell; the notebook keeps your edits'
                ),
                callback: () => {
                  void app.commands.execute('kernelmenu:restart');
                }
              }
            ]
          }
        );
      });
    }
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
        // Before the kernel's chunk loads coincident: see the module.
        alwaysAsyncWaits();
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
          completionWheelUrls: settings.completionWheelUrls,
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
      completionWheelUrls: (raw.completionWheelUrls ?? []).map(resolve),
      workerUrls: {
        comlink: resolve(raw.workerUrls.comlink),
        coincident: resolve(raw.workerUrls.coincident)
      }
    };
  }
}

/**
 * The in-browser kernels' client, as JupyterLite's, except that an interrupt
 * also reaches the running cell (upstream only cancels the queued ones).
 */
export class InterruptingKernelClient extends LiteKernelClient {
  /**
   * Emitted with the kernel's id when an interrupt cannot reach a cell that
   * keeps Python busy (the page is not cross-origin isolated).
   */
  get interruptUnreachable(): ISignal<this, string> {
    return this._interruptUnreachable;
  }

  async interrupt(kernelId: string): Promise<void> {
    const kernel = (await this.getModel(kernelId)) as
      (IKernel & Partial<IInterruptible>) | undefined;
    if (kernel?.interruptRunning) {
      void kernel.interruptRunning().then(reached => {
        if (!reached) {
          this._interruptUnreachable.emit(kernelId);
        }
      });
    }
    await super.interrupt(kernelId);
  }

  private _interruptUnreachable = new Signal<this, string>(this);
}

interface IInterruptible {
  interruptRunning(): Promise<boolean>;
}

export const kernelClientPlugin: JupyterFrontEndPlugin<IKernelClient> = {
  id: 'asyncio-lab:lite-kernel-client',
  description:
    'The client of the in-browser kernels, whose interrupt reaches the running cell.',
  autoStart: true,
  requires: [IKernelSpecs],
  // Activated with the service manager, before the app: nothing else here.
  optional: [IServerSettings],
  provides: IKernelClient,
  activate: (
    _: JupyterFrontEnd,
    kernelSpecs: IKernelSpecs,
    serverSettings: ServerConnection.ISettings | null
  ): IKernelClient =>
    new InterruptingKernelClient({
      kernelSpecs,
      serverSettings: serverSettings ?? undefined
    })
};

export default [kernelPlugin, kernelClientPlugin];
