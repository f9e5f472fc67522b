/**
 * The worker side of the offline Pyodide kernel, shared by both transports.
 *
 * Upstream's start-up sequence is kept (runtime, filesystem, packages, kernel,
 * globals) but the package step installs a fixed list of wheels served by the
 * site itself instead of going through micropip and piplite, which would need
 * PyPI. Downloads start at once, in parallel with loading the runtime, and each
 * finished wheel is reported as progress. The wheels only code completion
 * needs (jedi, parso: a third of the bytes) are fetched and installed when the
 * first completion request arrives; IPython imports jedi only then.
 */

import { PyodideRemoteKernel } from '@jupyterlite/pyodide-kernel/lib/worker.js';

import type { IPyodideWorkerKernel } from '@jupyterlite/pyodide-kernel/lib/tokens.js';
import type { DriveFS } from '@jupyterlite/services/lib/contents/drivefs';

import { INTERRUPT_PY } from './interrupt';
import type {
  IInterruptMessage,
  IKernelProgress,
  IOfflineWorkerOptions
} from './tokens';
import { INTERRUPT_MESSAGE_KEY } from './tokens';

export abstract class OfflineRemoteKernel extends PyodideRemoteKernel {
  constructor() {
    super();
    // The page's interrupt messages, beside the transport's own.
    self.addEventListener('message', (event: MessageEvent) => {
      const message = event.data?.[INTERRUPT_MESSAGE_KEY] as
        IInterruptMessage | undefined;
      if (message?.buffer) {
        this._interruptBuffer = message.buffer;
      }
      if (message?.interrupt) {
        this._interruptWaitingCell();
        const answer: IInterruptMessage = { answered: true };
        postMessage({ [INTERRUPT_MESSAGE_KEY]: answer });
      }
    });
  }

  /**
   * Send a progress report to the page. Each transport sets it.
   */
  protected reportProgress: (progress: IKernelProgress) => void = () => {
    // replaced by the transport
  };

  /**
   * The filesystem that reaches the browser's files. Each transport makes its
   * own: through the service worker, or synchronously through the page.
   */
  protected abstract createDriveFS(
    driveOptions: DriveFS.IOptions,
    options: IPyodideWorkerKernel.IOptions
  ): DriveFS;

  /**
   * Mount the browser's files at `/drive` and make it the working directory.
   */
  protected async initFilesystem(
    options: IPyodideWorkerKernel.IOptions
  ): Promise<void> {
    if (!options.mountDrive) {
      return;
    }
    const mountpoint = '/drive';
    const { FS, PATH, ERRNO_CODES } = this._pyodide;
    const driveFS = this.createDriveFS(
      {
        FS: FS as any,
        PATH,
        ERRNO_CODES,
        baseUrl: options.baseUrl,
        driveName: this._driveName,
        mountpoint
      },
      options
    );
    FS.mkdirTree(mountpoint);
    FS.mount(driveFS, {}, mountpoint);
    FS.chdir(mountpoint);
    this._driveFS = driveFS;
  }

  async initialize(options: IPyodideWorkerKernel.IOptions): Promise<void> {
    const { wheelUrls, completionWheelUrls } = options as IOfflineWorkerOptions;
    if (!Array.isArray(wheelUrls) || wheelUrls.length === 0) {
      throw new Error('The kernel was started without its list of wheels.');
    }
    this._completionWheelUrls = completionWheelUrls ?? [];
    this._wheelCount = wheelUrls.length;
    // Start every download now: they overlap with loading the runtime.
    this._downloads = wheelUrls.map(url => {
      const download = Private.download(url);
      // Failures surface when the install step awaits them, not as unhandled.
      download.catch(() => undefined);
      return download;
    });
    try {
      await super.initialize(options);
    } catch (reason) {
      const message = reason instanceof Error ? reason.message : String(reason);
      this.reportProgress({
        stage: 'error',
        done: 0,
        total: this._wheelCount,
        message
      });
      throw reason;
    }
    this.reportProgress({
      stage: 'ready',
      done: this._wheelCount,
      total: this._wheelCount
    });
  }

  protected async initRuntime(
    options: IPyodideWorkerKernel.IOptions
  ): Promise<void> {
    this.reportProgress({ stage: 'runtime', done: 0, total: this._wheelCount });
    await super.initRuntime(options);
    if (this._interruptBuffer) {
      this._pyodide.setInterruptBuffer(this._interruptBuffer);
    }
  }

  /**
   * Install the wheels, in order, as their downloads finish: no package
   * manager, no index, nothing outside the site.
   */
  protected async initPackageManager(
    _options: IPyodideWorkerKernel.IOptions
  ): Promise<void> {
    const pyodide = this._pyodide;
    const sitePackages: string = pyodide.runPython(
      'import sysconfig; sysconfig.get_paths()["purelib"]'
    );
    const total = this._wheelCount;
    let done = 0;
    this.reportProgress({ stage: 'packages', done, total });
    for (const download of this._downloads) {
      this._install(await download, sitePackages);
      done += 1;
      this.reportProgress({ stage: 'packages', done, total });
    }
    this._downloads = [];
    this._sitePackages = sitePackages;
    pyodide.runPython('import importlib; importlib.invalidate_caches()');
  }

  /**
   * Complete code, installing the completion-only wheels first (once).
   */
  async complete(
    content: Parameters<PyodideRemoteKernel['complete']>[0],
    parent: Parameters<PyodideRemoteKernel['complete']>[1]
  ): ReturnType<PyodideRemoteKernel['complete']> {
    await this._initialized;
    if (!this._completionReady) {
      this._completionReady = this._installCompletionWheels();
      // A failed download is tried again on the next request.
      this._completionReady.catch(() => (this._completionReady = null));
    }
    await this._completionReady;
    return super.complete(content, parent);
  }

  private async _installCompletionWheels(): Promise<void> {
    const downloads = this._completionWheelUrls.map(url =>
      Private.download(url)
    );
    downloads.forEach(download => download.catch(() => undefined));
    for (const download of downloads) {
      this._install(await download, this._sitePackages);
    }
    this._pyodide.runPython('import importlib; importlib.invalidate_caches()');
  }

  private _install({ url, data }: Private.IDownload, extractDir: string): void {
    try {
      this._pyodide.unpackArchive(data, 'wheel', { extractDir });
    } catch (reason) {
      throw new Error(`Could not install ${Private.fileName(url)}: ${reason}`);
    }
  }

  /**
   * Start IPython's kernel from the installed wheels.
   */
  protected async initKernel(
    options: IPyodideWorkerKernel.IOptions
  ): Promise<void> {
    this.reportProgress({
      stage: 'kernel',
      done: this._wheelCount,
      total: this._wheelCount
    });
    const lines = ['import pyodide_kernel'];
    if (options.mountDrive && this._localPath) {
      lines.push('import os', `os.chdir(${JSON.stringify(this._localPath)})`);
    }
    await this._pyodide.runPythonAsync(lines.join('\n'));
    this._installInterrupter();
  }

  /**
   * Let the page interrupt cells: see INTERRUPT_PY.
   */
  private _installInterrupter(): void {
    const pyodide = this._pyodide;
    const namespace = pyodide.toPy({ __name__: 'asyncio_lab_interrupt' });
    try {
      pyodide.runPython(INTERRUPT_PY, { globals: namespace });
      const buffer = this._interruptBuffer;
      const CellInterrupter = namespace.get('CellInterrupter');
      this._interrupter = buffer
        ? CellInterrupter(
            (ms: number) => Atomics.wait(buffer, 0, 0, ms) !== 'timed-out',
            () => Atomics.exchange(buffer, 0, 0) !== 0
          )
        : CellInterrupter();
      CellInterrupter.destroy();
    } finally {
      namespace.destroy();
    }
  }

  /**
   * The page asked for an interrupt and this worker is free to read it, so
   * Python is not running: if the request is still pending, the cell (if
   * any) is waiting. Once Python has taken the request (a busy cell ended
   * with `KeyboardInterrupt`), there is nothing left to do.
   */
  private _interruptWaitingCell(): void {
    const buffer = this._interruptBuffer;
    if (buffer && Atomics.exchange(buffer, 0, 0) === 0) {
      return;
    }
    this._interrupter?.interrupt();
  }

  private _interruptBuffer: Int32Array | null = null;
  private _interrupter: { interrupt: () => boolean } | null = null;
  private _wheelCount = 0;
  private _downloads: Promise<Private.IDownload>[] = [];
  private _completionWheelUrls: string[] = [];
  private _completionReady: Promise<void> | null = null;
  private _sitePackages = '';
}

namespace Private {
  export interface IDownload {
    url: string;
    data: Uint8Array;
  }

  export function fileName(url: string): string {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
  }

  export async function download(url: string): Promise<IDownload> {
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(
        `Could not download ${fileName(url)}: ${response.status} ${response.statusText}`
      );
    }
    return { url, data: new Uint8Array(await response.arrayBuffer()) };
  }
}
