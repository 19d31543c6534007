import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEY_PREFIX } from '#infra/constructs/eventos-function.ts';
import { db } from '#packages/core/db/service.ts';
import { functionsIn, statementsOfFunction, SYNTH_TIMEOUT_MS } from './support/synth.ts';
import { synthAcme } from './support/acme-stack.ts';
import type { Template } from 'aws-cdk-lib/assertions';

/**
 * The audit log is append-only in the deployed IAM too (issue 17): every
 * function that may write the table is denied UpdateItem and DeleteItem (and
 * BatchWriteItem) on the audit key prefix, which is the prefix of the audit
 * items' and the day seals' partition keys as ElectroDB writes them.
 */
let all: Template[];
beforeAll(() => {
  ({ all } = synthAcme());
}, SYNTH_TIMEOUT_MS);

describe('the audit log is append-only in IAM', () => {
  it('denies update and delete on the audit key prefix to every function that writes the table', () => {
    let writers = 0;
    for (const { template, id } of functionsIn(all)) {
      const statements = statementsOfFunction(template, id);
      const writes = statements.some((s) => (s.Effect ?? 'Allow') === 'Allow' && s.Action.includes('dynamodb:PutItem'));
      if (!writes) continue;
      writers++;
      const deny = statements.find((s) => s.Effect === 'Deny' && s.Action.includes('dynamodb:UpdateItem'));
      expect(deny, id).toBeDefined();
      expect(deny!.Action, id).toEqual(expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']));
      expect(deny!.Condition, id).toEqual({ 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [`${AUDIT_KEY_PREFIX}*`] } });
    }
    expect(writers).toBeGreaterThan(10);
  });

  it('names the prefix the audit items and seals are keyed by, and no other entity', () => {
    process.env.TABLE_NAME ??= 'audit-prefix-probe';
    const e = db().entities;
    const item = e.auditEvent
      .create({ auditId: '01JD0000000000000000000000', auditDay: '2026-12-01', auditShard: 0, at: '2026-12-01T00:00:00.000Z', actor: 'user:u', action: 'a.b', target: 't', changes: '[]', requestId: 'r', hash: 'h' })
      .params().Item as { pk: string };
    const seal = e.auditSeal
      .create({ auditSealDay: '2026-12-01', digest: 'd', previousDigest: 'genesis', count: 0, sealedAt: '2026-12-01T00:00:00.000Z' })
      .params().Item as { pk: string };
    expect(item.pk.startsWith(AUDIT_KEY_PREFIX)).toBe(true);
    expect(seal.pk.startsWith(AUDIT_KEY_PREFIX)).toBe(true);
    // No other entity's partition key starts the same way (its first composite attribute's name would begin "audit").
    const others = Object.entries(e)
      .filter(([name]) => name !== 'auditEvent' && name !== 'auditSeal')
      .filter(([, entity]) => {
        const pk = (entity as unknown as { schema: { indexes: Record<string, { pk: { composite: readonly string[] } }> } }).schema.indexes;
        return Object.values(pk).some((index) => index.pk.composite[0]?.toLowerCase().startsWith('audit'));
      });
    expect(others.map(([name]) => name)).toEqual([]);
  });
});
