import plugins from './plugin';

export * from './course';
export * from './mime';
export * from './model';
export * from './tokens';
export { RenderedCheck, createCheckRendererFactory } from './checkview';
export { LessonPanel } from './panel';
export {
  RenderedTimeline,
  createTimelineRendererFactory
} from './timelineview';
export {
  RenderedCallGraph,
  createCallGraphRendererFactory
} from './callgraphview';
export { RenderedCoach, createCoachRendererFactory } from './coachview';
export { CourseNotebook, LOAD_CODE } from './kernel';

export default plugins;
