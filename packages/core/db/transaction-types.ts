import type { Db } from './service.ts';

type WriteCallback = Parameters<Db['transaction']['write']>[0];

/** What ElectroDB hands a transaction callback, and what the callback returns items of. */
export type TransactionEntities = Parameters<WriteCallback>[0];
export type TransactionItem = ReturnType<WriteCallback>[number];
