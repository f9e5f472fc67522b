/**
 * The course shipped with this build: the manifest is bundled with the
 * extension; lesson notebooks are loaded on demand (a separate chunk) when a
 * lesson has to be created on a server that does not have it yet.
 */
import manifest from '../notebooks/course.json';
import { ICourse, ILesson, parseCourse } from './course';

let course: ICourse | null = null;

export function shippedCourse(): ICourse {
  if (!course) {
    course = parseCourse(manifest, 'notebooks/course.json');
  }
  return course;
}

/**
 * The shipped copy of a lesson's notebook (nbformat JSON).
 */
export async function shippedNotebook(lesson: ILesson): Promise<unknown> {
  const module = await import(
    /* webpackChunkName: "asyncio-lab-lessons" */
    /* webpackInclude: /\.ipynb$/ */
    `../notebooks/${lesson.file}`
  );
  return module.default ?? module;
}
