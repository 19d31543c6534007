import type { CpuSpent } from '../lib/cpu.ts';
import type { FloorRun } from '../lib/transaction-floor.ts';
import type { Percentiles } from './stats.ts';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface RaceData {
  buyers: number;
  tickets: number;
  concurrency: number;
  idempotencyKey: boolean;
  wallMs: number;
  /** Order requests attempted per second of wall time. */
  attemptedPerSecond: number;
  latencyMs: { all: Percentiles | null; created: Percentiles | null; refused: Percentiles | null };
  /** `201`, `409 sold_out`, `409 sold_out (retries exhausted)`, `0 ECONNRESET`, … → count. */
  outcomes: Record<string, number>;
  created: number;
  soldOut: number;
  other: number;
  /** The ticket type's counts from GET /v1/events/{id}/availability once every answer was in. */
  availability: { capacity: number; sold: number; held: number; available: number };
  /** GET /v1/events/{id}/orders?status=pending, counted. */
  pendingOrders: number;
  oversoldBy201: number;
  oversoldByAvailability: number;
  /** Seats still available after at least one buyer was refused as sold out. */
  unsoldWhileRefused: number;
  checks: Check[];
  /** What the server's DynamoDB calls reported during the race (API requests only); null when the race ran unmetered. */
  capacity: { calls: number; rcu: number; wcu: number; failedCalls: Record<string, number> } | null;
  /** CPU the bench process (local stack: API, handlers, bus, Stripe stand-in) and DynamoDB Local spent during the burst. */
  cpu: CpuSpent;
}

export interface Target {
  name: string;
  /** null: not measured. */
  ok: boolean | null;
  detail: string;
}

export interface Units {
  calls: number;
  rcu: number;
  wcu: number;
  /** Of rcu/wcu: what the global secondary indexes took. */
  rcuIndexes: number;
  wcuIndexes: number;
}

export interface CommandUnits {
  calls: number;
  units: number;
  indexUnits: number;
  /** As DynamoDB would bill it (see OperationCapacity.billed). */
  billed: number;
}

export interface TraceRow {
  origin: string;
  command: string;
  items: string;
  units: number;
  indexUnits: number;
  billed: number;
  billedIndexes: number;
  returned?: number;
  error?: string;
}

export interface PoolInfo {
  pool: string;
  capacity: number;
  shards: number;
}

export interface OperationCapacity {
  key: string;
  label: string;
  route: string;
  sale: string;
  repetitions: number;
  /** HTTP round trip; inflated by the meter's before/after reads of every write, so not rendered. */
  latencyMs: Percentiles | null;
  /** Per operation (mean over the repetitions), the request's own calls. */
  request: Units;
  byCommand: Record<string, CommandUnits>;
  /** `request` as DynamoDB would bill it: writes from item sizes, reads with DynamoDB's minimum for nothing found. */
  billed: { rcu: number; wcu: number };
  /** Per operation, what the consumers it triggered did afterwards (asynchronously); null when none ran. */
  consumers: (Units & { billed: { rcu: number; wcu: number } }) | null;
  consumersByCommand: Record<string, CommandUnits>;
  /** Failed calls per operation (mean); they report no capacity. */
  failedCalls: number;
  /** Every call of the last repetition, in completion order (kept for the operations RESULTS.md details). */
  trace?: TraceRow[];
}

/** What DynamoDB Local reports for reference calls, measured at each run. */
export interface LocalReporting {
  putItem1KB: number;
  /** TransactWriteItems with that one put. */
  transactPut1KB: number;
  /** TransactWriteItems with four ~100-byte puts: DynamoDB bills 8. */
  transactFourSmall: number;
  /** Whether Local reports transactions as DynamoDB bills them (2 units per item-KB, per item). */
  transactionsAsBilled: boolean;
  emptyQuery: number;
  missingGetItem: { eventual: number; consistent: number };
}

export interface CapacityData {
  repetitions: number;
  sales: Array<{ name: string; pools: PoolInfo[] }>;
  localReporting: LocalReporting;
  operations: OperationCapacity[];
  /** Calls made outside any measured request (scheduled jobs) while measuring; excluded. */
  unattributedCalls: number;
  /** The size-based write figure against Local's own, for the writes Local reports right (standard, non-transactional). */
  sizeModelCheck: { standardWrites: number; matching: number };
}

export interface OrdersData {
  method: Record<string, string>;
  /** The metered race on a sale of its own, before the timed one: warms both JITs; its DynamoDB calls are the race's capacity figures. */
  raceWarmUp: RaceData | null;
  /** The timed race: unmetered, bus deliveries held until it ends. */
  race: RaceData | null;
  /** Bare transactions of the shape an order writes, same buyers, seats, slices and concurrency, same DynamoDB Local, after a warm-up run. */
  floor: FloorRun | null;
  /** p99 of every answer of the timed race / p99 of every floor transaction. */
  ratioP99: number | null;
  targets: Target[];
  capacity: CapacityData | null;
}
