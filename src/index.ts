import plugins from './plugins/course';

export * from './course/manifest';
export * from './mime';
export * from './course/model';
export * from './tokens';
export { RenderedCheck, createCheckRendererFactory } from './renderers/check';
export { LessonPanel } from './ui/panel';
export {
  RenderedTimeline,
  createTimelineRendererFactory
} from './renderers/timeline';
export {
  RenderedCallGraph,
  createCallGraphRendererFactory
} from './renderers/callgraph';
export { RenderedCoach, createCoachRendererFactory } from './renderers/coach';
export { CourseNotebook, LOAD_CODE } from './notebooks/kernel';

export default plugins;
