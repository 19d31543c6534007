/** A capacity pool: a ticket type, an event's total capacity, or a voucher's blocked seats. */
export const ticketTypePool = (ticketTypeId: string) => `tt#${ticketTypeId}`;
export const eventPool = (eventId: string) => `ev#${eventId}`;
export const voucherPool = (voucherId: string) => `vo#${voucherId}`;

/** Writes to one item top out near 1,000/s; a slice per ~500 seats, at most 16, keeps a big on-sale spread. */
export const SEATS_PER_SHARD = 500;
export const MAX_SHARDS = 16;

export function shardCount(capacity: number): number {
  return Math.min(MAX_SHARDS, Math.max(1, Math.ceil(capacity / SEATS_PER_SHARD)));
}

/** Capacity split as evenly as integers allow; the first slices take the remainder. */
export function splitCapacity(capacity: number, shards = shardCount(capacity)): number[] {
  const base = Math.floor(capacity / shards);
  return Array.from({ length: shards }, (_, i) => base + (i < capacity % shards ? 1 : 0));
}

export interface Allocation {
  poolId: string;
  shard: number;
  quantity: number;
}

export interface ShardState {
  poolId: string;
  shard: number;
  capacity: number;
  sold: number;
  held: number;
  available: number;
  /** Taken off sale by an organiser (absent on slices never blocked from). */
  blocked?: number | undefined;
}

/**
 * Picks slices for each pool's demand, starting at a random slice so that
 * concurrent buyers spread out; takes from several slices only when one is
 * not enough. Returns null when a pool has too little left in total.
 */
export function allocate(demand: ReadonlyMap<string, number>, shards: ReadonlyMap<string, ShardState[]>, random = Math.random): Allocation[] | null {
  const allocations: Allocation[] = [];
  for (const [poolId, wanted] of demand) {
    const slices = (shards.get(poolId) ?? []).filter((s) => s.available > 0);
    if (slices.reduce((sum, s) => sum + s.available, 0) < wanted) return null;
    const start = Math.floor(random() * slices.length);
    const ordered = [...slices.slice(start), ...slices.slice(0, start)];
    // Prefer one slice that fits whole: fewer items in the transaction.
    const whole = ordered.find((s) => s.available >= wanted);
    let remaining = wanted;
    for (const slice of whole ? [whole] : ordered) {
      const take = Math.min(slice.available, remaining);
      allocations.push({ poolId, shard: slice.shard, quantity: take });
      remaining -= take;
      if (remaining === 0) break;
    }
  }
  return allocations;
}

/**
 * Slices picked without reading them: each pool's whole demand on one slice
 * drawn at random (the only one, for a pool of one slice). The conditional
 * transaction decides; only when a slice turns out short does the caller
 * read the pool and `allocate` from what is really there.
 */
export function blindAllocation(demand: ReadonlyMap<string, number>, poolShards: ReadonlyMap<string, number>, random = Math.random): Allocation[] {
  return [...demand].map(([poolId, quantity]) => ({ poolId, shard: Math.floor(random() * (poolShards.get(poolId) ?? 1)), quantity }));
}

export function sumOf(shards: readonly ShardState[]) {
  return shards.reduce(
    (t, s) => ({ capacity: t.capacity + s.capacity, sold: t.sold + s.sold, held: t.held + s.held, blocked: t.blocked + (s.blocked ?? 0), available: t.available + s.available }),
    { capacity: 0, sold: 0, held: 0, blocked: 0, available: 0 },
  );
}
