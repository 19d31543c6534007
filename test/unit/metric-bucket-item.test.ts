import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities } from '#packages/core/db/transaction-types.ts';
import { bucketAdd, bucketOfSortKey } from '#packages/features/analytics/bucket-update.ts';
import { cleanDimensions } from '#packages/features/analytics/series.ts';

/** Bucket items hold only their key and sums: the bucket and value are read back from ElectroDB's sort key. */
function entities(): TransactionEntities {
  let given: TransactionEntities | undefined;
  db()
    .transaction.write((e) => {
      given = e;
      return [];
    })
    .params();
  return given!;
}

describe('metric bucket items', () => {
  it("read the bucket and dimension value back from ElectroDB's sort key, whatever the value", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 120 }), fc.integer({ min: 0, max: 15 }), (raw, shard) => {
        const dimValue = cleanDimensions({ utmCampaign: raw }).utmCampaign ?? '-';
        const bucketStart = '2026-06-01T10:00:00.000Z';
        const { sk } = db().entities.metricBucket.put({ series: 'order|hour|*|utmCampaign', bucketStart, dimValue, shard }).params().Item as { sk: string };
        expect(bucketOfSortKey(sk)).toEqual({ bucketStart, dimValue });
      }),
    );
  });

  it('are one ADD per metric and nothing else: no composite fields repeating the key', () => {
    const key = { series: 'order|minute|event=E1|-', bucketStart: '2026-06-01T10:01:00.000Z', dimValue: '-', shard: 3 };
    const item = bucketAdd(entities(), key, new Map([['orders', 1], ['revenue:EUR', 2500]])) as unknown as {
      Update: { Key: Record<string, string>; UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> };
    };
    expect(item.Update.UpdateExpression).toBe('ADD #m0 :m0, #m1 :m1');
    expect(item.Update.ExpressionAttributeNames).toEqual({ '#m0': 'm_orders', '#m1': 'm_revenue:EUR' });
    expect(item.Update.ExpressionAttributeValues).toEqual({ ':m0': 1, ':m1': 2500 });
    expect(bucketOfSortKey(item.Update.Key.sk!)).toEqual({ bucketStart: key.bucketStart, dimValue: '-' });
  });
});
