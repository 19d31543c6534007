import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { givenPaidOrder, givenPublishedEvent, givenTicketType, hours, tally } from '../support/sales-fixtures.ts';

const api = useTestApi();

async function givenTickets(quantity: number) {
  const event = await givenPublishedEvent(api.call);
  const type = await givenTicketType(api.call, event.id, { capacity: 50 });
  const order = await givenPaidOrder(api.call, event.id, type.id, { quantity });
  return { event, tickets: order.tickets! };
}

const upload = (eventId: string, deviceId: string, scans: Array<Record<string, unknown>>) =>
  api.call('POST', `/v1/events/${eventId}/check-ins/batch`, { body: { deviceId, scans }, role: 'scanner' });

/** Scans on the audit trail once the bus has delivered (admissions are recorded by the ticket.checked_in consumer, if routed). */
const auditCount = async (eventId: string) => {
  await api.bus.drain();
  const res = await api.call('GET', `/v1/events/${eventId}/check-ins?limit=100`, { role: 'scanner' });
  return res.body.items.length as number;
};

const admissionsOf = (ticketId: string) =>
  api.bus.recent.filter((e) => e['detail-type'] === 'ticket.checked_in' && (e.detail as any).data.ticketId === ticketId).map((e) => (e.detail as any).data);

describe('check-in under load and offline', () => {
  it('50 parallel scans of one ticket from 5 devices: exactly 1 ok, 49 already_checked_in', async () => {
    const { event, tickets } = await givenTickets(1);
    const code = tickets[0]!.code;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api.call('POST', `/v1/events/${event.id}/check-ins`, { body: { code, deviceId: `gate-${i % 5}`, nonce: `n-${i}` }, role: 'scanner' }),
      ),
    );
    expect(tally(responses)).toEqual({ '201': 1, '409 already_checked_in': 49 });
    const winner = responses.find((r) => r.status === 201)!;
    for (const r of responses.filter((x) => x.status === 409)) expect(r.body.firstDeviceId).toBe(winner.body.checkIn.deviceId);
    expect(admissionsOf(tickets[0]!.id)).toHaveLength(1);
  });

  it('an offline batch: a result per scan; re-uploading it creates nothing new', async () => {
    const { event, tickets } = await givenTickets(3);
    const scans = [
      { code: tickets[0]!.code, scannedAt: hours(-0.5), nonce: 'a1' },
      { code: tickets[0]!.code, scannedAt: hours(-0.4), nonce: 'a2', type: 'exit' },
      { code: tickets[0]!.code, scannedAt: hours(-0.3), nonce: 'a3' },
      { code: tickets[1]!.code, scannedAt: hours(-0.5), nonce: 'b1' },
      { code: tickets[1]!.code, scannedAt: hours(-0.2), nonce: 'b2' },
      { code: 'garbage', scannedAt: hours(-0.5), nonce: 'g1' },
      { code: tickets[2]!.code, scannedAt: hours(-0.5), nonce: 'c1', deviceId: 'door-2' },
    ];
    const first = await upload(event.id, 'door-1', scans);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: { nonce: string; code: string }) => `${r.nonce}:${r.code}`)).toEqual([
      'a1:ok',
      'a2:ok',
      'a3:ok',
      'b1:ok',
      'b2:duplicate', // the device admitted it offline: a fact to keep, counted once
      'g1:invalid',
      'c1:ok',
    ]);
    expect(first.body.results[6].checkIn.deviceId).toBe('door-2');
    expect(first.body.results[0].checkIn.offline).toBe(true);
    const auditBefore = await auditCount(event.id);
    expect(auditBefore).toBeGreaterThanOrEqual(1); // the refusal, written by the request; admissions by the consumer
    const eventsBefore = admissionsOf(tickets[0]!.id).map((d) => d.checkInId);

    const again = await upload(event.id, 'door-1', scans);
    expect(again.status).toBe(200);
    expect(again.body.results.map((r: { code: string }) => r.code)).toEqual(first.body.results.map((r: { code: string }) => r.code));
    expect(again.body.results.map((r: any) => r.checkIn?.id)).toEqual(first.body.results.map((r: any) => r.checkIn?.id));
    expect(await auditCount(event.id)).toBe(auditBefore);
    // Re-published with the same checkInIds only: consumers dedupe on them.
    expect(new Set(admissionsOf(tickets[0]!.id).map((d) => d.checkInId))).toEqual(new Set(eventsBefore));

    // And online, the ticket is still inside exactly once.
    const online = await api.call('POST', `/v1/events/${event.id}/check-ins`, { body: { code: tickets[0]!.code, deviceId: 'gate-1' }, role: 'scanner' });
    expect(online.body.code).toBe('already_checked_in');
  });

  it('two devices admitted the same ticket offline: both kept, the later upload marked duplicate', async () => {
    const { event, tickets } = await givenTickets(1);
    const code = tickets[0]!.code;
    const a = await upload(event.id, 'door-a', [{ code, scannedAt: hours(-0.5), nonce: 'x1' }]);
    const b = await upload(event.id, 'door-b', [{ code, scannedAt: hours(-0.4), nonce: 'y1' }]);
    expect(a.body.results[0]).toMatchObject({ status: 'ok', code: 'ok' });
    expect(b.body.results[0]).toMatchObject({ status: 'duplicate', code: 'duplicate', httpStatus: 201 });
    expect(b.body.results[0].checkIn).toMatchObject({ result: 'duplicate', deviceId: 'door-b', offline: true });
    const published = admissionsOf(tickets[0]!.id);
    expect(published.map((d) => [d.deviceId, d.duplicate])).toEqual([
      ['door-a', false],
      ['door-b', true],
    ]);
    // Re-uploading the duplicate keeps its id.
    const b2 = await upload(event.id, 'door-b', [{ code, scannedAt: hours(-0.4), nonce: 'y1' }]);
    expect(b2.body.results[0].checkIn.id).toBe(b.body.results[0].checkIn.id);
  });

  it('rejects a batch over 500 scans', async () => {
    const { event } = await givenTickets(1);
    const scans = Array.from({ length: 501 }, (_, i) => ({ code: 'x', scannedAt: hours(-1), nonce: `n${i}` }));
    expect((await upload(event.id, 'door-1', scans)).status).toBe(400);
  });
});
