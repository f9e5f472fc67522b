/**
 * The page side of the offline Pyodide kernel: upstream's `PyodideKernel`,
 * opening our own worker (one of two transports, as upstream chooses) and
 * passing it the wheels to install instead of piplite's settings.
 */

import { PyodideKernel } from '@jupyterlite/pyodide-kernel/lib/kernel.js';

import type { IPyodideWorkerKernel } from '@jupyterlite/pyodide-kernel/lib/tokens.js';

import type {
  IInterruptMessage,
  IKernelProgress,
  IOfflineWorkerOptions
} from './tokens';
import { INTERRUPT_MESSAGE_KEY, PROGRESS_MESSAGE_KEY, SIGINT } from './tokens';

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
    // Cross-origin isolated pages can share memory with the worker: the
    // interrupt buffer reaches Python even while a cell keeps it busy.
    const buffer = crossOriginIsolated
      ? new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT))
      : null;
    if (buffer) {
      const message: IInterruptMessage = { buffer };
      worker.postMessage({ [INTERRUPT_MESSAGE_KEY]: message });
    }
    Private.channels.set(this, { worker, buffer });
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

  /**
   * Interrupt the running cell: `KeyboardInterrupt` in the cell, whether it
   * keeps Python busy (a loop, `time.sleep`) or waits (`await`).
   *
   * Resolves to whether the interrupt reached Python: at once on a
   * cross-origin isolated page; otherwise only if the worker is free to read
   * the request within `patience` ms (a waiting cell, or none). A cell that
   * keeps Python busy cannot be reached there.
   */
  interruptRunning(patience = 2000): Promise<boolean> {
    const channel = Private.channels.get(this);
    if (!channel) {
      return Promise.resolve(false);
    }
    const { worker, buffer } = channel;
    const message: IInterruptMessage = { interrupt: true };
    if (buffer) {
      Atomics.store(buffer, 0, SIGINT);
      Atomics.notify(buffer, 0);
      worker.postMessage({ [INTERRUPT_MESSAGE_KEY]: message });
      return Promise.resolve(true);
    }
    return new Promise(resolve => {
      const done = (reached: boolean) => {
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        resolve(reached);
      };
      const onMessage = (event: MessageEvent) => {
        const reply = event.data?.[INTERRUPT_MESSAGE_KEY] as
          IInterruptMessage | undefined;
        if (reply?.answered) {
          done(true);
        }
      };
      const timer = setTimeout(() => done(false), patience);
      worker.addEventListener('message', onMessage);
      worker.postMessage({ [INTERRUPT_MESSAGE_KEY]: message });
    });
  }

  dispose(): void {
    Private.channels.delete(this);
    super.dispose();
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
      wheelUrls: options.wheelUrls,
      completionWheelUrls: options.completionWheelUrls
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
     * Absolute URLs of the wheels only code completion needs, installed on
     * the first completion request, in load order.
     */
    completionWheelUrls: string[];
    /**
     * Called with each progress report of the kernel's start-up.
     */
    onProgress?: (progress: IKernelProgress) => void;
  }
}

namespace Private {
  export interface IChannel {
    worker: Worker;
    buffer: Int32Array | null;
  }

  /**
   * Each kernel's worker and interrupt buffer. Set while the base class's
   * constructor runs, before this class's own fields would exist.
   */
  export const channels = new WeakMap<OfflinePyodideKernel, IChannel>();
}
