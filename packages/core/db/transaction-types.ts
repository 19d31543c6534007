import type { Db } from './service.ts';

type WriteCallback = Parameters<Db['transaction']['write']>[0];

/** What ElectroDB hands a transaction callback, and what the callback returns items of. */
export type TransactionEntities = Parameters<WriteCallback>[0];
export type TransactionItem = ReturnType<WriteCallback>[number];

/** Whether the item at `index` of a canceled transaction is the one whose condition failed. */
export function rejectedAt(result: { canceled: boolean; data: unknown[] }, index: number): boolean {
  return result.canceled && Boolean((result.data[index] as { rejected?: boolean } | undefined)?.rejected);
}
