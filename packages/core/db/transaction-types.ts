import type { Db } from './service.ts';

type WriteCallback = Parameters<Db['transaction']['write']>[0];

/** What ElectroDB hands a transaction callback, and what the callback returns items of. */
export type TransactionEntities = Parameters<WriteCallback>[0];
export type TransactionItem = ReturnType<WriteCallback>[number];

/**
 * Whether the item at `index` of a canceled transaction failed its condition.
 * Prefer `namedTransaction()` (named-transaction.ts), which asks by name, not
 * position; this stays for create-order until it moves over.
 * Only `ConditionalCheckFailed` counts: a `TransactionConflict` (another
 * transaction touching the item at that moment) is a race to retry, not an answer.
 */
export function rejectedAt(result: { canceled: boolean; data: unknown[] }, index: number): boolean {
  return result.canceled && (result.data[index] as { code?: string } | undefined)?.code === 'ConditionalCheckFailed';
}
