import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { conflict } from '#packages/core/errors.ts';
import { splitCapacity, sumOf, type Allocation, type ShardState } from './pools.ts';

/** The slices of a new pool, to put in the transaction that creates its owner. */
export function createPoolItems(entities: TransactionEntities, poolId: string, capacity: number): TransactionItem[] {
  return splitCapacity(capacity).map((slice, shard) =>
    entities.inventoryShard.create({ poolId, shard, capacity: slice, sold: 0, held: 0, available: slice }).commit(),
  );
}

/**
 * Every slice of the given pools (pool id → its slice count). Strongly
 * consistent by default, since a reservation is decided on it; a display
 * (availability) may take the half-price eventually consistent read.
 */
export async function readPools(pools: ReadonlyMap<string, number>, consistent = true): Promise<Map<string, ShardState[]>> {
  const keys = [...pools].flatMap(([poolId, shards]) => Array.from({ length: shards }, (_, shard) => ({ poolId, shard })));
  const result = new Map<string, ShardState[]>([...pools.keys()].map((id) => [id, []]));
  if (!keys.length) return result;
  const { data } = await db().entities.inventoryShard.get(keys).go({ consistent });
  for (const item of data) result.get(item.poolId)?.push(item);
  return result;
}

type Change = 'hold' | 'release' | 'confirm' | 'sell' | 'unsell' | 'block' | 'unblock';

/**
 * The slice updates for one step of an order's life (or an organiser's block).
 * Only the steps that take seats (`hold`, `sell`, `block`) carry a condition; the others move seats the order
 * already owns.
 */
export function shardUpdates(entities: TransactionEntities, allocations: readonly Allocation[], change: Change): TransactionItem[] {
  return allocations.map(({ poolId, shard, quantity: n }) => {
    const slice = entities.inventoryShard.patch({ poolId, shard });
    switch (change) {
      case 'hold':
        return slice.subtract({ available: n }).add({ held: n }).where((a, op) => op.gte(a.available, n)).commit();
      case 'sell':
        return slice.subtract({ available: n }).add({ sold: n }).where((a, op) => op.gte(a.available, n)).commit();
      case 'release':
        return slice.subtract({ held: n }).add({ available: n }).commit();
      case 'confirm':
        return slice.subtract({ held: n }).add({ sold: n }).commit();
      case 'unsell':
        return slice.subtract({ sold: n }).add({ available: n }).commit();
      case 'block':
        return slice.subtract({ available: n }).add({ blocked: n }).where((a, op) => op.gte(a.available, n)).commit();
      case 'unblock':
        return slice.subtract({ blocked: n }).add({ available: n }).commit();
    }
  });
}

/**
 * Slice updates that bring a pool to `capacity`: growth goes to slice 0;
 * shrinking takes only seats still available (never sold or held ones),
 * each take conditional so a concurrent sale cannot be undercut.
 * Returns null when fewer seats are free than the cut needs.
 */
export function resizePoolItems(entities: TransactionEntities, shards: readonly ShardState[], capacity: number): TransactionItem[] | null {
  const current = shards.reduce((sum, s) => sum + s.capacity, 0);
  const delta = capacity - current;
  if (delta === 0) return [];
  if (delta > 0) {
    return [entities.inventoryShard.patch({ poolId: shards[0]!.poolId, shard: 0 }).add({ capacity: delta, available: delta }).commit()];
  }
  let cut = -delta;
  const items: TransactionItem[] = [];
  for (const s of shards) {
    const take = Math.min(s.available, cut);
    if (take === 0) continue;
    items.push(
      entities.inventoryShard
        .patch({ poolId: s.poolId, shard: s.shard })
        .subtract({ capacity: take, available: take })
        .where((a, op) => op.gte(a.available, take))
        .commit(),
    );
    cut -= take;
    if (cut === 0) return items;
  }
  return null;
}

/** Brings a pool to `capacity` in one transaction with `alongside` (e.g. the owner's denormalized copy). */
export async function resizePool(
  poolId: string,
  shardTotal: number,
  capacity: number,
  alongside: (entities: TransactionEntities) => TransactionItem[] = () => [],
): Promise<void> {
  const shards = (await readPools(new Map([[poolId, shardTotal]]))).get(poolId) ?? [];
  const totals = sumOf(shards);
  if (totals.capacity === capacity) return;
  const result = await db()
    .transaction.write((entities) => {
      const items = resizePoolItems(entities, shards, capacity);
      if (items === null) {
        throw conflict('capacity_below_sold', 'Fewer seats are free than the reduction needs', { sold: totals.sold, held: totals.held });
      }
      return [...items, ...alongside(entities)];
    })
    .go();
  if (result.canceled) throw conflict('concurrent_update', 'Seats were sold meanwhile; read availability and try again');
}
