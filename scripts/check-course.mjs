// Validates the course before anything is built from it: the manifest
// (notebooks/course.json) and every lesson notebook it lists, each lesson also
// against its time budget (src/course/budget.ts). A problem fails the build
// naming the file and what is wrong; a warning (a lesson on the temporary
// over-budget list) is printed and does not.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { validateCourse, validateLessonNotebook, validateWorkshop } = require(
  path.join(root, 'build', 'node', 'course', 'manifest.js')
);
const { OVER_BUDGET_UNTIL_SPLIT, describeBudget, lessonBudget } = require(
  path.join(root, 'build', 'node', 'course', 'budget.js')
);

/**
 * The problems of the course in `notebooksDir`, one line each; warnings (which
 * do not fail the build) are added to `warnings`.
 */
export function checkCourse(notebooksDir = path.join(root, 'notebooks'), warnings = []) {
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
    const notebookErrors = validateLessonNotebook(nb, lesson);
    for (const e of notebookErrors) {
      problems.push(`${rel(file)}: ${e}`);
    }
    if (!notebookErrors.length && !manifestErrors.some(e => e.startsWith(`lessons[${i}].`))) {
      const budget = lessonBudget(nb, lesson);
      const figures = describeBudget(budget);
      if (!OVER_BUDGET_UNTIL_SPLIT.includes(lesson.id)) {
        if (budget.over.length) {
          problems.push(`${rel(file)}: over its time budget: ${budget.over.join('; ')} (${figures})`);
        }
      } else if (budget.over.length) {
        warnings.push(
          `${rel(file)}: over its time budget until it is split (OVER_BUDGET_UNTIL_SPLIT): ${budget.over.join('; ')} (${figures})`
        );
      } else {
        problems.push(
          `${rel(file)}: fits its time budget now (${figures}): remove "${lesson.id}" from OVER_BUDGET_UNTIL_SPLIT in src/course/budget.ts`
        );
      }
    }
  }
  if (!manifestErrors.length) {
    for (const id of OVER_BUDGET_UNTIL_SPLIT) {
      if (!lessons.some(l => l.id === id)) {
        problems.push(
          `${rel(manifestFile)}: "${id}" in OVER_BUDGET_UNTIL_SPLIT (src/course/budget.ts) is no lesson of the course: remove it`
        );
      }
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
  const warnings = [];
  const problems = checkCourse(process.argv[2] ? path.resolve(process.argv[2]) : undefined, warnings);
  for (const w of warnings) {
    process.stdout.write(`course: warning: ${w}\n`);
  }
  if (problems.length) {
    process.stderr.write(`The course is not valid:\n  - ${problems.join('\n  - ')}\n`);
    process.exit(1);
  }
  process.stdout.write('course: manifest and lesson notebooks are valid\n');
}
