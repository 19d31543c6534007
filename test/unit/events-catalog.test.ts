import { describe, expect, it } from 'vitest';
import { catalog, detailTypes } from '../../events/catalog.ts';
import { envelopeOf } from '../../events/envelope.ts';
import { routing } from '../../events/routing.ts';
import { sesDetailTypes } from '../../events/ses.ts';
import { domainEvent } from '../../packages/core/bus/pending-event.ts';

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
});
