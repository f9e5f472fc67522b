import { ISessionContext } from '@jupyterlab/apputils';
import { NotebookPanel } from '@jupyterlab/notebook';
import { Kernel, KernelMessage, Session } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';
import { IDisposable } from '@lumino/disposable';
import { lessonIdFromMetadata } from '../course/manifest';
import { CHECK_MIME, ICheckResult, readCheckResult } from '../mime';
import { COACH_OFF_CODE, LOAD_CODE } from './python';

/**
 * Watches one notebook that belongs to the course: loads `asyncio_lab` into
 * each kernel it gets (start, restart, change of kernel) and reports every
 * `%%check` result the kernel publishes.
 */
export class CourseNotebook implements IDisposable {
  constructor(
    panel: NotebookPanel,
    lessonId: string,
    private _options: { coach: () => boolean } = { coach: () => true }
  ) {
    this.panel = panel;
    this.lessonId = lessonId;
    const session = panel.sessionContext;
    session.kernelChanged.connect(this._onKernelChanged, this);
    session.statusChanged.connect(this._onStatusChanged, this);
    session.iopubMessage.connect(this._onIOPub, this);
    if (session.session?.kernel) {
      this._load(session.session.kernel);
    }
  }

  readonly panel: NotebookPanel;
  readonly lessonId: string;

  /**
   * A check result published by this notebook's kernel.
   */
  get checked(): ISignal<this, ICheckResult> {
    return this._checked;
  }

  /**
   * Emitted with the error text when `asyncio_lab` cannot be loaded.
   */
  get loadFailed(): ISignal<this, string> {
    return this._loadFailed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    Signal.clearData(this);
  }

  private _onKernelChanged(
    _: ISessionContext,
    change: Session.ISessionConnection.IKernelChangedArgs
  ): void {
    if (change.newValue) {
      this._load(change.newValue);
    }
  }

  private _onStatusChanged(
    session: ISessionContext,
    status: Kernel.Status
  ): void {
    // A restart keeps the kernel connection: queue the load now, it is sent
    // before anything the learner runs after the restart.
    if (status === 'restarting' || status === 'autorestarting') {
      const kernel = session.session?.kernel;
      if (kernel) {
        this._load(kernel);
      }
    }
  }

  private _onIOPub(_: ISessionContext, msg: KernelMessage.IMessage): void {
    if (msg.channel !== 'iopub') {
      return;
    }
    const type = msg.header.msg_type;
    if (type !== 'display_data' && type !== 'execute_result') {
      return;
    }
    const data = (msg.content as KernelMessage.IDisplayDataMsg['content']).data;
    if (!data || !(CHECK_MIME in data)) {
      return;
    }
    const result = readCheckResult(data[CHECK_MIME]);
    if (result) {
      this._checked.emit(result);
    }
  }

  private _load(kernel: Kernel.IKernelConnection): void {
    const future = kernel.requestExecute(
      {
        code: LOAD_CODE + (this._options.coach() ? '' : COACH_OFF_CODE),
        silent: true,
        store_history: false,
        stop_on_error: false
      },
      true
    );
    future.done
      .then(reply => {
        if (this._isDisposed) {
          return;
        }
        const content = reply.content;
        if (content.status === 'error') {
          this._loadFailed.emit(`${content.ename}: ${content.evalue}`);
        }
      })
      .catch(reason => {
        // The kernel went away (shutdown, restart) before replying: a
        // restarted kernel is loaded again when it starts, so that is no news.
        const canceled = String(
          (reason as Error)?.message ?? reason
        ).startsWith('Canceled future');
        if (!canceled && !this._isDisposed && !kernel.isDisposed) {
          console.warn('asyncio-lab: could not load asyncio_lab', reason);
        }
      });
  }

  private _checked = new Signal<this, ICheckResult>(this);
  private _isDisposed = false;
  private _loadFailed = new Signal<this, string>(this);
}

/**
 * The lesson a notebook panel holds, or null when it is not a course notebook.
 */
export function lessonOfPanel(panel: NotebookPanel): string | null {
  const model = panel.content.model;
  return model ? lessonIdFromMetadata(model.metadata) : null;
}
