import { afterEach, describe, expect, it } from 'vitest';
import { timelineEntrySchema } from '#packages/core/db/entities/timeline-entry.ts';
import { campaignRecipientSchema } from '#packages/core/db/entities/campaign-recipient.ts';
import { campaignEngagementSchema } from '#packages/core/db/entities/campaign-engagement.ts';
import { retentionTtl } from '#packages/core/db/retention.ts';
import { tableDefinition } from '#packages/core/db/table-definition.ts';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('retention of rows that grow forever (packages/core/db/retention.ts)', () => {
  it('writes no ttl by default: kept forever', () => {
    delete process.env.TIMELINE_RETENTION_DAYS;
    process.env.CAMPAIGN_RETENTION_DAYS = '0';
    expect(retentionTtl('timeline')).toBeUndefined();
    expect(retentionTtl('campaign')).toBeUndefined();
  });

  it('sets ttl to the write time plus the tenant’s days, in epoch seconds, on the table’s TTL attribute', () => {
    process.env.TIMELINE_RETENTION_DAYS = '730';
    process.env.CAMPAIGN_RETENTION_DAYS = '365';
    const now = Date.parse('2027-01-01T00:00:00Z');
    expect(retentionTtl('timeline', now)).toBe(now / 1000 + 730 * 86_400);
    expect(retentionTtl('campaign', now)).toBe(now / 1000 + 365 * 86_400);
    expect(tableDefinition.timeToLiveAttribute).toBe('ttl');
  });

  it('is the default of ttl on timeline lines, campaign recipients and engagement', () => {
    process.env.TIMELINE_RETENTION_DAYS = '10';
    process.env.CAMPAIGN_RETENTION_DAYS = '20';
    const before = Math.floor(Date.now() / 1000);
    const ttlOf = (schema: { attributes: Record<string, unknown> }) => (schema.attributes.ttl as { default: () => number }).default();
    expect(ttlOf(timelineEntrySchema) - before).toBeGreaterThanOrEqual(10 * 86_400);
    expect(ttlOf(timelineEntrySchema) - before).toBeLessThan(11 * 86_400);
    expect(ttlOf(campaignRecipientSchema) - before).toBeGreaterThanOrEqual(20 * 86_400);
    expect(ttlOf(campaignEngagementSchema) - before).toBeGreaterThanOrEqual(20 * 86_400);
  });
});
