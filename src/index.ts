export * from './course/manifest';
export * from './mime';
export * from './course/model';
export { CommandIDs, IAsyncioLab } from './tokens';
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
export { CourseNotebook } from './notebooks/kernel';
export { LOAD_CODE } from './notebooks/python';
export { default } from './extension';
