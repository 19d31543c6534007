/**
 * Retention of rows that grow forever (issue 18, item 9): timeline lines, and
 * campaign recipients and engagement. `tenants.json` `retention` sets the days
 * (CDK passes them as TIMELINE_RETENTION_DAYS and CAMPAIGN_RETENTION_DAYS); an
 * entity spreading `retained(kind)` gets a `ttl` (epoch seconds) on every
 * put and create, from its write time, which the table's TTL then deletes.
 * Unset or 0: kept forever, no `ttl` written (the default). DynamoDB deletes
 * expired items lazily (typically within 48 h); nothing depends on them being
 * gone at once, and the campaign's counters (campaign-counter) keep its totals.
 */
export const retentionVariables = {
  timeline: 'TIMELINE_RETENTION_DAYS',
  campaign: 'CAMPAIGN_RETENTION_DAYS',
} as const;

export type RetentionKind = keyof typeof retentionVariables;

/** The `ttl` for a row of `kind` written at `now` (ms), or undefined when it is kept forever. */
export function retentionTtl(kind: RetentionKind, now = Date.now()): number | undefined {
  const days = Number(process.env[retentionVariables[kind]] ?? 0);
  if (!Number.isFinite(days) || days <= 0) return undefined;
  return Math.floor(now / 1000) + Math.round(days * 86_400);
}

export const retained = (kind: RetentionKind) =>
  ({
    ttl: { type: 'number', default: () => retentionTtl(kind) as number },
  }) as const;
