/**
 * Shapes shared by the page side and the worker side of the offline kernel.
 * No runtime code here: both bundles import it for types only.
 */

import type { IPyodideWorkerKernel } from '@jupyterlite/pyodide-kernel/lib/tokens.js';

/**
 * How far the kernel's start-up has got, reported by the worker.
 *
 * - `runtime`: the Pyodide runtime (WebAssembly and standard library) is loading;
 * - `packages`: `done` of `total` wheels are downloaded and installed;
 * - `kernel`: the wheels are installed and IPython is starting;
 * - `ready`: the kernel can run code;
 * - `error`: start-up failed, `message` says why.
 */
export interface IKernelProgress {
  stage: 'runtime' | 'packages' | 'kernel' | 'ready' | 'error';
  done: number;
  total: number;
  message?: string;
}

/**
 * The key under which the worker posts progress messages. Distinct from the
 * keys the upstream transports use (`_kernelMessage`, `_logMessage`, comlink's
 * and coincident's own), so every listener ignores the others' messages.
 */
export const PROGRESS_MESSAGE_KEY = '_asyncioLabKernelProgress';

/**
 * What the worker receives from the page: the upstream options plus the
 * absolute URLs of the wheels to install, in load order: `wheelUrls` at start,
 * `completionWheelUrls` before the first completion request.
 */
export interface IOfflineWorkerOptions extends IPyodideWorkerKernel.IOptions {
  wheelUrls: string[];
  completionWheelUrls: string[];
}

/**
 * The key of the page's messages about interrupting the running cell, sent
 * to the worker as plain `postMessage` payloads beside the transport's own:
 *
 * - `{ buffer }` (once, before start-up, only on cross-origin isolated
 *   pages): an `Int32Array` on a `SharedArrayBuffer`, Pyodide's interrupt
 *   buffer. The page writes 2 (SIGINT) into it; Python raises
 *   `KeyboardInterrupt` at its next check, even while a cell keeps the
 *   worker busy.
 * - `{ interrupt: true }` (on each interrupt): read by the worker once it is
 *   free, that is when the cell is waiting (`await`) rather than running.
 *   The worker answers `{ answered: true }`: no answer means Python is busy.
 */
export const INTERRUPT_MESSAGE_KEY = '_asyncioLabInterrupt';

export interface IInterruptMessage {
  buffer?: Int32Array;
  interrupt?: boolean;
  answered?: boolean;
}

/**
 * The signal number Pyodide's interrupt buffer takes for `KeyboardInterrupt`.
 */
export const SIGINT = 2;
