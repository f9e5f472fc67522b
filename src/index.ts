import plugins from './plugin';

export * from './course';
export * from './mime';
export * from './model';
export * from './tokens';
export { RenderedCheck, createCheckRendererFactory } from './checkview';
export { LessonPanel } from './panel';
export { CourseNotebook, LOAD_CODE } from './kernel';

export default plugins;
