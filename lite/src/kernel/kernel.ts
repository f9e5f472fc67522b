/**
 * The page side of the offline Pyodide kernel: upstream's `PyodideKernel`,
 * opening our own worker (one of two transports, as upstream chooses) and
 * passing it the wheels to install instead of piplite's settings.
 */

import { PyodideKernel } from '@jupyterlite/pyodide-kernel/lib/kernel.js';

import type { IPyodideWorkerKernel } from '@jupyterlite/pyodide-kernel/lib/tokens.js';

import type { IKernelProgress, IOfflineWorkerOptions } from './tokens';
import { PROGRESS_MESSAGE_KEY } from './tokens';

export class OfflinePyodideKernel extends PyodideKernel {
  constructor(options: OfflinePyodideKernel.IOptions) {
    super(options);
  }

  /**
   * Open the worker as an ES module worker: Pyodide 314 is ESM only.
   *
   * Called from the base constructor, before this class's fields exist: use
   * only `options` here.
   */
  protected initWorker(options: OfflinePyodideKernel.IOptions): Worker {
    const url = crossOriginIsolated
      ? options.workerUrls.coincident
      : options.workerUrls.comlink;
    const worker = new Worker(url, { type: 'module' });
    const { onProgress } = options;
    if (onProgress) {
      worker.addEventListener('message', (event: MessageEvent) => {
        const progress = event.data?.[PROGRESS_MESSAGE_KEY] as
          IKernelProgress | undefined;
        if (progress) {
          onProgress(progress);
        }
      });
    }
    return worker;
  }

  protected initRemoteOptions(
    options: OfflinePyodideKernel.IOptions
  ): IOfflineWorkerOptions {
    const remoteOptions: IPyodideWorkerKernel.IOptions =
      super.initRemoteOptions(options);
    return {
      ...remoteOptions,
      // Nothing is fetched from a package index.
      pipliteWheelUrl: '',
      pipliteUrls: [],
      disablePyPIFallback: true,
      wheelUrls: options.wheelUrls
    };
  }
}

export namespace OfflinePyodideKernel {
  export interface IOptions extends PyodideKernel.IOptions {
    /**
     * Absolute URLs of the two worker bundles.
     */
    workerUrls: { comlink: string; coincident: string };
    /**
     * Absolute URLs of the wheels to install, in load order.
     */
    wheelUrls: string[];
    /**
     * Called with each progress report of the kernel's start-up.
     */
    onProgress?: (progress: IKernelProgress) => void;
  }
}
