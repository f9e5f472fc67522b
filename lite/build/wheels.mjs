// Step "wheels": the kernel's wheel list (wheels.json of --wheels), checked.

import fs from 'node:fs';
import path from 'node:path';
import { fail, readJSON, rel } from './util.mjs';

/** Step: reads and checks --wheels; gives { wheels: { start, completion } }. */
export function checkWheels({ options }) {
  return { wheels: readWheels(options.wheels) };
}

/**
 * The kernel's wheels, in load order, checked to be present, pure Python,
 * and to include our own package: `start` (installed when the kernel starts)
 * and `completion` (installed on the first completion request).
 */
export function readWheels(dir) {
  const listFile = path.join(dir, 'wheels.json');
  if (!fs.existsSync(listFile)) {
    fail(
      `${rel(listFile)} is missing: make the kernel's wheels first (node scripts/kernel-wheels.mjs)`
    );
  }
  const { wheels, completion = [] } = readJSON(listFile);
  if (!Array.isArray(wheels) || wheels.length === 0) {
    fail(`${rel(listFile)}: "wheels" must be a non-empty list of file names`);
  }
  if (!Array.isArray(completion)) {
    fail(`${rel(listFile)}: "completion" must be a list of file names`);
  }
  for (const name of [...wheels, ...completion]) {
    if (
      typeof name !== 'string' ||
      !/^[A-Za-z0-9_.+-]+-py[23][^/]*-none-any\.whl$/.test(name)
    ) {
      fail(
        `${rel(listFile)}: ${JSON.stringify(name)} is not a pure-Python wheel file name`
      );
    }
    if (!fs.existsSync(path.join(dir, name))) {
      fail(
        `${rel(listFile)}: lists ${name} but ${rel(path.join(dir, name))} does not exist`
      );
    }
  }
  for (const needed of [
    'pyodide_kernel',
    'ipykernel',
    'ipython',
    'asyncio_lab'
  ]) {
    if (!wheels.some(name => name.toLowerCase().startsWith(`${needed}-`))) {
      fail(
        `${rel(listFile)}: no ${needed} wheel; the kernel cannot start without it ` +
          '(node scripts/kernel-wheels.mjs builds the list)'
      );
    }
  }
  return { start: wheels, completion };
}
