import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';

/**
 * The company side of linking a contact (`+1`) or unlinking it (`-1`), for the
 * contact's own transaction. `patch` carries attribute_exists, so linking to
 * a company that does not exist cancels the transaction at this item (the
 * contact service answers 422); `contactsCount` is no index composite, so ADD is safe.
 */
export function companyContactsDelta(entities: TransactionEntities, companyId: string, delta: 1 | -1): TransactionItem {
  return entities.company.patch({ companyId }).add({ contactsCount: delta }).commit();
}
