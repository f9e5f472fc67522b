/**
 * Worker entry for pages that are not cross-origin isolated: the page talks
 * to the kernel through comlink; kernel messages, log lines and progress go
 * back as plain `postMessage` payloads under their own keys.
 */

import { expose } from 'comlink';

import { URLExt } from '@jupyterlab/coreutils';
import { KernelMessage } from '@jupyterlab/services';
import { DriveFS } from '@jupyterlite/services/lib/contents/drivefs';

import type { IPyodideWorkerKernel } from '@jupyterlite/pyodide-kernel/lib/tokens.js';

import { OfflineRemoteKernel } from './remote';
import { PROGRESS_MESSAGE_KEY } from './tokens';

class ComlinkOfflineKernel extends OfflineRemoteKernel {
  constructor() {
    super();
    this._sendWorkerMessage = (msg: unknown) =>
      postMessage({ _kernelMessage: msg });
    this._logMessage = (msg: unknown) => postMessage({ _logMessage: msg });
    this.reportProgress = progress =>
      postMessage({ [PROGRESS_MESSAGE_KEY]: progress });
  }

  /**
   * The browser's files, reached through the service worker.
   */
  protected createDriveFS(
    driveOptions: DriveFS.IOptions,
    options: IPyodideWorkerKernel.IOptions
  ): DriveFS {
    return new DriveFS({
      ...driveOptions,
      browsingContextId: options.browsingContextId
    });
  }

  /**
   * `input()`: a synchronous request the service worker answers with the
   * learner's reply.
   */
  protected sendInputRequest(
    prompt: string,
    password: boolean
  ): string | undefined {
    const parentHeader = this.formatResult(this._kernel._parent_header)[
      'header'
    ];
    const request = KernelMessage.createMessage<KernelMessage.IInputRequestMsg>(
      {
        channel: 'stdin',
        msgType: 'input_request',
        session: parentHeader?.session ?? '',
        parentHeader,
        content: { prompt, password }
      }
    );
    try {
      const { baseUrl, browsingContextId } = this._options ?? {};
      if (!baseUrl || !browsingContextId) {
        throw new Error('the page did not pass a browsing context');
      }
      const xhr = new XMLHttpRequest();
      xhr.open('POST', URLExt.join(baseUrl, '/api/stdin/kernel'), false);
      xhr.send(JSON.stringify({ browsingContextId, data: request }));
      const reply = JSON.parse(xhr.response as string);
      if ('error' in reply) {
        throw new Error(reply.error);
      }
      return reply.content?.value;
    } catch (reason) {
      console.warn(`input() could not reach the page: ${reason}`);
      return undefined;
    }
  }
}

expose(new ComlinkOfflineKernel());
