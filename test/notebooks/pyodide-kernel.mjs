// Boot the real JupyterLite Pyodide kernel (pyodide_kernel 0.8.6) under Node, offline,
// with exactly the wheels the site ships (build/wheels/wheels.json), and run cells
// through `pyodide_kernel.kernel_instance.run(code)` while capturing every output
// the browser worker would publish (stream, display_data, update_display_data,
// execute_result, error, clear_output).
//
// Mirrors @jupyterlite/pyodide-kernel/lib/worker.js (initRuntime/initKernel/
// initGlobals/execute) minus micropip/piplite and the DriveFS mount.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// ASYNCIO_LAB_WHEELS_DIR: use another wheels dir (same wheels.json layout), e.g. for experiments.
export const WHEELS_DIR = path.resolve(process.env.ASYNCIO_LAB_WHEELS_DIR || path.join(ROOT, 'build', 'wheels'));
export const PYODIDE_DIR = path.join(ROOT, 'node_modules', 'pyodide');
export const CHECK_MIME = 'application/vnd.asyncio-lab.check+json';

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
export const stripAnsi = (s) => String(s).replace(ANSI, '');

/** Read build/wheels/wheels.json; fail with a clear message if absent or incomplete. */
export function readWheelManifest({ exclude = [] } = {}) {
  const manifest = path.join(WHEELS_DIR, 'wheels.json');
  if (!fs.existsSync(manifest)) {
    throw new Error(`${path.relative(ROOT, manifest)} is missing: run \`node scripts/kernel-wheels.mjs\` first`);
  }
  const { wheels, completion = [], python } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  const missing = [...wheels, ...completion].filter((w) => !fs.existsSync(path.join(WHEELS_DIR, w)));
  if (missing.length) {
    throw new Error(`wheels listed in wheels.json but absent: ${missing.join(', ')}; rerun node scripts/kernel-wheels.mjs`);
  }
  const dropped = wheels.filter((w) => exclude.some((x) => w.toLowerCase().startsWith(`${x.toLowerCase()}-`)));
  return { wheels: wheels.filter((w) => !dropped.includes(w)), completion, dropped, python };
}

/** If python/asyncio_lab/ changed after the shipped asyncio_lab wheel was built, say so. */
export function staleOwnWheel(wheels) {
  const own = wheels.find((w) => w.startsWith('asyncio_lab-'));
  const src = path.join(ROOT, 'python', 'asyncio_lab');
  if (!own || !fs.existsSync(src)) return null;
  const built = fs.statSync(path.join(WHEELS_DIR, own)).mtimeMs;
  let newest = null;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === '__pycache__') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (fs.statSync(p).mtimeMs > built && !newest) newest = p;
    }
  };
  walk(src);
  return newest ? `${path.relative(ROOT, newest)} is newer than build/wheels/${own}` : null;
}

// Pyodide's WebLoop schedules every call_later with the global setTimeout and does not
// clear it when the asyncio handle is cancelled (e.g. asyncio.wait_for's 10 s timeout),
// so Node would idle until such timers fire. Track the timers and clear them at the end.
const pendingTimers = new Set();
let timersPatched = false;
function trackTimers() {
  if (timersPatched) return;
  timersPatched = true;
  const { setTimeout: st, clearTimeout: ct } = globalThis;
  globalThis.setTimeout = function (fn, ms, ...rest) {
    const h = st(function (...a) {
      pendingTimers.delete(h);
      return typeof fn === 'function' ? fn.apply(this, a) : undefined;
    }, ms, ...rest);
    pendingTimers.add(h);
    return h;
  };
  globalThis.clearTimeout = function (h) {
    pendingTimers.delete(h);
    return ct(h);
  };
}

/** Clear every timer Pyodide left pending, so the process can exit. Call once all kernels are done. */
export function clearPendingTimers() {
  for (const h of pendingTimers) clearTimeout(h);
  pendingTimers.clear();
}

function toJs(x) {
  if (x && typeof x === 'object' && typeof x.toJs === 'function') {
    return x.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
  }
  return x;
}

/**
 * Boot Pyodide + the kernel. Returns { pyodide, kernel, timings, wheels, execute(code),
 * installCompletionWheels(), complete(code, cursorPos) }.
 * `execute(code)` resolves to { status, outputs, ename, evalue, traceback, ms } where
 * outputs are nbformat-like dicts. As on the site, the wheels only completion needs
 * (wheels.json "completion") are not installed at boot: `installCompletionWheels()` does what
 * the site's worker does before the first completion request.
 */
export async function bootKernel({ exclude = [], log = () => {} } = {}) {
  const timings = {};
  const { wheels, completion, dropped } = readWheelManifest({ exclude });
  const stale = process.env.ASYNCIO_LAB_WHEELS_DIR ? null : staleOwnWheel(wheels);
  if (stale) throw new Error(`${stale}: rebuild with \`npm run build:wheel && node scripts/kernel-wheels.mjs\``);

  trackTimers();
  let t = performance.now();
  const { loadPyodide } = await import(pathToFileURL(path.join(PYODIDE_DIR, 'pyodide.mjs')).href);
  const rawLog = [];
  const pyodide = await loadPyodide({
    indexURL: PYODIDE_DIR + path.sep,
    stdout: (s) => rawLog.push(['stdout', s]),
    stderr: (s) => rawLog.push(['stderr', s]),
  });
  timings.loadPyodide = performance.now() - t;

  t = performance.now();
  // Same call the site's worker makes, with local file paths instead of URLs.
  await pyodide.loadPackage(
    wheels.map((w) => path.join(WHEELS_DIR, w)),
    { messageCallback: (m) => log(m), errorCallback: (m) => rawLog.push(['loadPackage', m]) }
  );
  timings.loadWheels = performance.now() - t;

  t = performance.now();
  await pyodide.runPythonAsync('import pyodide_kernel');
  timings.importKernel = performance.now() - t;

  const pk = pyodide.pyimport('pyodide_kernel');
  const kernel = pk.kernel_instance;
  const interp = kernel.interpreter;
  kernel._parent_header = pyodide.toPy({ header: { msg_id: 'node-runner', msg_type: 'execute_request' } });

  // Outputs go to whichever cell is executing; output published between cells
  // (background tasks) is kept in `stray`.
  let sink = null;
  const stray = [];
  const push = (o) => {
    const out = sink ?? stray;
    const last = out[out.length - 1];
    // consecutive writes to one stream form one output, as in the browser
    if (o.output_type === 'stream' && last?.output_type === 'stream' && last.name === o.name) last.text += o.text;
    else out.push(o);
  };
  const stream = (name, text) => push({ output_type: 'stream', name: String(toJs(name)), text: String(toJs(text)) });
  pk.stdout_stream.publish_stream_callback = stream;
  pk.stderr_stream.publish_stream_callback = stream;
  interp.display_pub.display_data_callback = (data, metadata, transient) =>
    push({ output_type: 'display_data', data: toJs(data) ?? {}, metadata: toJs(metadata) ?? {}, transient: toJs(transient) ?? {} });
  interp.display_pub.update_display_data_callback = (data, metadata, transient) =>
    push({ output_type: 'update_display_data', data: toJs(data) ?? {}, metadata: toJs(metadata) ?? {}, transient: toJs(transient) ?? {} });
  interp.display_pub.clear_output_callback = (wait) => push({ output_type: 'clear_output', wait: !!toJs(wait) });
  interp.displayhook.publish_execution_result = (count, data, metadata) =>
    push({ output_type: 'execute_result', execution_count: toJs(count), data: toJs(data) ?? {}, metadata: toJs(metadata) ?? {} });

  async function execute(code) {
    const outputs = [];
    sink = outputs;
    const t0 = performance.now();
    let res;
    try {
      const proxy = await kernel.run(code);
      res = toJs(proxy);
      proxy?.destroy?.();
    } finally {
      sink = null;
    }
    const ms = performance.now() - t0;
    if (res.status === 'error') {
      outputs.push({
        output_type: 'error',
        ename: stripAnsi(res.ename),
        evalue: stripAnsi(res.evalue),
        traceback: (res.traceback || []).map(stripAnsi),
      });
    }
    return { status: res.status, outputs, ms, ename: res.ename, evalue: res.evalue, traceback: res.traceback };
  }

  const sitePackages = pyodide.runPython('import sysconfig; sysconfig.get_paths()["purelib"]');
  async function installCompletionWheels() {
    // Same steps as the site's worker (lite/src/kernel/remote.ts): unpack each wheel, in order.
    for (const w of completion) {
      pyodide.unpackArchive(new Uint8Array(fs.readFileSync(path.join(WHEELS_DIR, w))), 'wheel', { extractDir: sitePackages });
    }
    pyodide.runPython('import importlib; importlib.invalidate_caches()');
  }

  /** What a complete_request returns: { matches, cursor_start, cursor_end, status, ... }. */
  function complete(code, cursorPos = code.length) {
    const proxy = kernel.complete(code, cursorPos);
    const res = toJs(proxy);
    proxy?.destroy?.();
    return res;
  }

  return { pyodide, kernel, interp, execute, installCompletionWheels, complete, timings, wheels, completion, dropped, stray, rawLog };
}

/**
 * What is wrong with a wheel's RECORD, checked by Python's zipfile inside the booted kernel `k`:
 * files whose hash or size differ from their line, files without a line, lines without a file.
 * The wheel is copied to /tmp/checked.whl in Pyodide's file system.
 */
export function recordProblems(k, wheelFile) {
  k.pyodide.FS.writeFile('/tmp/checked.whl', new Uint8Array(fs.readFileSync(wheelFile)));
  return toJs(
    k.pyodide.runPython(`
import base64, csv, hashlib, io, zipfile
z = zipfile.ZipFile('/tmp/checked.whl')
names = set(z.namelist())
record = [n for n in names if n.endswith('.dist-info/RECORD')][0]
problems, listed = [], set()
for row in csv.reader(io.StringIO(z.read(record).decode())):
    listed.add(row[0])
    if row[0] == record:
        continue
    data = z.read(row[0])
    digest = 'sha256=' + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
    if row[1] != digest or int(row[2]) != len(data):
        problems.append('hash or size: ' + row[0])
problems += ['not listed: ' + n for n in sorted(names - listed)]
problems += ['missing: ' + n for n in sorted(listed - names)]
problems
`)
  );
}

/** Cell source as a string (nbformat allows a list of lines). */
export const cellSource = (cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source ?? '');

/** Error outputs of a cell result (output_type 'error'). */
export const errorsOf = (outputs) => outputs.filter((o) => o.output_type === 'error');

/** The check payloads (CHECK_MIME) a cell displayed. */
export const checksOf = (outputs) =>
  outputs
    .filter((o) => ['display_data', 'execute_result', 'update_display_data'].includes(o.output_type) && o.data?.[CHECK_MIME])
    .map((o) => {
      const p = o.data[CHECK_MIME];
      return typeof p === 'string' ? JSON.parse(p) : p;
    });

/** Human-readable one-line-per-output summary (for failure messages). */
export function describeOutputs(outputs) {
  return outputs
    .map((o) => {
      switch (o.output_type) {
        case 'stream':
          return `[${o.name}] ${o.text.trimEnd()}`;
        case 'error':
          return `[error] ${o.ename}: ${o.evalue}\n${o.traceback.join('\n')}`;
        default: {
          const d = o.data || {};
          const body = d[CHECK_MIME] ? JSON.stringify(d[CHECK_MIME]) : d['text/plain'] ?? Object.keys(d).join(',');
          return `[${o.output_type}] ${String(body).trimEnd()}`;
        }
      }
    })
    .join('\n');
}
