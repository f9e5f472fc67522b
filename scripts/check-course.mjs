// Validates the course before anything is built from it: the manifest
// (notebooks/course.json) and every lesson notebook it lists. A problem fails
// the build naming the file and what is wrong.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { validateCourse, validateLessonNotebook, validateWorkshop } = require(
  path.join(root, 'build', 'node', 'course', 'manifest.js')
);

export function checkCourse(notebooksDir = path.join(root, 'notebooks')) {
  const problems = [];
  const manifestFile = path.join(notebooksDir, 'course.json');
  const rel = f => path.relative(root, f) || f;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    return [`${rel(manifestFile)}: not readable JSON (${error.message})`];
  }
  const manifestErrors = validateCourse(manifest);
  for (const e of manifestErrors) {
    problems.push(`${rel(manifestFile)}: ${e}`);
  }
  const lessons = Array.isArray(manifest?.lessons) ? manifest.lessons : [];
  for (const [i, lesson] of lessons.entries()) {
    // A file name the manifest check refused (e.g. "../x.ipynb") is not opened.
    if (typeof lesson?.file !== 'string' || manifestErrors.some(e => e.startsWith(`lessons[${i}].file:`))) {
      continue;
    }
    const file = path.join(notebooksDir, lesson.file);
    if (!existsSync(file)) {
      problems.push(`${rel(file)}: listed in course.json but missing`);
      continue;
    }
    let nb;
    try {
      nb = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(`${rel(file)}: not valid JSON (${error.message})`);
      continue;
    }
    for (const e of validateLessonNotebook(nb, lesson)) {
      problems.push(`${rel(file)}: ${e}`);
    }
  }
  const workshopFile = path.join(notebooksDir, 'workshop.json');
  if (existsSync(workshopFile) && !manifestErrors.length) {
    try {
      const workshop = JSON.parse(readFileSync(workshopFile, 'utf8'));
      for (const e of validateWorkshop(workshop, manifest)) {
        problems.push(`${rel(workshopFile)}: ${e}`);
      }
    } catch (error) {
      problems.push(`${rel(workshopFile)}: not valid JSON (${error.message})`);
    }
  } else if (!existsSync(workshopFile)) {
    problems.push(`${rel(workshopFile)}: missing (the workshop plan; {"version": 1} runs every lesson)`);
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = checkCourse(process.argv[2] && path.resolve(process.argv[2]));
  if (problems.length) {
    process.stderr.write(`The course is not valid:\n  - ${problems.join('\n  - ')}\n`);
    process.exit(1);
  }
  process.stdout.write('course: manifest and lesson notebooks are valid\n');
}
