/**
 * The kernel-side Python the extension runs code against, named once. These
 * are a contract with `python/asyncio_lab`: it keeps each name importable
 * (the IPython extension, `magics.run_check_cell`, `sim`, `exercises`), and
 * the code below is sent as text, so a rename there must be made here too.
 */

/** The kernel package, loaded as an IPython extension (`%load_ext`). */
export const PACKAGE = 'asyncio_lab';

/**
 * Its modules the extension's code imports: `magics` (`run_check_cell` runs a
 * cell the way `%%check` does), `sim` (the stand-in network and clock the
 * exercises use) and `exercises` (the registry: `get(id).solution`).
 */
export const MODULES = {
  magics: 'magics',
  sim: 'sim',
  exercises: 'exercises'
} as const;

/**
 * The code the extension runs, silently, in a course notebook's kernel when
 * it starts or restarts, so learners never type `%load_ext`.
 */
export const LOAD_CODE = `get_ipython().run_line_magic('load_ext', '${PACKAGE}')`;

/** Appended to LOAD_CODE when the coach is turned off in the settings. */
export const COACH_OFF_CODE = "\nget_ipython().run_line_magic('coach', 'off')";

/**
 * Kernel code: run the reference solution of an exercise through the same
 * path as a `%%check` cell; the check result is published like any other.
 */
export function preflightCode(exerciseId: string): string {
  const id = JSON.stringify(exerciseId);
  return [
    'import asyncio',
    `from ${PACKAGE}.${MODULES.sim} import *`,
    `from ${PACKAGE} import ${MODULES.exercises} as _al_exercises`,
    `await __import__("${PACKAGE}.${MODULES.magics}", fromlist=["_"]).run_check_cell(${id}, _al_exercises.get(${id}).solution)`
  ].join('\n');
}

/**
 * The key of the course's notebook and cell metadata, named after the
 * package (`metadata.asyncio_lab.lesson`, a cell's `asyncio_lab.exercise`;
 * `course/manifest.ts`, which imports nothing, reads the same key).
 */
export const METADATA_KEY = PACKAGE;
