import { describe, expect, it } from 'vitest';
import { listTasks } from '#packages/features/activities/task-service.ts';
import { listVenues } from '#packages/features/venues/venue-service.ts';
import { toProblem } from '#packages/http/middleware/error-mapper.ts';

/** A cursor in the format services take (base64url JSON of a DynamoDB key) but for another index. */
const rawKey = (key: Record<string, string>) => Buffer.from(JSON.stringify(key)).toString('base64url');
const ctx = { actorId: 'u1', correlationId: 'c1' };

async function problemOf(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the call should have been refused').not.toBeNull();
  const res = toProblem(error);
  return { status: res.statusCode, body: JSON.parse(res.body ?? '{}') as { code?: string } };
}

describe('a wrong inner cursor reaching a service (defence in depth behind the sealed cursors)', () => {
  it('is invalid_cursor when DynamoDB refuses the start key, not an internal error', async () => {
    // Key attributes of the table, not of the venues index: "The provided starting key is invalid".
    expect(await problemOf(listVenues({ limit: 1, cursor: rawKey({ pk: 'x', sk: 'y' }) }))).toMatchObject({ status: 400, body: { code: 'invalid_cursor' } });
    // The right attributes for another partition: "… does not match the range key predicate".
    const foreign = rawKey({ pk: 'x', sk: 'y', gsi1pk: 'a', gsi1sk: 'b', gsi2pk: 'c', gsi2sk: 'd' });
    expect(await problemOf(listTasks({ limit: 1, cursor: foreign } as never, ctx))).toMatchObject({ status: 400, body: { code: 'invalid_cursor' } });
  });
});
