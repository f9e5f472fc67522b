/**
 * The course shipped with this build: the manifest is bundled with the
 * extension; lesson notebooks are loaded on demand (a separate chunk) when a
 * lesson has to be created on a server that does not have it yet.
 */
import manifest from '../../notebooks/course.json';
import workshop from '../../notebooks/workshop.json';
import {
  ICourse,
  ILesson,
  IWorkshop,
  applyWorkshop,
  lessonRevision,
  parseCourse,
  stampRevision,
  validateWorkshop
} from './manifest';

let shipped: { course: ICourse; notes: Map<string, string> } | null = null;

function load() {
  if (!shipped) {
    const course = parseCourse(manifest, 'notebooks/course.json');
    const errors = validateWorkshop(workshop, course);
    if (errors.length) {
      throw new Error(
        `notebooks/workshop.json is not valid:\n  - ${errors.join('\n  - ')}`
      );
    }
    shipped = applyWorkshop(course, workshop as IWorkshop);
  }
  return shipped;
}

/** The course as this build runs it (the workshop plan applied). */
export function shippedCourse(): ICourse {
  return load().course;
}

/** Instructor notes by lesson id (shown only in instructor mode). */
export function instructorNotes(): Map<string, string> {
  return load().notes;
}

/**
 * The shipped copy of a lesson's notebook (nbformat JSON), its revision
 * stamped into its metadata (`asyncio_lab.revision`).
 */
export async function shippedNotebook(lesson: ILesson): Promise<unknown> {
  return stampRevision(await rawNotebook(lesson));
}

/** The revision of the shipped lesson (see `lessonRevision`). */
export async function shippedRevision(lesson: ILesson): Promise<string> {
  return lessonRevision(await rawNotebook(lesson));
}

async function rawNotebook(lesson: ILesson): Promise<unknown> {
  const module = await import(
    /* webpackChunkName: "asyncio-lab-lessons" */
    /* webpackInclude: /\.ipynb$/ */
    `../../notebooks/${lesson.file}`
  );
  return module.default ?? module;
}
