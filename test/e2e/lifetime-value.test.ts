import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '#packages/core/db/service.ts';
import type { EventData } from '#events/catalog.ts';
import { recordBuyerPurchase, shardOf } from '#packages/features/lifetime-value/record-buyer.ts';
import { seededRng } from '#packages/features/lifetime-value/models/rng.ts';
import { useTestApi } from '../support/local-api.ts';
import { givenPaidOrder, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';
import { givenContact, givenSegment, memberIds, sorted, uniqueTag } from '../support/segment-fixtures.ts';
import { simulateBgNbd } from '../unit/lifetime-value/simulate.ts';

const api = useTestApi();

const WEEK = 7 * 86_400_000;

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, tries = 1500): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const model = async () => (await api.call('GET', '/v1/lifetime-value/model')).body;

/**
 * A customer base drawn from known BG/NBD parameters: each buyer a contact
 * (through the API) and a purchase summary (what the `ltv-record-purchase`
 * consumer keeps; written directly, as 80 customers' years of orders through
 * checkout would take minutes).
 */
async function givenCustomerBase(count: number): Promise<{ email: string; contactId: string }[]> {
  const rng = seededRng(11);
  const histories = simulateBgNbd(rng, count, () => 20 + rng.uniform() * 50, { r: 2, alpha: 10, a: 0.6, b: 3 });
  const now = Date.now();
  const base: { email: string; contactId: string }[] = [];
  for (const [i, h] of histories.entries()) {
    const email = `ltv.${i}.${randomUUID().slice(0, 8)}@example.com`;
    const contact = await givenContact(api.call, { email });
    const first = now - h.T * WEEK;
    const purchases = h.x + 1;
    await db().entities.ltvBuyer.create({
      email,
      shard: shardOf(email),
      firstPurchaseAt: new Date(first).toISOString(),
      lastPurchaseAt: new Date(first + h.tx * WEEK).toISOString(),
      purchases,
      spendAmount: purchases * (3000 + Math.round(rng.uniform() * 4000)),
      currency: 'EUR',
      version: 1,
    }).go();
    base.push({ email, contactId: contact.id });
  }
  return base;
}

describe('predicted lifetime value through the local HTTP API', () => {
  it('a paid order lands in the buyer’s purchase summary once', async () => {
    const event = await givenPublishedEvent(api.call, { totalCapacity: 100 });
    const type = await givenTicketType(api.call, event.id, { price: { amount: 2500, currency: 'EUR' } });
    const email = `buyer.${randomUUID().slice(0, 8)}@example.com`;
    const order = await givenPaidOrder(api.call, event.id, type.id, { quantity: 2, email });
    const summary = await until('the purchase summary', async () => (await db().entities.ltvBuyer.get({ email }).go()).data, (s) => !!s);
    expect(summary).toMatchObject({ purchases: 1, spendAmount: order.total.amount, currency: 'EUR', eventIds: [event.id], orderIds: [order.id] });

    // A second order adds up (the optimistic put path); the same payment delivered again adds nothing.
    const second = await givenPaidOrder(api.call, event.id, type.id, { quantity: 1, email });
    const both = await until('the second purchase', async () => (await db().entities.ltvBuyer.get({ email }).go()).data, (s) => s?.purchases === 2);
    expect(both).toMatchObject({ spendAmount: order.total.amount + second.total.amount, firstPurchaseAt: summary!.firstPurchaseAt });
    expect(sorted(both!.orderIds!)).toEqual(sorted([order.id, second.id]));
    const redelivered: EventData<'order.paid'> = { orderId: order.id, eventId: event.id, status: 'paid', buyer: { email }, total: order.total, admissions: 2, tickets: [], paidAt: summary!.firstPurchaseAt };
    const again = await recordBuyerPurchase(redelivered);
    expect(again).toBe('already_recorded');
    expect((await db().entities.ltvBuyer.get({ email }).go()).data?.purchases).toBe(2);
  });

  it('a run writes predictions on contacts, the model shows the fit, and a segment selects by them', async () => {
    const base = await givenCustomerBase(80);
    const atRisk = await givenSegment(api.call, { maxProbabilityActive: 0.5 }, 'At risk');

    const start = await api.call('POST', '/v1/lifetime-value/runs', { body: {}, headers: { 'Idempotency-Key': randomUUID() } });
    expect(start.status).toBe(202);
    expect(start.body).toMatchObject({ status: 'running', trigger: 'request' });
    const runId = start.body.runId;

    const fitted = await until('the run to finish', model, (m) => m.run?.runId === runId && m.run.status === 'done');
    // Fewer than 3 events behind the organiser: continuous time.
    expect(fitted).toMatchObject({ method: 'bg-nbd', spendModel: expect.any(String), buyers: base.length + 1 });
    expect(fitted.repeatBuyers).toBeGreaterThanOrEqual(30);
    expect(Object.keys(fitted.params).sort()).toEqual(['a', 'alpha', 'b', 'r']);
    expect(fitted.run.scored).toBe(base.length + 1);

    const views = await Promise.all(base.map(async (c) => (await api.call('GET', `/v1/contacts/${c.contactId}`)).body));
    for (const view of views) {
      const p = view.predictedLifetimeValue;
      expect(p).toMatchObject({ method: 'bg-nbd', fittedAt: fitted.fittedAt });
      expect(p.probabilityActive).toBeGreaterThanOrEqual(0);
      expect(p.probabilityActive).toBeLessThanOrEqual(1);
      expect(Number.isInteger(p.predictedValue.amount)).toBe(true);
      expect(p.predictedValue.low).toBeLessThanOrEqual(p.predictedValue.amount);
      expect(p.predictedValue.high).toBeGreaterThanOrEqual(p.predictedValue.amount);
    }
    const expected = views.filter((v) => v.predictedLifetimeValue.probabilityActive < 0.5).map((v) => v.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(views.length);
    // The run's contact.updated events refresh the segment's membership.
    const members = await until('the segment to follow', () => memberIds(api.call, atRisk.id), (ids) => sorted(ids.filter((id) => base.some((c) => c.contactId === id))).join() === sorted(expected).join());
    expect(sorted(members.filter((id) => base.some((c) => c.contactId === id)))).toEqual(sorted(expected));

    // A second run is a new one; a request while it runs answers it instead of starting another.
    const again = await api.call('POST', '/v1/lifetime-value/runs', { body: { model: 'bg-nbd' }, headers: { 'Idempotency-Key': randomUUID() } });
    expect(again.status).toBe(202);
    expect(again.body.runId).not.toBe(runId);
    const meanwhile = await api.call('POST', '/v1/lifetime-value/runs', { body: {}, headers: { 'Idempotency-Key': randomUUID() } });
    if (meanwhile.status === 200) expect(meanwhile.body.runId).toBe(again.body.runId);
    await until('the second run to finish', model, (m) => m.run?.runId === again.body.runId && m.run.status === 'done');
  }, 400_000);

  it('a run stopped after a page resumes from the saved page and scores every buyer once', async () => {
    const { requestRun, continueRun, readState } = await import('#packages/features/lifetime-value/run.ts');
    // Whatever run the other tests left going has finished first.
    await until('no run in progress', model, (m) => m.run?.status !== 'running');
    const { run, started } = await requestRun('schedule');
    expect(started).toBe(true);
    const first = await continueRun(Number.POSITIVE_INFINITY, 1);
    expect(first.status).toBe('running');
    const saved = (await readState()).run!;
    expect(saved.resume).toBeDefined();
    expect(saved.scored).toBe(first.scored);
    const rest = await continueRun();
    expect(rest).toMatchObject({ runId: run.runId, status: 'done' });
    const buyers = (await Promise.all(Array.from({ length: 8 }, (_, shard) => db().entities.ltvBuyer.query.byShard({ shard: String(shard) }).go({ pages: 'all' })))).flatMap((r) => r.data);
    expect(rest.scored).toBe(buyers.length);
    expect((await model()).run).toMatchObject({ runId: run.runId, status: 'done', scored: buyers.length });
  }, 120_000);

  it('a run stopped after recording a page’s events publishes them when it resumes', async () => {
    const { requestRun, continueRun, readState } = await import('#packages/features/lifetime-value/run.ts');
    const { saveRun } = await import('#packages/features/lifetime-value/run-state.ts');
    const { newId } = await import('#packages/core/ids.ts');
    await until('no run in progress', model, (m) => m.run?.status !== 'running');
    const tag = uniqueTag('ltv');
    const contact = await givenContact(api.call, { tags: [tag] });
    const segment = await givenSegment(api.call, { tag, maxProbabilityActive: 0.5 }, 'Stopped run');
    await api.bus.drain();
    expect(await memberIds(api.call, segment.id)).toEqual([]);
    // Figures written by a page whose events had not gone out when the run stopped: nothing told the segment.
    const figures = { method: 'bg-nbd', probabilityActive: 0.1, expectedPurchases12m: 0.2, predictedValue: { amount: 500, currency: 'EUR', low: 100, high: 900 }, fittedAt: new Date().toISOString() };
    await db().entities.contact.patch({ contactId: contact.id }).set({ lifetimeValue: figures }).go();
    await requestRun('schedule');
    const state = await readState();
    // Every page scored but the one whose events are recorded.
    expect(await saveRun(state, { run: { ...state.run!, resume: { shard: 8, cursor: null }, pending: [{ contactId: contact.id, eventId: newId() }] } })).not.toBeNull();
    expect(await continueRun()).toMatchObject({ status: 'done' });
    expect((await readState()).run?.pending).toBeUndefined();
    await until('the segment to take the contact in', () => memberIds(api.call, segment.id), (ids) => ids.includes(contact.id));
  }, 120_000);

  it('only an admin starts a run; contacts:read reads the model', async () => {
    expect((await api.call('POST', '/v1/lifetime-value/runs', { body: {}, role: 'marketing' })).status).toBe(403);
    expect((await api.call('GET', '/v1/lifetime-value/model', { role: 'marketing' })).status).toBe(200);
  });
});
