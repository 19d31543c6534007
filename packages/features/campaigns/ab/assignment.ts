import { createHmac } from 'node:crypto';

/** The arm of the recipients outside the test share: they get the winner (or the fallback) after the decision. */
export const REST = 'rest' as const;

export type Assignment = { group: 'test'; variant: string } | { group: typeof REST };

/**
 * Where a contact falls in a test: HMAC-SHA256 keyed by the test id over the contact id, so the same contact
 * is always in the same group and variant of one test, and independent across tests. The first 32 bits pick
 * the group (in the test share or not, in steps of 0.01 %), the next 32 bits the variant among the test's
 * variants in their given order; a contact is in exactly one of them. A pure function: the resolve phase,
 * the rest round and the tests all call it and agree.
 */
export function assign(testId: string, contactId: string, testSharePercent: number, variantIds: readonly string[]): Assignment {
  const digest = createHmac('sha256', testId).update(contactId).digest();
  const bucket = digest.readUInt32BE(0) % 10_000;
  if (bucket >= Math.round(testSharePercent * 100)) return { group: REST };
  const variant = variantIds[digest.readUInt32BE(4) % variantIds.length]!;
  return { group: 'test', variant };
}
