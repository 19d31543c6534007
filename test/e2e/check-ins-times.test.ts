import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { givenPaidOrder, givenPublishedEvent, givenTicketType, hours } from '../support/sales-fixtures.ts';

const api = useTestApi();

const scan = (eventId: string, body: Record<string, unknown>) =>
  api.call('POST', `/v1/events/${eventId}/check-ins`, { body: { deviceId: 'gate-1', ...body }, role: 'scanner' });
const upload = (eventId: string, deviceId: string, scans: Array<Record<string, unknown>>) =>
  api.call('POST', `/v1/events/${eventId}/check-ins/batch`, { body: { deviceId, scans }, role: 'scanner' });

async function givenTickets(quantity: number) {
  const event = await givenPublishedEvent(api.call);
  const type = await givenTicketType(api.call, event.id, { capacity: 50 });
  const order = await givenPaidOrder(api.call, event.id, type.id, { quantity });
  return { event, tickets: order.tickets! };
}

async function givenList(eventId: string, body: Record<string, unknown>) {
  const res = await api.call('POST', `/v1/events/${eventId}/check-in-lists`, { body: { name: 'Doors', ...body } });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

async function audit(eventId: string) {
  const res = await api.call('GET', `/v1/events/${eventId}/check-ins?limit=100`, { role: 'scanner' });
  expect(res.status).toBe(200);
  return res.body.items as Array<{ result: string; nonce?: string; ticketId?: string; scannedAt: string; receivedAt: string; clientScannedAt?: string; offline: boolean }>;
}

describe('check-in times: the server clock decides online, a bounded device clock offline', () => {
  it('online: a forged scannedAt inside a closed window is refused by server time, and recorded with both times', async () => {
    const { event, tickets } = await givenTickets(1);
    const closed = await givenList(event.id, { validFrom: hours(-5), validUntil: hours(-1) });
    const forged = hours(-2);
    const before = new Date().toISOString();
    const res = await scan(event.id, { code: tickets[0]!.code, listId: closed.id, scannedAt: forged, nonce: 'f-1' });
    expect([res.status, res.body.code]).toEqual([422, 'invalid_time']);

    const record = (await audit(event.id)).find((c) => c.nonce === 'f-1')!;
    expect(record).toMatchObject({ result: 'invalid_time', clientScannedAt: forged, offline: false });
    // Judged and recorded at the server's time, not the claim.
    expect(record.scannedAt >= before).toBe(true);
    expect(record.scannedAt).toBe(record.receivedAt);
  });

  it('online: a forged scannedAt outside an open window does not keep a ticket out; the admission carries the server time', async () => {
    const { event, tickets } = await givenTickets(1);
    const open = await givenList(event.id, { validFrom: hours(-1), validUntil: hours(1) });
    const forged = hours(5);
    const before = new Date().toISOString();
    const res = await scan(event.id, { code: tickets[0]!.code, listId: open.id, scannedAt: forged });
    expect(res.status).toBe(201);
    expect(res.body.checkIn.clientScannedAt).toBe(forged);
    expect(res.body.checkIn.scannedAt >= before).toBe(true);
    expect(res.body.checkIn.scannedAt).toBe(res.body.checkIn.receivedAt);
    await api.bus.drain();
    const admitted = api.bus.recent.find((e) => e['detail-type'] === 'ticket.checked_in' && (e.detail as any).data.checkInId === res.body.checkIn.id);
    expect((admitted!.detail as any).data).toMatchObject({ scannedAt: res.body.checkIn.scannedAt, clientScannedAt: forged });
  });

  it('offline: a scan from the future or older than 72 h is refused per scan (invalid_time) and recorded; in-bounds claims are used', async () => {
    const { event, tickets } = await givenTickets(4);
    // Open from four days ago until now: a claim inside it decides offline.
    const list = await givenList(event.id, { validFrom: hours(-96), validUntil: hours(0.5) });
    const future = hours(0.25); // 15 min ahead: beyond the 2 min skew
    const tooOld = hours(-80); // inside the list's hours, but older than an offline scan may be
    const skewed = new Date(Date.now() + 60_000).toISOString(); // 1 min ahead: within the skew
    const res = await upload(event.id, 'door-9', [
      { code: tickets[0]!.code, scannedAt: future, nonce: 'fut', listId: list.id },
      { code: tickets[1]!.code, scannedAt: tooOld, nonce: 'old', listId: list.id },
      { code: tickets[2]!.code, scannedAt: hours(-70), nonce: 'ok70', listId: list.id },
      { code: tickets[3]!.code, scannedAt: skewed, nonce: 'skew', listId: list.id },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { nonce: string; status: string; code: string; httpStatus: number }) => `${r.nonce}:${r.status}:${r.code}:${r.httpStatus}`)).toEqual([
      'fut:refused:invalid_time:422',
      'old:refused:invalid_time:422',
      'ok70:ok:ok:201',
      'skew:ok:ok:201',
    ]);
    expect(Date.parse(res.body.results[2].checkIn.scannedAt)).toBeLessThan(Date.now() - 69 * 3600_000);

    await api.bus.drain();
    const records = await audit(event.id);
    const fut = records.find((c) => c.nonce === 'fut')!;
    expect(fut).toMatchObject({ result: 'invalid_time', clientScannedAt: future, offline: true });
    expect(fut.scannedAt).toBe(fut.receivedAt);
    expect(records.find((c) => c.nonce === 'old')).toMatchObject({ result: 'invalid_time', clientScannedAt: tooOld });
    // The admitted offline scan: judged by its claim, received now.
    const ok70 = records.find((c) => c.ticketId === tickets[2]!.id)!;
    expect(ok70).toMatchObject({ result: 'ok', offline: true });
    expect(ok70.scannedAt < ok70.receivedAt).toBe(true);

    // The refused scans admitted nothing: the tickets still enter online.
    for (const t of tickets.slice(0, 2)) expect((await scan(event.id, { code: t.code, listId: list.id })).status).toBe(201);
  });
});
