import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { percentiles, roundTo } from '../orders/stats.ts';
import type { SessionsData } from './types.ts';

/**
 * The floor a registration cannot beat here: ONE TransactWriteItems of the
 * registration's shape, no reads — the seat counter's conditional ADD on one
 * of `sessions` counters (the same hot items a burst of registrations hits),
 * the registration Put if absent, the attendee schedule Put if absent, a
 * ConditionCheck on the session — `concurrency` in flight, its own
 * DocumentClient, the same DynamoDB Local. A TransactionConflict on the hot
 * counter is retried (as the service does), and counted.
 */
export async function measureFloor(endpoint: string, table: string, ops: number, concurrency: number, sessions: number): Promise<SessionsData['floor']> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }));
  const run = `${Date.now().toString(36)}`;
  let conflictRetries = 0;
  const counter = (s: number) => ({ pk: `bench-floor#${run}#seats#${s}`, sk: 'seats' });
  const session = (s: number) => ({ pk: `bench-floor#${run}#session#${s}`, sk: 'session' });
  await Promise.all(
    Array.from({ length: sessions }, (_, s) =>
      client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table, Item: { ...counter(s), taken: 0, capacity: 1_000_000, waiting: 0 } } },
            { Put: { TableName: table, Item: { ...session(s), state: 'scheduled' } } },
          ],
        }),
      ),
    ),
  );
  const once = async (i: number) => {
    const s = i % sessions;
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: counter(s),
                  UpdateExpression: 'ADD #taken :one',
                  ConditionExpression: '#taken < #capacity AND #waiting = :zero',
                  ExpressionAttributeNames: { '#taken': 'taken', '#capacity': 'capacity', '#waiting': 'waiting' },
                  ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
                },
              },
              { Put: { TableName: table, Item: { pk: `bench-floor#${run}#reg#${s}`, sk: `t#${i}`, state: 'confirmed' }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: table, Item: { pk: `bench-floor#${run}#sched#${i}`, sk: 'schedule', rev: 1 }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { ConditionCheck: { TableName: table, Key: session(s), ConditionExpression: '#s = :scheduled', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':scheduled': 'scheduled' } } },
            ],
          }),
        );
        return performance.now() - started;
      } catch (error) {
        const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
        // DynamoDB Local serialises transactions on an item with a lock and answers a long wait with an error
        // ("…will succeed in actual DynamoDB"): a conflict, retried like one.
        const lockWait = /waiting for a lock/.test((error as Error).message);
        if (attempt < 30 && (lockWait || reasons.some((r) => r.Code === 'TransactionConflict'))) {
          conflictRetries++;
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 10 * 2 ** Math.min(attempt, 5))));
          continue;
        }
        throw error;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, (_, i) => once(ops + i)));
    conflictRetries = 0;
    const samples: number[] = new Array(ops);
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < ops) {
          const i = next++;
          samples[i] = await once(i);
        }
      }),
    );
    const wallMs = performance.now() - started;
    return { ops, concurrency, wallMs: Math.round(wallMs), perSecond: roundTo((ops / wallMs) * 1000), latencyMs: percentiles(samples), conflictRetries };
  } finally {
    client.destroy();
  }
}
