// Step "compile": lite/src (the site's kernel and extension list) to lite/lib
// with tsc, which the bundle and the extension list are read from.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { LITE, ROOT, fail, resolveFromRoot } from './util.mjs';

/** Runs `tsc -p lite`; stops the build if it fails. */
export function compileLite() {
  const tsc = resolveFromRoot('typescript/bin/tsc');
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', path.join(LITE, 'tsconfig.json')],
    {
      cwd: ROOT,
      stdio: 'inherit'
    }
  );
  if (result.status !== 0) fail('tsc -p lite failed (see above)');
  return {};
}
