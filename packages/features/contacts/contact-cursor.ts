import { createHash } from 'node:crypto';
import type { ContactFilter } from './contract.ts';
import { invalid } from '#packages/core/errors.ts';

/** A DynamoDB key (table keys plus the read index's keys), all strings in this table. */
export type Key = Record<string, string>;

const badCursor = () => invalid('invalid_cursor', 'The cursor is not one this API issued for these filters');

/**
 * Which query a cursor belongs to: the filters and the sort. A cursor carries
 * it, so one made for other filters (another index, another partition) is a
 * 400 instead of a key DynamoDB would refuse.
 */
function queryTag(f: ContactFilter): string {
  const { limit: _limit, cursor: _cursor, ...query } = f;
  const canonical = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url').slice(0, 16);
}

export function encodeCursor(key: Key, f: ContactFilter): string {
  return Buffer.from(JSON.stringify({ q: queryTag(f), k: key })).toString('base64url');
}

/** The start key of `cursor`, checked: issued for these filters and naming exactly the read's key attributes. */
export function decodeCursor(cursor: string | undefined, f: ContactFilter, keyFields: readonly string[]): Key | null {
  if (cursor === undefined || cursor === '') return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const { q, k } = (decoded ?? {}) as { q?: unknown; k?: unknown };
  if (q !== queryTag(f) || typeof k !== 'object' || k === null || Array.isArray(k)) throw badCursor();
  const entries = Object.entries(k);
  const exact = entries.length === keyFields.length && entries.every(([name, v]) => keyFields.includes(name) && typeof v === 'string' && v.length > 0);
  if (!exact) throw badCursor();
  return k as Key;
}

/** ElectroDB's cursor is base64url JSON of the LastEvaluatedKey; these convert to and from the key itself. */
export const toElectroCursor = (key: Key | null): string | null => (key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null);

export const fromElectroCursor = (cursor: string | null): Key | null =>
  cursor ? (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Key) : null;
