import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { percentiles, roundTo } from '../orders/stats.ts';
import type { CheckInsData } from './types.ts';

/**
 * The floor a check-in cannot beat on this machine: one bare conditional
 * UpdateItem per scan (what "mark this ticket inside, unless it already is"
 * costs at minimum), `concurrency` in flight, distinct items, against the
 * same DynamoDB Local, from a DocumentClient of its own (not metered).
 */
export async function measureFloor(endpoint: string, table: string, ops: number, concurrency: number): Promise<CheckInsData['floor']> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }));
  const run = `${Date.now().toString(36)}`;
  const once = async (i: number) => {
    const started = performance.now();
    await client.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: `bench-floor#${run}#${i}`, sk: 'floor' },
        UpdateExpression: 'SET checkedInAt = :at, deviceId = :d',
        ConditionExpression: 'attribute_not_exists(checkedInAt)',
        ExpressionAttributeValues: { ':at': new Date().toISOString(), ':d': `scanner-${i % concurrency}` },
      }),
    );
    return performance.now() - started;
  };
  try {
    // Warm the connections first.
    await Promise.all(Array.from({ length: concurrency }, (_, i) => once(ops + i)));
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
    return { ops, concurrency, wallMs: Math.round(wallMs), perSecond: roundTo((ops / wallMs) * 1000), latencyMs: percentiles(samples) };
  } finally {
    client.destroy();
  }
}
