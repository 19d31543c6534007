import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { manySockets } from '#packages/core/sdk-sockets.ts';
import { percentiles, roundTo, type Percentiles } from '../orders/stats.ts';
import { cpuWindow, type CpuSpent } from './cpu.ts';
import { describeItemsWithSizes } from './floor-shape.ts';

/** One bare TransactWriteItems per op, as bench/lib/transaction-floor.ts timed them. */
export interface FloorRun {
  ops: number;
  concurrency: number;
  /** Items per transaction: min–max over the timed ops, and what they were (`Put order (1534 B)`, `Update inventoryshard`, …) for the first. */
  items: { min: number; max: number; first: string[] };
  wallMs: number;
  perSecond: number;
  /** `committed`, `canceled: ConditionalCheckFailed`, `canceled: TransactionConflict`, or an error name → count. */
  outcomes: Record<string, number>;
  latencyMs: { all: Percentiles | null; committed: Percentiles | null };
  cpu: CpuSpent;
  /** Transactions sent again after a TransactionConflict (or DynamoDB Local's lock wait), when the floor retries them as the service does. */
  conflictRetries: number;
}

/** A cancel by a concurrent transaction only, or DynamoDB Local's lock-wait error ("…will succeed in actual DynamoDB"): nothing was written. */
function isConflict(error: unknown): boolean {
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  if (/waiting for a lock/.test((error as Error).message ?? '')) return true;
  return reasons.some((r) => r.Code === 'TransactionConflict') && !reasons.some((r) => r.Code === 'ConditionalCheckFailed');
}

/**
 * `occurredAt` for the outbox rows a floor writes (the relay index's sort
 * key): the relay job publishes rows older than a minute and nothing deletes
 * the floor's, so they are dated where it never looks. Same length as a real
 * timestamp, so the items keep their size.
 */
export const NEVER_RELAYED = '9999-12-31T23:59:59.999Z';

function outcomeOf(error: unknown): string {
  const e = error as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  if (e.name !== 'TransactionCanceledException') return e.name ?? 'Error';
  const codes = (e.CancellationReasons ?? []).map((r) => r.Code).filter((c) => c && c !== 'None');
  return `canceled: ${codes.includes('ConditionalCheckFailed') ? 'ConditionalCheckFailed' : (codes[0] ?? '?')}`;
}

/**
 * The floor of a write path whose core is one transaction: each op sends one
 * TransactWriteItems (built beforehand, so only the round trip is timed) with
 * no read before it and no retry after it, `concurrency` in flight, from a
 * DocumentClient of its own (the product's socket option, not metered) to the
 * same DynamoDB Local. `warmUp` runs first the same way, untimed: the
 * client's sockets and both JITs (Node's, DynamoDB Local's) warm up on it.
 * With `retryConflicts` (a path whose service retries a conflicting
 * transaction, as registrations do on their hot counters), a conflict is
 * sent again after a jittered pause and the op's time includes it.
 */
export async function transactionFloor(
  endpoint: string,
  runs: { warmUp: TransactWriteCommandInput[]; timed: TransactWriteCommandInput[] },
  concurrency: number,
  options: { retryConflicts?: boolean } = {},
): Promise<FloorRun> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, requestHandler: manySockets }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  let conflictRetries = 0;
  const once = async (input: TransactWriteCommandInput) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.send(new TransactWriteCommand(input));
      } catch (error) {
        if (!options.retryConflicts || attempt >= 30 || !isConflict(error)) throw error;
        conflictRetries++;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 10 * 2 ** Math.min(attempt, 5))));
      }
    }
  };
  const burst = async (inputs: TransactWriteCommandInput[]) => {
    const samples: Array<[outcome: string, ms: number]> = new Array(inputs.length);
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: Math.min(concurrency, inputs.length) }, async () => {
        while (next < inputs.length) {
          const i = next++;
          const t = performance.now();
          try {
            await once(inputs[i]!);
            samples[i] = ['committed', performance.now() - t];
          } catch (error) {
            samples[i] = [outcomeOf(error), performance.now() - t];
          }
        }
      }),
    );
    return { samples, wallMs: performance.now() - started };
  };
  try {
    await burst(runs.warmUp);
    conflictRetries = 0;
    const cpu = cpuWindow(endpoint);
    const { samples, wallMs } = await burst(runs.timed);
    const spent = cpu();
    const outcomes: Record<string, number> = {};
    for (const [o] of samples) outcomes[o] = (outcomes[o] ?? 0) + 1;
    const sizes = runs.timed.map((t) => t.TransactItems?.length ?? 0);
    return {
      ops: runs.timed.length,
      concurrency,
      items: { min: Math.min(...sizes), max: Math.max(...sizes), first: describeItemsWithSizes(runs.timed[0]) },
      wallMs: Math.round(wallMs),
      perSecond: roundTo((runs.timed.length / wallMs) * 1000),
      outcomes,
      latencyMs: { all: percentiles(samples.map(([, ms]) => ms)), committed: percentiles(samples.filter(([o]) => o === 'committed').map(([, ms]) => ms)) },
      cpu: spent,
      conflictRetries,
    };
  } finally {
    client.destroy();
  }
}
