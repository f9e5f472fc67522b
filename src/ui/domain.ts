/**
 * The course's translation domain (its Python package name), in a module of
 * its own that imports nothing, so the site's kernel plugin can take it
 * without the extension or its bundled catalogues.
 */
export const DOMAIN = 'asyncio_lab';
