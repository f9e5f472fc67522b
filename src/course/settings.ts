import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ISignal, Signal } from '@lumino/signaling';

/**
 * The course's settings (`schema/plugin.json`), loaded once by the course
 * plugin and read live by every part that needs one. Without a setting
 * registry, or when they cannot be loaded, each setting has its default.
 */
export class CourseSettings {
  constructor(settings: ISettingRegistry.ISettings | null = null) {
    this._settings = settings;
    settings?.changed.connect(this._onChanged, this);
  }

  /** Load the settings of plugin `id` (a failure is logged, not thrown). */
  static async load(
    registry: ISettingRegistry | null,
    id: string
  ): Promise<CourseSettings> {
    const settings = registry
      ? await registry.load(id).catch(reason => {
          console.warn('asyncio-lab: settings could not be loaded', reason);
          return null;
        })
      : null;
    return new CourseSettings(settings);
  }

  /** Emitted when the learner changes a setting. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The course language: `default` (JupyterLab's) or a pinned one. */
  get language(): string {
    return (this._get('language') as string) ?? 'default';
  }

  /** When hints open: `always`, or `after-attempt` (after the first check). */
  get hints(): string {
    return (this._get('hints') as string) ?? 'always';
  }

  /** Whether instructor notes are shown (`?instructor=` overrides it). */
  get instructorMode(): boolean {
    return this._get('instructorMode') === true;
  }

  /** Whether course notebooks load `asyncio_lab` into their kernels. */
  get autoload(): boolean {
    return this._get('autoload') !== false;
  }

  /** Whether the coach comments on cells. */
  get coach(): boolean {
    return this._get('coach') !== false;
  }

  private _get(key: string): unknown {
    return this._settings?.get(key).composite;
  }

  private _onChanged(): void {
    this._changed.emit();
  }

  private _settings: ISettingRegistry.ISettings | null;
  private _changed = new Signal<this, void>(this);
}
