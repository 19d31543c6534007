import { NotNoteAuthor } from '#packages/features/activities/note-service.ts';
import { HttpProblem } from './problem.ts';

/**
 * Domain errors have no "forbidden" kind (permissions are the authorizer's
 * job); the one place a resource's owner matters — only a note's author may
 * change it — becomes a 403 here.
 */
export async function authorOnly<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotNoteAuthor) {
      throw new HttpProblem({ status: 403, code: 'forbidden', title: 'Forbidden', detail: error.message });
    }
    throw error;
  }
}
