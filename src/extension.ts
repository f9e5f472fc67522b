import course from './plugins/course';
import notebooks from './plugins/notebooks';
import renderers from './plugins/renderers';

/** Every plugin of the extension: what `index.ts` exports by default. */
export default [course, notebooks, renderers];
