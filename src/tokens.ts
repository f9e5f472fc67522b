import { ITranslator } from '@jupyterlab/translation';
import { Token } from '@lumino/coreutils';
import { CourseModel } from './course/model';
import { CourseSettings } from './course/settings';

/**
 * The course plugin's id; its settings are stored under it
 * (`schema/plugin.json`).
 */
export const PLUGIN_ID = 'asyncio-lab:plugin';

/**
 * The course as the extension sees it: the manifest and the learner's
 * progress. Other plugins (renderers, future progress storage) use it.
 */
export interface IAsyncioLab {
  readonly model: CourseModel;
  /**
   * The translator of the course UI: JupyterLab's, or the course language
   * pinned by the `language` setting.
   */
  readonly translator: ITranslator;
  /** The course's settings, loaded once by the course plugin. */
  readonly settings: CourseSettings;
}

export const IAsyncioLab = new Token<IAsyncioLab>(
  'asyncio-lab:IAsyncioLab',
  'The asyncio-lab course model: lessons, exercises and the learner progress.'
);

/**
 * Command ids, in one place.
 */
export namespace CommandIDs {
  export const openLesson = 'asyncio-lab:open-lesson';
  export const showPanel = 'asyncio-lab:show-panel';
  export const nextLesson = 'asyncio-lab:next-lesson';
  export const previousLesson = 'asyncio-lab:previous-lesson';
  export const resetLesson = 'asyncio-lab:reset-lesson';
  export const keepLessonCopy = 'asyncio-lab:keep-lesson-copy';
  export const showHint = 'asyncio-lab:show-hint';
  export const showSolution = 'asyncio-lab:show-solution';
  export const exportProgress = 'asyncio-lab:export-progress';
  export const importProgress = 'asyncio-lab:import-progress';
  export const showSummary = 'asyncio-lab:show-summary';
  export const clearProgress = 'asyncio-lab:clear-progress';
  export const preflight = 'asyncio-lab:preflight';
}
