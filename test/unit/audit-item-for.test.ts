import { beforeAll, describe, expect, it } from 'vitest';
import { auditItemFor } from '#packages/core/audit/audit-interceptor.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';

// The builder a benchmark's bare transaction uses to carry the audit item a real request's transaction gets.
describe('auditItemFor', () => {
  beforeAll(() => {
    process.env.TABLE_NAME ??= 'audit-item-for-test';
  });

  const scope = { actor: { type: 'user' as const, id: 'anonymous' }, requestId: 'req-1', ip: '127.0.0.1', userAgent: 'bench', action: 'orders.create' };

  it('describes the transaction as the interceptor does: its main item as the target, personal fields by reference only', () => {
    const venueId = newId();
    const { TransactItems } = db()
      .transaction.write(({ venue }) => [venue.create({ venueId, name: 'Apolo', timezone: 'Europe/Madrid', capacity: 10 } as never).commit()])
      .params() as { TransactItems: never[] };
    const op = auditItemFor(scope, TransactItems);
    const item = op?.Put?.Item as Record<string, unknown>;
    expect(item.__edb_e__).toBe('auditEvent');
    expect(item.target).toBe(`venue:${venueId}`);
    expect(item.action).toBe('orders.create');
    expect(item.actor).toBe('user:anonymous');
    const changes = JSON.parse(String(item.changes)) as Array<{ field: string; new?: unknown; personal?: true }>;
    expect(changes).toContainEqual({ field: 'name', personal: true });
    expect(changes).toContainEqual({ field: 'capacity', new: 10 });
    expect(op?.Put?.ConditionExpression).toMatch(/attribute_not_exists/);
  });

  it('nothing for plumbing rows alone, nor outside an action', () => {
    expect(auditItemFor(scope, [{ Put: { Item: { __edb_e__: 'outboxEvent', eventId: newId(), pk: 'p', sk: '$outboxevent_1' } } }])).toBeNull();
    const { action: _a, ...noAction } = scope;
    const venue = db().transaction.write(({ venue }) => [venue.create({ venueId: newId(), name: 'x', timezone: 'UTC', capacity: 1 } as never).commit()]).params() as { TransactItems: never[] };
    expect(auditItemFor(noAction, venue.TransactItems)).toBeNull();
  });
});
