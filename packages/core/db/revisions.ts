import { preconditionFailed } from '../errors.ts';

/**
 * Optimistic concurrency for edits (docs/api-conventions.md, "Concurrent
 * edits"): an entity spreads `revisioned` into its attributes; every edit
 * through its service bumps `revision` by one (`bump`) in the same write, and an
 * edit that carries the caller's `If-Match` is conditional on it
 * (`revisionCondition`), so two editors cannot silently overwrite each other —
 * the database refuses the second, never a read-then-check. GET answers the
 * revision as the `ETag`. A new item has none stored and counts as revision 0
 * (so do items written before the attribute existed); the first edit's ADD
 * makes it 1. No default: a create answered from its input, not a re-read,
 * must show the same revision a GET then answers.
 */
export const revisioned = {
  revision: { type: 'number' },
} as const;

/** The revision the caller last read (`If-Match`), or undefined when it sent none. */
export type ExpectedRevision = number | undefined;

export const revisionOf = (item: { revision?: number | null }): number => item.revision ?? 0;

interface Attr {
  revision: unknown;
}
interface Op {
  eq: (attr: never, value: number) => string;
  notExists: (attr: never) => string;
}

/** The condition expression for ElectroDB's `where`, '' when the caller sent no `If-Match`. */
export function revisionCondition(attr: Attr, op: Op, expected: ExpectedRevision): string {
  if (expected === undefined) return '';
  return expected === 0 ? op.notExists(attr.revision as never) : op.eq(attr.revision as never, expected);
}

/** Joins condition expressions, leaving out empty ones. */
export const allOf = (...conditions: string[]): string => conditions.filter(Boolean).map((c) => `(${c})`).join(' AND ');

/** After a refused conditional write: was it the revision? Then 412, with the current one. */
export function assertRevision(what: string, id: string, current: { revision?: number | null }, expected: ExpectedRevision): void {
  if (expected !== undefined && revisionOf(current) !== expected) throw preconditionFailed(what, id, { currentRevision: revisionOf(current) });
}

/** The `.add()` of every edit: one more revision. */
export const bump = { revision: 1 } as const;
