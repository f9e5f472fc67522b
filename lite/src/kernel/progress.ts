/**
 * Shows a kernel's start-up progress to the learner as a notification that
 * is updated in place ("Loading Python… 7/17 packages") and closes once
 * Python is ready.
 */

import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';

import type { IKernelProgress } from './tokens';

export class KernelProgressNotice {
  constructor(trans: TranslationBundle) {
    this._trans = trans;
  }

  /**
   * Show a progress report, creating the notification on the first one.
   */
  update(progress: IKernelProgress): void {
    const trans = this._trans;
    switch (progress.stage) {
      case 'runtime':
        this._show(trans.__('Loading Python…'), 'in-progress', false);
        break;
      case 'packages':
        this._show(
          trans.__(
            'Loading Python… %1/%2 packages',
            progress.done,
            progress.total
          ),
          'in-progress',
          false
        );
        break;
      case 'kernel':
        this._show(trans.__('Starting Python…'), 'in-progress', false);
        break;
      case 'ready':
        this._show(trans.__('Python is ready.'), 'success', 2000);
        break;
      case 'error':
        this._show(
          trans.__('Python could not start: %1', progress.message ?? ''),
          'error',
          false
        );
        break;
    }
  }

  /**
   * Close the notification, e.g. when the kernel is shut down while loading.
   */
  dismiss(): void {
    if (this._id) {
      Notification.dismiss(this._id);
      this._id = null;
    }
  }

  private _show(
    message: string,
    type: Notification.TypeOptions,
    autoClose: number | false
  ) {
    if (
      this._id &&
      Notification.update({ id: this._id, message, type, autoClose })
    ) {
      return;
    }
    this._id = Notification.emit(message, type, { autoClose });
  }

  private _id: string | null = null;
  private _trans: TranslationBundle;
}
