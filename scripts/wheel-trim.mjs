// Rewrite a wheel without some of its files, deterministically (only node builtins).
//
// Every kept member is copied byte for byte (its compressed data, CRC, sizes, timestamp and
// attributes as the original wheel has them), in the original order. Members named in `rewrite`
// get the text their function returns (deflated at level 9, same timestamp), and the wheel's
// RECORD is written anew: the original RECORD without the lines of the dropped files, with the
// hash and size of each rewritten one. The same input wheel and the same rules therefore always
// give the same bytes.
//
//   import { trimWheel } from './wheel-trim.mjs';
//   trimWheel(src, { drop: ['pkg/big_data/'] })  ->  { data (the new wheel's bytes), kept, dropped }
//   trimWheel(src, { drop: name => ..., rewrite: { 'pkg/index.py': text => ... } })

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The central directory of a zip file (no zip64, no multi-disk: wheels of this size need neither). */
function readEntries(zip, label) {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === SIG_END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`${label}: not a zip file (no end of central directory)`);
  const count = zip.readUInt16LE(end + 10);
  const cdOffset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new Error(`${label}: zip64 is not supported`);
  const entries = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== SIG_CENTRAL) throw new Error(`${label}: bad central directory entry ${i}`);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const entry = {
      madeBy: zip.readUInt16LE(p + 4),
      needed: zip.readUInt16LE(p + 6),
      flags: zip.readUInt16LE(p + 8),
      method: zip.readUInt16LE(p + 10),
      time: zip.readUInt16LE(p + 12),
      date: zip.readUInt16LE(p + 14),
      crc: zip.readUInt32LE(p + 16),
      csize: zip.readUInt32LE(p + 20),
      usize: zip.readUInt32LE(p + 24),
      internalAttr: zip.readUInt16LE(p + 36),
      externalAttr: zip.readUInt32LE(p + 38),
      localOffset: zip.readUInt32LE(p + 42),
      name: zip.toString('utf8', p + 46, p + 46 + nameLen)
    };
    if (entry.flags & 1) throw new Error(`${label}: ${entry.name} is encrypted`);
    const l = entry.localOffset;
    if (zip.readUInt32LE(l) !== SIG_LOCAL) throw new Error(`${label}: bad local header for ${entry.name}`);
    const dataStart = l + 30 + zip.readUInt16LE(l + 26) + zip.readUInt16LE(l + 28);
    entry.data = zip.subarray(dataStart, dataStart + entry.csize);
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function content(entry) {
  if (entry.method === 0) return entry.data;
  if (entry.method === 8) return zlib.inflateRawSync(entry.data);
  throw new Error(`${entry.name}: compression method ${entry.method} is not supported`);
}

/** The text of every member of a wheel whose path `select` accepts, by path. */
export function wheelTexts(src, select) {
  const entries = readEntries(fs.readFileSync(src), src).filter((e) => select(e.name));
  return new Map(entries.map((e) => [e.name, content(e).toString('utf8')]));
}

/** A replacement member: same attributes, new content deflated. */
function replaced(entry, content) {
  const data = zlib.deflateRawSync(content, { level: 9 });
  return { ...entry, method: 8, crc: crc32(content), csize: data.length, usize: content.length, data };
}

/** RECORD's hash field for some bytes. */
function recordHash(content) {
  return `sha256=${createHash('sha256').update(content).digest('base64url')}`;
}

/**
 * The bytes of the wheel `src` without the members `drop` selects (a list of path prefixes or a
 * function of the path) and without their RECORD lines, with the members named in `rewrite`
 * replaced by what their function returns for their text. Fails if a prefix matches nothing, a
 * rewritten member is missing, or the wheel's metadata would be dropped or rewritten.
 */
export function trimWheel(src, { drop, rewrite = {} }) {
  const zip = fs.readFileSync(src);
  const entries = readEntries(zip, src);
  const isDropped = typeof drop === 'function' ? drop : (name) => drop.some((prefix) => name.startsWith(prefix));
  if (Array.isArray(drop)) {
    for (const prefix of drop) {
      if (!entries.some((e) => e.name.startsWith(prefix))) throw new Error(`${src}: nothing under ${prefix} to drop`);
    }
  }
  for (const name of Object.keys(rewrite)) {
    if (!entries.some((e) => e.name === name)) throw new Error(`${src}: no ${name} to rewrite`);
    if (isDropped(name) || /\.dist-info\//.test(name)) throw new Error(`${src}: cannot rewrite ${name}`);
  }
  const newContent = new Map(
    entries
      .filter((e) => rewrite[e.name])
      .map((e) => [e.name, Buffer.from(rewrite[e.name](content(e).toString('utf8')), 'utf8')])
  );
  const records = entries.filter((e) => /^[^/]+\.dist-info\/RECORD$/.test(e.name));
  if (records.length !== 1) throw new Error(`${src}: expected one *.dist-info/RECORD, found ${records.length}`);
  if (entries.some((e) => isDropped(e.name) && /\.dist-info\//.test(e.name))) {
    throw new Error(`${src}: refusing to drop .dist-info metadata`);
  }
  const record = records[0];
  const droppedNames = new Set(entries.filter((e) => isDropped(e.name)).map((e) => e.name));
  // RECORD is CSV: path,hash,size; paths with commas or quotes are quoted.
  const recordText = content(record).toString('utf8');
  const lines = recordText.split(/\r?\n/).filter((line) => line !== '');
  const pathOf = (line) => (line.startsWith('"') ? line.slice(1, line.indexOf('",')).replace(/""/g, '"') : line.slice(0, line.indexOf(',')));
  const keptLines = lines
    .filter((line) => !droppedNames.has(pathOf(line)))
    .map((line) => {
      const text = newContent.get(pathOf(line));
      return text ? `${pathOf(line)},${recordHash(text)},${text.length}` : line;
    });
  if (lines.length - keptLines.length !== droppedNames.size) {
    throw new Error(`${src}: RECORD lists ${lines.length - keptLines.length} of the ${droppedNames.size} dropped files`);
  }
  for (const name of newContent.keys()) {
    if (!lines.some((line) => pathOf(line) === name)) throw new Error(`${src}: RECORD does not list ${name}`);
  }
  const newRecord = Buffer.from(keptLines.join('\n') + '\n', 'utf8');

  const parts = [];
  const central = [];
  let offset = 0;
  let kept = 0;
  for (const e of entries) {
    if (droppedNames.has(e.name)) continue;
    const out = e === record ? replaced(e, newRecord) : newContent.has(e.name) ? replaced(e, newContent.get(e.name)) : e;
    const name = Buffer.from(out.name, 'utf8');
    // bit 3 (sizes in a trailing data descriptor) is cleared: the sizes are in the header
    const flags = out.flags & ~0x8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(out.needed, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(out.method, 8);
    local.writeUInt16LE(out.time, 10);
    local.writeUInt16LE(out.date, 12);
    local.writeUInt32LE(out.crc, 14);
    local.writeUInt32LE(out.csize, 18);
    local.writeUInt32LE(out.usize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(SIG_CENTRAL, 0);
    cd.writeUInt16LE(out.madeBy, 4);
    cd.writeUInt16LE(out.needed, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(out.method, 10);
    cd.writeUInt16LE(out.time, 12);
    cd.writeUInt16LE(out.date, 14);
    cd.writeUInt32LE(out.crc, 16);
    cd.writeUInt32LE(out.csize, 20);
    cd.writeUInt32LE(out.usize, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt16LE(out.internalAttr, 36);
    cd.writeUInt32LE(out.externalAttr, 38);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, out.data);
    central.push(cd, name);
    offset += local.length + name.length + out.data.length;
    kept++;
  }
  const cdSize = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_END, 0);
  end.writeUInt16LE(kept, 8);
  end.writeUInt16LE(kept, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return { data: Buffer.concat([...parts, ...central, end]), kept, dropped: droppedNames.size };
}
