// Step "course": the course manifest and every notebook of the course folder,
// validated with the extension's own checks (lib/course/manifest.js), and each
// notebook as the site serves it.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, fail, readJSON, rel } from './util.mjs';

/** The kernel every served notebook names (the site's Pyodide kernel). */
export const SITE_KERNELSPEC = {
  name: 'python',
  display_name: 'Python (Pyodide)',
  language: 'python'
};

/** Step: reads and checks --notebooks; gives { course, notebooks }. */
export function checkCourse({ options }) {
  return readCourse(options.notebooks);
}

export async function loadCourseModule() {
  const file = path.join(ROOT, 'lib', 'course', 'manifest.js');
  if (!fs.existsSync(file)) {
    fail(`${rel(file)} is missing: compile the extension first (npx tsc)`);
  }
  return import(pathToFileURL(file).href);
}

/**
 * The course manifest and every notebook of the course folder, validated.
 * Returns the manifest and the notebooks as { name, file, text, data }.
 */
export async function readCourse(dir) {
  const { validateCourse, validateLessonNotebook, stampRevision } =
    await loadCourseModule();
  const manifestFile = path.join(dir, 'course.json');
  const course = readJSON(manifestFile);
  const problems = validateCourse(course);
  if (problems.length) {
    fail(
      `${rel(manifestFile)}: invalid course manifest:\n  - ${problems.join('\n  - ')}`
    );
  }
  const lessonsByFile = new Map(
    course.lessons.map(lesson => [lesson.file, lesson])
  );
  const names = fs
    .readdirSync(dir)
    .filter(name => name.endsWith('.ipynb'))
    .sort();
  for (const file of lessonsByFile.keys()) {
    if (!names.includes(file)) {
      fail(
        `${rel(manifestFile)}: lesson notebook ${rel(path.join(dir, file))} does not exist`
      );
    }
  }
  const notebooks = names.map(name => {
    const file = path.join(dir, name);
    const data = readJSON(file, 'JSON (a notebook is nbformat 4 JSON)');
    const errors = validateLessonNotebook(data, lessonsByFile.get(name));
    if (errors.length) {
      fail(
        `${rel(file)}: not a valid nbformat 4 lesson notebook:\n  - ${errors.join('\n  - ')}`
      );
    }
    return { name, file, text: forSiteKernel(stampRevision(data)), data };
  });
  return { course, notebooks };
}

/**
 * The notebook as the site serves it: its kernelspec names the site's kernel,
 * so opening it picks that kernel without a warning and without marking the
 * notebook as changed. The lesson's revision is stamped into its metadata
 * (`asyncio_lab.revision`), so the panel can tell a learner's copy saved from
 * an older version of the site. Everything else is kept as written.
 */
export function forSiteKernel(notebook) {
  const copy = {
    ...notebook,
    metadata: { ...notebook.metadata, kernelspec: SITE_KERNELSPEC }
  };
  return `${JSON.stringify(copy, null, 1)}\n`;
}
