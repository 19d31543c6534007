import { describe, expect, it } from 'vitest';
import { namedTransaction, type TransactionResult } from '#packages/core/db/named-transaction.ts';
import type { TransactionItem } from '#packages/core/db/transaction-types.ts';

/** Stand-ins for built items: the helper only counts and names them. */
const item = (label: string) => ({ label }) as unknown as TransactionItem;

/** ElectroDB's answer for a canceled transaction: one entry per item, in order, with DynamoDB's reason code. */
const canceled = (...codes: string[]): TransactionResult => ({
  canceled: true,
  data: codes.map((code) => ({ rejected: code !== 'None', code, message: '', item: null })),
});

function orderLike() {
  return namedTransaction<'marker' | 'order' | 'allocation' | 'voucher'>()
    .add('marker', item('marker'))
    .add('order', item('order'))
    .add('allocation', item('a1'), item('a2'))
    .add('voucher', item('voucher'));
}

describe('namedTransaction', () => {
  it('keeps the items in the order added, each under its name', () => {
    const tx = orderLike();
    expect(tx.items.map((i) => (i as unknown as { label: string }).label)).toEqual(['marker', 'order', 'a1', 'a2', 'voucher']);
    expect(tx.names).toEqual(['marker', 'order', 'allocation', 'allocation', 'voucher']);
  });

  it('names the rejected item by where it was added, however many items came before it', () => {
    const tx = orderLike();
    const result = canceled('None', 'None', 'None', 'None', 'ConditionalCheckFailed');
    expect(tx.rejected(result, 'voucher')).toBe(true);
    for (const other of ['marker', 'order', 'allocation'] as const) expect(tx.rejected(result, other)).toBe(false);
    expect(tx.firstRejected(result)).toBe('voucher');
  });

  it('finds a rejection on any item of a name that holds several', () => {
    const tx = orderLike();
    expect(tx.rejected(canceled('None', 'None', 'None', 'ConditionalCheckFailed', 'None'), 'allocation')).toBe(true);
    expect(tx.firstRejected(canceled('None', 'None', 'None', 'ConditionalCheckFailed', 'ConditionalCheckFailed'))).toBe('allocation');
  });

  it('an item added with nothing in it takes no position', () => {
    const tx = namedTransaction<'guard' | 'row' | 'tags'>().add('guard').add('row', item('row')).add('tags', item('t1'));
    expect(tx.firstRejected(canceled('ConditionalCheckFailed', 'None'))).toBe('row');
    expect(tx.rejected(canceled('ConditionalCheckFailed', 'None'), 'guard')).toBe(false);
  });

  it('a conflict with another transaction is no rejection, and a transaction that went through rejected nothing', () => {
    const tx = orderLike();
    expect(tx.firstRejected(canceled('None', 'TransactionConflict', 'None', 'None', 'None'))).toBeNull();
    expect(tx.rejected({ canceled: false, data: [] }, 'order')).toBe(false);
  });

  it('items run after the named ones (the outbox rows) do not disturb the names', () => {
    const tx = orderLike();
    const result = canceled('None', 'ConditionalCheckFailed', 'None', 'None', 'None', 'ConditionalCheckFailed');
    expect(tx.firstRejected(result)).toBe('order');
    expect(tx.rejected(result, 'voucher')).toBe(false);
  });

  it('refuses an answer for fewer items than it named (names and positions out of step)', () => {
    const tx = orderLike();
    expect(() => tx.rejected(canceled('None', 'None', 'ConditionalCheckFailed'), 'voucher')).toThrow(/out of step/);
  });
});

describe('namedTransaction for batches named by key', () => {
  it('lists every rejected name once, in the order added, and none for a conflict', () => {
    const tx = namedTransaction<string>().add('o1', item('o1')).add('o2', item('o2a'), item('o2b')).add('o3', item('o3')).add('#counters', item('tally'));
    expect(tx.rejectedNames(canceled('ConditionalCheckFailed', 'None', 'ConditionalCheckFailed', 'ConditionalCheckFailed', 'None'))).toEqual(['o1', 'o2', 'o3']);
    expect(tx.rejectedNames(canceled('None', 'TransactionConflict', 'None', 'None', 'None'))).toEqual([]);
  });
});
