// Step "contents": the course folder as JupyterLite's contents API serves it
// (files/ and api/contents/), from the notebooks the "course" step read.

import fs from 'node:fs';
import path from 'node:path';
import { writeJSON } from './util.mjs';

/** Step: writes the notebooks and their listings into `site`. */
export function writeCourseContents({ course, notebooks, site }) {
  writeContents(course, notebooks, site);
  return {};
}

/** Contents API listings and file bodies for the course folder. */
export function writeContents(course, notebooks, site) {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const stamp = file =>
    (epoch
      ? new Date(Number(epoch) * 1000)
      : fs.statSync(file).mtime
    ).toISOString();
  const folder = course.lessonsDirectory;
  const entries = notebooks.map(({ name, file, text }) => ({
    name,
    path: `${folder}/${name}`,
    type: 'notebook',
    format: null,
    mimetype: null,
    content: null,
    size: Buffer.byteLength(text),
    writable: true,
    created: stamp(file),
    last_modified: stamp(file)
  }));
  for (const { name, text } of notebooks) {
    const target = path.join(site, 'files', folder, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  const newest =
    entries
      .map(e => e.last_modified)
      .sort()
      .pop() ?? new Date(0).toISOString();
  const listing = (name, dirPath, content) => ({
    name,
    path: dirPath,
    type: 'directory',
    format: 'json',
    mimetype: null,
    content,
    size: null,
    writable: true,
    created: newest,
    last_modified: newest
  });
  writeJSON(
    path.join(site, 'api', 'contents', folder, 'all.json'),
    listing(folder, folder, entries)
  );
  writeJSON(
    path.join(site, 'api', 'contents', 'all.json'),
    listing('', '', [{ ...listing(folder, folder, null), format: null }])
  );
}
