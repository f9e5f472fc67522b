/**
 * Worker entry for cross-origin isolated pages: the page talks to the kernel
 * through coincident (SharedArrayBuffer + Atomics), which also lets the
 * kernel read the browser's files and `input()` synchronously without the
 * service worker.
 */

import coincident from 'coincident';

import type {
  TDriveMethod,
  TDriveRequest,
  TDriveResponse
} from '@jupyterlite/services/lib/contents/drivefs';
import {
  ContentsAPI,
  DriveFS
} from '@jupyterlite/services/lib/contents/drivefs';

import type { ICoincidentPyodideWorkerKernel } from '@jupyterlite/pyodide-kernel/lib/tokens.js';

import { OfflineRemoteKernel } from './remote';
import { PROGRESS_MESSAGE_KEY } from './tokens';

const pageAPI = coincident(self) as ICoincidentPyodideWorkerKernel;

class SyncContentsAPI extends ContentsAPI {
  request<T extends TDriveMethod>(data: TDriveRequest<T>): TDriveResponse<T> {
    return pageAPI.processDriveRequest(data);
  }
}

class SyncDriveFS extends DriveFS {
  createAPI(options: DriveFS.IOptions): ContentsAPI {
    return new SyncContentsAPI(options);
  }
}

class CoincidentOfflineKernel extends OfflineRemoteKernel {
  constructor() {
    super();
    this.reportProgress = progress =>
      postMessage({ [PROGRESS_MESSAGE_KEY]: progress });
  }

  /**
   * The browser's files, read and written synchronously through the page.
   */
  protected createDriveFS(driveOptions: DriveFS.IOptions): DriveFS {
    return new SyncDriveFS(driveOptions);
  }

  protected sendInputRequest(
    prompt: string,
    password: boolean
  ): string | undefined {
    return pageAPI.processStdinRequest({ prompt, password });
  }
}

const kernel = new CoincidentOfflineKernel();
kernel.registerWorkerMessageCallback(
  pageAPI.processWorkerMessage.bind(pageAPI)
);
kernel.registerLogMessageCallback(pageAPI.processLogMessage.bind(pageAPI));

const api = pageAPI as unknown as Record<string, unknown>;
for (const method of [
  'initialize',
  'execute',
  'complete',
  'inspect',
  'isComplete',
  'commInfo',
  'commOpen',
  'commMsg',
  'commClose',
  'inputReply'
] as const) {
  api[method] = (kernel[method] as (...args: unknown[]) => unknown).bind(
    kernel
  );
}
