import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { invalid } from '../errors.ts';

/**
 * DynamoDB refuses a start key that does not fit the query ("The provided
 * starting key is invalid", "… does not match the range key predicate", "…
 * outside query boundaries").
 */
export function refusesStartKey(error: unknown, input: unknown): boolean {
  const e = error as { name?: string; message?: string } | null;
  const hasStartKey = typeof input === 'object' && input !== null && (input as { ExclusiveStartKey?: unknown }).ExclusiveStartKey !== undefined;
  return hasStartKey && e?.name === 'ValidationException' && /start(ing)? ?key/i.test(e.message ?? '');
}

/**
 * The HTTP layer hands services only cursors it sealed itself, so a refused
 * start key means a wrong cursor from elsewhere (a bug, an internal caller):
 * defence in depth, it becomes the domain's `invalid_cursor` rather than an
 * SDK fault, for every query of the process at once.
 */
export function guardStartKeys(client: Pick<DynamoDBDocumentClient, 'middlewareStack'>): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (refusesStartKey(error, args.input)) throw invalid('invalid_cursor', 'The cursor is not one this API issued');
        throw error;
      }
    },
    { step: 'initialize', name: 'guardStartKeys' },
  );
}
