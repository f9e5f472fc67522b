/**
 * The worker side of the offline Pyodide kernel, shared by both transports.
 *
 * Upstream's start-up sequence is kept (runtime, filesystem, packages, kernel,
 * globals) but the package step installs a fixed list of wheels served by the
 * site itself instead of going through micropip and piplite, which would need
 * PyPI. Downloads start at once, in parallel with loading the runtime, and each
 * finished wheel is reported as progress.
 */

import { PyodideRemoteKernel } from '@jupyterlite/pyodide-kernel/lib/worker.js';

import type { IPyodideWorkerKernel } from '@jupyterlite/pyodide-kernel/lib/tokens.js';

import type { IKernelProgress, IOfflineWorkerOptions } from './tokens';

export abstract class OfflineRemoteKernel extends PyodideRemoteKernel {
  /**
   * Send a progress report to the page. Each transport sets it.
   */
  protected reportProgress: (progress: IKernelProgress) => void = () => {
    // replaced by the transport
  };

  async initialize(options: IPyodideWorkerKernel.IOptions): Promise<void> {
    const { wheelUrls } = options as IOfflineWorkerOptions;
    if (!Array.isArray(wheelUrls) || wheelUrls.length === 0) {
      throw new Error('The kernel was started without its list of wheels.');
    }
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
      const { url, data } = await download;
      try {
        pyodide.unpackArchive(data, 'wheel', { extractDir: sitePackages });
      } catch (reason) {
        throw new Error(
          `Could not install ${Private.fileName(url)}: ${reason}`
        );
      }
      done += 1;
      this.reportProgress({ stage: 'packages', done, total });
    }
    this._downloads = [];
    pyodide.runPython('import importlib; importlib.invalidate_caches()');
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
  }

  private _wheelCount = 0;
  private _downloads: Promise<Private.IDownload>[] = [];
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
