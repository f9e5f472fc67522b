// `npm run package`: the built site as one archive an instructor can hand
// out on a USB stick. Anyone unpacks it and serves the folder with any static
// server; the archive includes a short note saying how.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SetupError, log, main, root, venvBin } from './setup.mjs';

const NOTE = `asyncio-lab: the course site, for use without internet

1. Unpack this archive anywhere.
2. Serve the asyncio-lab folder with any static web server, for example:
     cd asyncio-lab && python3 -m http.server 8000 --bind 127.0.0.1
   (or: npx http-server -p 8000 .   /   any web server that serves .wasm as application/wasm)
3. Open http://127.0.0.1:8000/ in Chrome, Edge or Firefox.

Opening index.html directly from the disk (file://) does not work: browsers
only run the Python worker from a web server. Everything the course needs is
in this folder; it makes no request to the internet.
`;

await main(async () => {
  const site = path.join(root, 'build', 'site');
  if (!existsSync(path.join(site, 'index.html'))) {
    throw new SetupError('build/site is missing: run npm run build first');
  }
  writeFileSync(path.join(site, 'README-offline.txt'), NOTE);
  const out = path.join(root, 'dist', 'asyncio-lab-site.zip');
  // Python's zipfile: available wherever the build ran, on every OS.
  const script = [
    'import os, sys, zipfile',
    'site, out = sys.argv[1], sys.argv[2]',
    'with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:',
    '    for base, dirs, files in os.walk(site):',
    '        dirs.sort()',
    '        for f in sorted(files):',
    '            p = os.path.join(base, f)',
    '            z.write(p, os.path.join("asyncio-lab", os.path.relpath(p, site)))'
  ].join('\n');
  const result = spawnSync(venvBin('python'), ['-c', script, site, out], { stdio: 'inherit' });
  if (result.status !== 0) {
    throw new SetupError('could not write the archive');
  }
  log(`wrote ${path.relative(root, out)}: unpack it and serve the asyncio-lab folder with any static server`);
});
