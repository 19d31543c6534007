import { MissingKindPermission } from '#packages/features/exports/export-job.ts';
import { HttpProblem } from '#packages/http/problem.ts';

/**
 * Domain errors have no "forbidden" kind (permissions are the authorizer's
 * job); an export job's kind brings a permission of its own beyond the
 * route's, and lacking it is the authorizer's 403.
 */
export async function withKindPermission<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof MissingKindPermission) throw new HttpProblem({ status: 403, code: 'forbidden', title: 'Forbidden', detail: error.message });
    throw error;
  }
}
