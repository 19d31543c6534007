import { db } from './service.ts';
import type { TransactionEntities, TransactionItem } from './transaction-types.ts';

/** What a transaction's `.go()` answers (ElectroDB does not throw on a canceled one). */
export interface TransactionResult {
  canceled: boolean;
  data: unknown[];
}

/**
 * A write transaction whose items carry names, so a caller asks which named
 * item a canceled transaction rejected, never by position:
 *
 *   const tx = namedTransaction<'marker' | 'order' | 'voucher'>();
 *   tx.add('marker', markerPut(tx.entities, …)).add('order', …).add('voucher', ...items);
 *   const result = await tx.go();
 *   if (tx.rejected(result, 'voucher')) …
 *
 * Items are built from `tx.entities` (the same entities ElectroDB hands a
 * transaction callback). A caller that runs the items itself must put them
 * first (`transactWithEvents(() => tx.items, events)` appends its outbox rows
 * after them), so names and positions stay in step.
 *
 * Only `ConditionalCheckFailed` counts as rejected: a `TransactionConflict`
 * (another transaction on the item at that moment) is a race to retry, not an answer.
 */
export class NamedTransaction<N extends string> {
  readonly items: TransactionItem[] = [];
  readonly names: N[] = [];

  /** The entities to build items from, as a transaction callback gets them (with `check`, and `commit` typed). */
  get entities(): TransactionEntities {
    let entities: TransactionEntities | undefined;
    // ElectroDB hands the callback its service's own entities; `.params()` runs it without a request.
    db()
      .transaction.write((given) => {
        entities = given;
        return [];
      })
      .params();
    return entities!;
  }

  /** Appends items under `name` (none is fine: an optional write that is not needed this time). */
  add(name: N, ...items: TransactionItem[]): this {
    for (const item of items) {
      this.items.push(item);
      this.names.push(name);
    }
    return this;
  }

  /** Runs the items as one DynamoDB transaction; check `canceled` (or ask `rejected`). */
  go(): Promise<TransactionResult> {
    return db()
      .transaction.write(() => this.items)
      .go();
  }

  /** Whether an item added under `name` failed its condition. */
  rejected(result: TransactionResult, name: N): boolean {
    return this.rejectedIndexes(result).some((i) => this.names[i] === name);
  }

  /** The name of the first item whose condition failed, or null (not canceled, or only a conflict with another transaction). */
  firstRejected(result: TransactionResult): N | null {
    const [first] = this.rejectedIndexes(result);
    return first === undefined ? null : this.names[first]!;
  }

  /** Every name with an item whose condition failed, once each, in the order added (batches named by key). */
  rejectedNames(result: TransactionResult): N[] {
    return [...new Set(this.rejectedIndexes(result).map((i) => this.names[i]!))];
  }

  private rejectedIndexes(result: TransactionResult): number[] {
    if (!result.canceled) return [];
    if (result.data.length < this.items.length) {
      throw new Error(`a canceled transaction answered for ${result.data.length} items, ${this.items.length} were named: names and positions are out of step`);
    }
    const indexes: number[] = [];
    for (let i = 0; i < this.items.length; i++) {
      if ((result.data[i] as { code?: string } | undefined)?.code === 'ConditionalCheckFailed') indexes.push(i);
    }
    return indexes;
  }
}

export function namedTransaction<N extends string>(): NamedTransaction<N> {
  return new NamedTransaction<N>();
}
