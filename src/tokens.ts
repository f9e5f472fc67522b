import { Token } from '@lumino/coreutils';
import { CourseModel } from './model';

/**
 * The course as the extension sees it: the manifest and the learner's
 * progress. Other plugins (renderers, future progress storage) use it.
 */
export interface IAsyncioLab {
  readonly model: CourseModel;
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
}
