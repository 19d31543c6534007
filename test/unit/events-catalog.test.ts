import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { catalog, detailTypes, type EventData } from '#events/catalog.ts';
import { envelopeOf } from '#events/envelope.ts';
import { consumers, routing } from '#events/routing.ts';
import { sesDetailTypes } from '#events/ses.ts';
import type { ConsumedEvent } from '#packages/core/bus/consumer-handler.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';

describe('event catalog', () => {
  it.each(detailTypes)('%s: the example parses, and the envelope built from it does too', (type) => {
    const entry = catalog[type];
    expect(entry.data.safeParse(entry.example).success).toBe(true);
    expect(type).toMatch(/^[a-z_]+\.[a-z_]+$/);
    expect(entry.source).toMatch(/^eventos\.[a-z]+$/);
    const pending = domainEvent(type, entry.example as never, { correlationId: 'c1' });
    const detail = JSON.parse(pending.detail);
    expect(envelopeOf(entry.data).safeParse(detail).success).toBe(true);
    expect(detail.metadata).toMatchObject({ id: pending.eventId, version: entry.version, correlationId: 'c1' });
  });

  it('refuses data that breaks the schema before it reaches the bus', () => {
    expect(() => domainEvent('contact.created', { contactId: 42 } as never, { correlationId: 'c' })).toThrow();
  });

  it('routes only detail-types the catalog knows', () => {
    // …or SES's, forwarded to the tenant bus (events/ses.ts, tested in ses-events.test.ts).
    for (const route of routing) for (const t of route.detailTypes) expect([...detailTypes, ...sesDetailTypes]).toContain(t);
  });

  it('declares each consumer once: one name, one handler file, one idempotency scope', () => {
    const unique = (values: string[]) => expect(new Set(values).size, values.join(', ')).toBe(values.length);
    unique(routing.map((c) => c.consumer));
    unique(routing.map((c) => c.handler));
    unique(routing.map((c) => c.idempotencyScope));
  });

  it("each handler file is wrapped with its own declaration (and no other's)", () => {
    for (const [key, declaration] of Object.entries(consumers)) {
      const source = readFileSync(new URL(`../../functions/consumers/${declaration.handler}.ts`, import.meta.url), 'utf8');
      const used = [...source.matchAll(/consumers\.(\w+)/g)].map((m) => m[1]);
      expect(new Set(used), declaration.handler).toEqual(new Set([key]));
    }
  });

  it('hands a consumer its events as a union discriminated by detail-type', () => {
    type Sales = ConsumedEvent<(typeof consumers.countSales.detailTypes)[number]>;
    expectTypeOf<Sales['detailType']>().toEqualTypeOf<'order.paid' | 'order.refunded'>();
    expectTypeOf<Extract<Sales, { detailType: 'order.refunded' }>['data']>().toEqualTypeOf<EventData<'order.refunded'>>();
    expectTypeOf<Extract<Sales, { detailType: 'order.paid' }>['data']>().toEqualTypeOf<EventData<'order.paid'>>();
  });
});
