// A small static file server for the built course site, on 127.0.0.1 only.
// Any static host works for the site; this one exists so `npm start` needs
// nothing else. Usage: node scripts/serve.mjs [--port 8000] [--prefix /sub/]
//                        [--dir build/site] [--isolated | --no-isolated]
// It serves cross-origin isolated (COOP/COEP headers) unless --no-isolated
// (or --isolated=false): that is what lets Kernel › Interrupt stop a cell
// that keeps Python busy. Without the headers everything else works.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ipynb': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.whl': 'application/zip',
  '.zip': 'application/zip',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json'
};

export function parseArgs(argv) {
  const options = {
    port: Number(process.env.PORT ?? 8000),
    host: '127.0.0.1',
    prefix: '/',
    dir: 'build/site',
    isolated: true
  };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    switch (key) {
      case '--port':
        options.port = Number(value);
        break;
      case '--prefix':
        options.prefix = `/${value.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
        break;
      case '--dir':
        options.dir = value;
        break;
      case '--isolated':
        // A flag (the default): serve cross-origin isolated (COOP/COEP), so
        // a running cell can be interrupted. `--isolated=false` turns it off.
        if (inline !== undefined && inline !== 'true' && inline !== 'false') {
          throw new Error(`--isolated takes true or false (got ${inline})`);
        }
        options.isolated = inline !== 'false';
        if (inline === undefined) {
          i--;
        }
        break;
      case '--no-isolated':
        options.isolated = false;
        if (inline === undefined) {
          i--;
        } else {
          throw new Error('--no-isolated takes no value');
        }
        break;
      default:
        throw new Error(`unknown option ${key} (use --port, --prefix, --dir, --isolated, --no-isolated)`);
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error(`--port must be a port number (got ${options.port})`);
  }
  return options;
}

export function serve({ port, host = '127.0.0.1', prefix = '/', dir, isolated = true }) {
  const rootDir = path.resolve(dir);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname = decodeURIComponent(url.pathname);
    if (pathname === prefix.replace(/\/$/, '')) {
      res.writeHead(301, { Location: prefix });
      res.end();
      return;
    }
    if (!pathname.startsWith(prefix)) {
      res.writeHead(404).end('Not found');
      return;
    }
    pathname = pathname.slice(prefix.length);
    let file = path.resolve(rootDir, pathname);
    if (file !== rootDir && !file.startsWith(rootDir + path.sep)) {
      res.writeHead(403).end('Forbidden');
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!pathname.endsWith('/') && pathname !== '') {
        res.writeHead(301, { Location: `${prefix}${pathname}/` });
        res.end();
        return;
      }
      file = path.join(file, 'index.html');
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const stat = statSync(file);
    const modified = new Date(Math.floor(stat.mtimeMs / 1000) * 1000);
    const headers = {
      'Cache-Control': 'no-cache',
      'Last-Modified': modified.toUTCString(),
      ...(isolated
        ? {
            'Cross-Origin-Opener-Policy': 'same-origin',
            'Cross-Origin-Embedder-Policy': 'require-corp',
            'Cross-Origin-Resource-Policy': 'same-origin'
          }
        : {})
    };
    const since = Date.parse(req.headers['if-modified-since'] ?? '');
    if (!Number.isNaN(since) && since >= modified.getTime()) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': stat.size
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`serve: ${error.message}\n`);
    process.exit(2);
  }
  if (!existsSync(path.join(options.dir, 'index.html'))) {
    process.stderr.write(
      `serve: ${options.dir}/index.html is missing: build the site first (npm run build)\n`
    );
    process.exit(1);
  }
  const server = await serve(options).catch(error => {
    process.stderr.write(`serve: cannot listen on ${options.host}:${options.port}: ${error.message}\n`);
    process.exit(1);
  });
  const { port } = server.address();
  process.stdout.write(
    `asyncio-lab is being served at http://${options.host}:${port}${options.prefix}  (Ctrl+C to stop)\n` +
      (options.isolated
        ? ''
        : 'not cross-origin isolated (--no-isolated): Kernel › Interrupt cannot stop a cell that keeps Python busy\n')
  );
}
