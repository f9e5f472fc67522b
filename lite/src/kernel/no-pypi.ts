/**
 * Stands in for `@jupyterlite/pyodide-kernel/lib/_pypi.js` in the site's
 * bundle (see webpack.config.mjs): upstream's table of piplite wheel URLs,
 * which the offline kernel never uses.
 */
export const allJSONUrl = { default: '' };
export const pipliteWheelUrl = { default: '' };
