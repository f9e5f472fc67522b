/**
 * The pre-flight check: tells a learner, before the workshop, whether this
 * browser can run the course. Each check reports ok, warn (works, with a
 * limitation) or fail, with a sentence saying what it means.
 */
import { KernelMessage, ServiceManager } from '@jupyterlab/services';
import { Widget } from '@lumino/widgets';
import { CHECK_MIME, readCheckResult } from '../mime';
import { LOAD_CODE, preflightCode } from '../notebooks/python';
import { el } from './dom';
import { Trans } from './translation';

export type PreflightStatus = 'pending' | 'ok' | 'warn' | 'fail';

export interface IPreflightCheck {
  id: string;
  title: string;
  status: PreflightStatus;
  detail: string;
}

/** The exercise whose reference solution the pre-flight runs and checks. */
export const PREFLIGHT_EXERCISE = 'await-vs-create-task.download-all';

export class PreflightView extends Widget {
  constructor(
    private _services: ServiceManager.IManager,
    private _trans: Trans
  ) {
    super();
    this.addClass('jp-AsyncioLab-Preflight');
    this.id = 'asyncio-lab-preflight';
    this.title.label = _trans.__('Course Pre-flight Check');
    this.title.closable = true;
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', _trans.__('Course pre-flight check'));
    this.node.appendChild(
      el('h2', _trans.__('Can this browser run the course?'))
    );
    this._list = document.createElement('ul');
    this._list.className = 'jp-AsyncioLab-Preflight-list';
    this._list.setAttribute('aria-live', 'polite');
    this.node.appendChild(this._list);
    this._verdict = el('p', '', 'jp-AsyncioLab-Preflight-verdict');
    this.node.appendChild(this._verdict);
  }

  get checks(): readonly IPreflightCheck[] {
    return this._checks;
  }

  /** Run every check, updating the view as each one finishes. */
  async run(): Promise<IPreflightCheck[]> {
    const t = this._trans;
    this._checks = [];
    this._render();
    await this._check('jspi', t.__('Stack switching (JSPI)'), async () => {
      const wasm = (globalThis as any).WebAssembly;
      return typeof wasm?.Suspending === 'function'
        ? [
            'ok',
            t.__(
              'Supported: asyncio.run() and time.sleep() behave as in the lessons for Chromium browsers.'
            )
          ]
        : [
            'warn',
            t.__(
              'Not supported (Firefox and Safari today): the course works; a few demonstrations say so.'
            )
          ];
    });
    await this._check('isolation', t.__('Cross-origin isolation'), async () =>
      window.crossOriginIsolated
        ? [
            'ok',
            t.__('Any running cell can be interrupted (Kernel › Interrupt).')
          ]
        : [
            'warn',
            t.__(
              'A cell that waits (await) can be interrupted; one that keeps Python busy can only be stopped by restarting the kernel (your edits are kept).'
            )
          ]
    );
    await this._check(
      'storage',
      t.__('Saving your work and progress'),
      async () => {
        const key = 'asyncio-lab:preflight';
        window.localStorage.setItem(key, '1');
        const ok = window.localStorage.getItem(key) === '1';
        window.localStorage.removeItem(key);
        if (!ok || typeof indexedDB === 'undefined') {
          return [
            'fail',
            t.__(
              'This browser does not let the course store anything (private mode?): work is lost on reload.'
            )
          ];
        }
        const storage = navigator.storage;
        let persisted = false;
        try {
          persisted =
            (await storage?.persisted?.()) ||
            (await storage?.persist?.()) ||
            false;
        } catch {
          persisted = false;
        }
        return persisted
          ? ['ok', t.__('Storage works and is persistent.')]
          : [
              'warn',
              t.__(
                'Storage works, but the browser may clear it when space runs low: export your progress now and then.'
              )
            ];
      }
    );
    let kernel: any = null;
    await this._check('kernel', t.__('Python starts'), async () => {
      const started = performance.now();
      await this._services.kernelspecs.ready;
      const name = this._services.kernelspecs.specs?.default ?? 'python';
      kernel = await this._services.kernels.startNew({ name });
      const reply = await kernel.requestExecute({
        code: LOAD_CODE,
        store_history: false
      }).done;
      if (reply.content.status !== 'ok') {
        return [
          'fail',
          t.__(
            'Python started but the course helpers did not load: %1',
            reply.content.evalue ?? ''
          )
        ];
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      return ['ok', t.__('Python is ready (%1 s).', seconds)];
    });
    await this._check('check', t.__('An exercise is checked'), async () => {
      if (!kernel) {
        return ['fail', t.__('Skipped: Python did not start.')];
      }
      let passed: boolean | null = null;
      const future = kernel.requestExecute({
        code: preflightCode(PREFLIGHT_EXERCISE),
        store_history: false
      });
      future.onIOPub = (msg: KernelMessage.IIOPubMessage) => {
        const data = (msg.content as any).data;
        if (data && CHECK_MIME in data) {
          passed = readCheckResult(data[CHECK_MIME])?.passed ?? false;
        }
      };
      const reply = await future.done;
      if (reply.content.status !== 'ok' || passed === null) {
        return [
          'fail',
          t.__(
            'The check did not run: %1',
            reply.content.evalue ?? t.__('no result')
          )
        ];
      }
      return passed
        ? ['ok', t.__('A reference solution ran and its check passed.')]
        : [
            'fail',
            t.__('A reference solution ran but its check did not pass.')
          ];
    });
    if (kernel) {
      await kernel.shutdown().catch(() => undefined);
    }
    const failed = this._checks.some(c => c.status === 'fail');
    this._verdict.textContent = failed
      ? t.__(
          'This browser cannot run the course as it is: see the failed checks above.'
        )
      : t.__('This browser is ready for the course.');
    this._verdict.dataset.status = failed ? 'fail' : 'ok';
    return this._checks;
  }

  private async _check(
    id: string,
    title: string,
    fn: () => Promise<[PreflightStatus, string]>
  ): Promise<void> {
    const check: IPreflightCheck = {
      id,
      title,
      status: 'pending',
      detail: this._trans.__('checking…')
    };
    this._checks.push(check);
    this._render();
    try {
      [check.status, check.detail] = await fn();
    } catch (error) {
      check.status = 'fail';
      check.detail = String((error as Error)?.message ?? error);
    }
    this._render();
  }

  private _render(): void {
    this._list.textContent = '';
    const labels: Record<PreflightStatus, string> = {
      pending: this._trans.__('checking'),
      ok: this._trans.__('ok'),
      warn: this._trans.__('works, with a limit'),
      fail: this._trans.__('problem')
    };
    for (const check of this._checks) {
      const item = document.createElement('li');
      item.className = `jp-AsyncioLab-Preflight-check jp-mod-${check.status}`;
      item.dataset.check = check.id;
      item.dataset.status = check.status;
      item.appendChild(el('strong', `${check.title}: ${labels[check.status]}`));
      item.appendChild(
        el('span', check.detail, 'jp-AsyncioLab-Preflight-detail')
      );
      this._list.appendChild(item);
    }
  }

  private _checks: IPreflightCheck[] = [];
  private _list: HTMLElement;
  private _verdict: HTMLElement;
}
