import { describe, expect, it } from 'vitest';
import { handler } from '#functions/jobs/wake-up.ts';

/** The wake-ups' target answers a kind it does not know without loading anything; the known kinds run in test/e2e/wake-ups.test.ts and lifetime-value.test.ts. */
describe('wake-up handler', () => {
  it.each([{ wake: { kind: 'nope', id: 'x' } }, { wake: { kind: 'constructor', id: 'x' } }, { wake: { kind: 'toString', id: 'x' } }, {}])('answers unknown_kind to %j', async (event) => {
    expect(await handler(event as never)).toEqual({ outcome: 'unknown_kind' });
  });
});
