import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { answerBoundMs, currentTimeouts, dependencyTimeouts } from '#packages/core/dependencies/timeouts.ts';
import { expireHolds } from '#packages/features/orders/expire-holds.ts';
import { startDynamoDbLocal, type RunningDynamoDb } from '#packages/local/dynamodb-local.ts';
import { startLocalStack, type LocalStack } from '#packages/local/local-stack.ts';
import { faultWhileInFlight, figures, imbalances, inPool, settledLedger, timed, unexpectedAnswers, waitUntil, type TimedAnswer } from '../support/fault-fixtures.ts';
import { freePort } from '../support/free-port.ts';
import { apiCaller, type ApiCaller, type ApiResponse } from '../support/local-api.ts';
import { buy, givenPublishedEvent, givenTicketType, pay, tally } from '../support/sales-fixtures.ts';

// The deployed timeouts (packages/core/dependencies/timeouts.ts), set before the imports build the SDK clients.
vi.hoisted(() => {
  process.env.DEPENDENCY_TIMEOUT_SCALE = '1';
});

/**
 * DynamoDB killed, then frozen, while orders are in flight, through the real
 * HTTP server. This file runs its OWN DynamoDB Local (with a data directory,
 * so a restart after SIGKILL finds its data) and a local stack over it; the
 * shared one of test/support/global-setup.ts is not touched.
 *
 * The tests run in order and share the event: (a) kill, (b) freeze, (c) the
 * books after both. Each prints the figures it saw ("fault figures").
 */

/**
 * Room for the warm-up orders and for every request of both faults to leave
 * an order behind (a 503 is an unknown outcome: the order may have been
 * written anyway), so (a) and (b) never meet `sold_out`; (c) sells out the rest.
 */
const CAPACITY = 150;
const IN_FLIGHT = 50;
const WARM_UP_ORDERS = 5;
/** Generous: a loaded two-core machine runs late. Only "no hang" is asserted, never speed. */
const SLACK_MS = 8_000;
const RETRY_AFTER = String(dependencyTimeouts.retryAfterSeconds);
const report = (phase: string, data: Record<string, unknown>) => console.log(`fault figures — ${phase}: ${JSON.stringify(data)}`);

let dataDir: string;
let port: number;
let dynamo: RunningDynamoDb;
let stack: LocalStack;
let call: ApiCaller;
let eventId: string;
let ticketTypeId: string;
const created: ApiResponse[] = [];

/** A client that does what a 503 asks: the same request again (setup steps only). */
const patient: ApiCaller = async (...args) => {
  let res = await call(...args);
  for (let i = 0; i < 5 && res.status === 503; i++) res = await call(...args);
  return res;
};

const order = () => buy(call, eventId, ticketTypeId, { idempotencyKey: randomUUID() });
const health = () => timed(() => call('GET', '/health', { role: null }));
const readiness = () => timed(() => call('GET', '/health/ready', { role: null }));
const ready = () => waitUntil('GET /health/ready → 200', async () => (await readiness()).res.status === 200);
const dependencyState = (answer: TimedAnswer, name: string) =>
  (answer.res.body.dependencies as Array<{ name: string; status: string; reason?: string }>).find((d) => d.name === name);

/** A few orders one after another: a fresh JVM and the handlers warm up before a rush, and the books hold known orders. */
async function warmUp(): Promise<void> {
  for (let i = 0; i < WARM_UP_ORDERS; i++) {
    let res = await order();
    for (let retry = 0; retry < 10 && res.status === 503; retry++) res = await order();
    if (res.status !== 201) throw new Error(`warm-up order: ${res.status} ${JSON.stringify(res.body)}`);
    created.push(res);
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'eventos-faults-'));
  port = await freePort();
  dynamo = await startDynamoDbLocal(port, dataDir);
  stack = await startLocalStack({
    apiPort: 0,
    busPort: 0,
    sesPort: 0,
    dynamoEndpoint: dynamo.endpoint,
    sesEndpoint: inject('sesEndpoint'),
    tableName: process.env.TABLE_NAME!,
  });
  call = apiCaller(stack);
  const event = await givenPublishedEvent(patient);
  eventId = event.id;
  ticketTypeId = (await givenTicketType(patient, eventId, { capacity: CAPACITY, maxPerOrder: 1 })).id;
  await warmUp();
  report('timeouts', { ...currentTimeouts(), answerBoundMs: answerBoundMs() });
}, 120_000);

afterAll(async () => {
  dynamo?.process.kill('SIGCONT');
  await stack?.stop();
  await dynamo?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('DynamoDB faults with orders in flight', () => {
  it('readiness: 200 listing every dependency up while all answer; /health is liveness', async () => {
    const answer = await readiness();
    expect(answer.res.status).toBe(200);
    expect(answer.res.body).toMatchObject({ status: 'ready' });
    expect(answer.res.body.dependencies.map((d: { name: string; status: string }) => `${d.name}:${d.status}`)).toEqual([
      'dynamodb:up',
      'eventbridge:up',
      'ses:up',
    ]);
    expect((await health()).res.status).toBe(200);
  });

  it('(a) killed: every order is a 201 or a 503 dependency_unavailable with Retry-After, within the bound; /health/ready says DynamoDB is down', async () => {
    const { answers, inFlightAtFault } = await faultWhileInFlight(IN_FLIGHT, order, () => {
      dynamo.process.kill('SIGKILL');
    });
    created.push(...answers.map((a) => a.res).filter((r) => r.status === 201));

    const whileDown = await readiness();
    const live = await health();
    report('(a) DynamoDB killed', { inFlightAtFault, ...figures(answers), readyWhileDown: { status: whileDown.res.status, ms: whileDown.ms, body: whileDown.res.body }, healthWhileDown: live.res.status });

    expect(inFlightAtFault).toBeGreaterThan(0);
    expect(unexpectedAnswers(answers, RETRY_AFTER)).toEqual([]);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(answerBoundMs() + SLACK_MS);
    expect(whileDown.res.status).toBe(503);
    expect(whileDown.res.headers.get('content-type')).toBe('application/problem+json');
    expect(whileDown.res.headers.get('retry-after')).toBe(RETRY_AFTER);
    expect(whileDown.res.body).toMatchObject({ status: 503, code: 'dependency_unavailable' });
    expect(dependencyState(whileDown, 'dynamodb')).toMatchObject({ status: 'down', reason: 'unreachable' });
    expect(dependencyState(whileDown, 'eventbridge')).toMatchObject({ status: 'up' });
    expect(live.res.status).toBe(200);

    // Back on the same port and data directory: it comes back with its data.
    dynamo = await startDynamoDbLocal(port, dataDir);
    await ready();
    await warmUp();
  }, 180_000);

  it('(b) frozen (SIGSTOP): the same answers, no request hangs; /health/ready says DynamoDB timed out', async () => {
    const { answers, inFlightAtFault } = await faultWhileInFlight(IN_FLIGHT, order, () => {
      dynamo.process.kill('SIGSTOP');
    });
    created.push(...answers.map((a) => a.res).filter((r) => r.status === 201));

    const whileFrozen = await readiness();
    const live = await health();
    dynamo.process.kill('SIGCONT');
    report('(b) DynamoDB frozen', { inFlightAtFault, ...figures(answers), readyWhileFrozen: { status: whileFrozen.res.status, ms: whileFrozen.ms, body: whileFrozen.res.body }, healthWhileFrozen: live.res.status });

    expect(inFlightAtFault).toBeGreaterThan(0);
    expect(unexpectedAnswers(answers, RETRY_AFTER)).toEqual([]);
    expect(answers.filter((a) => a.res.status === 503).length).toBeGreaterThan(0);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(answerBoundMs() + SLACK_MS);
    expect(whileFrozen.res.status).toBe(503);
    expect(whileFrozen.res.headers.get('retry-after')).toBe(RETRY_AFTER);
    expect(dependencyState(whileFrozen, 'dynamodb')).toMatchObject({ status: 'down', reason: 'timeout' });
    // The readiness check waits one attempt's timeout per dependency, no more.
    expect(whileFrozen.ms).toBeLessThan(currentTimeouts().requestTimeoutMs + SLACK_MS);
    expect(live.res.status).toBe(200);

    await ready();
  }, 180_000);

  it('(c) after it comes back: nothing oversold, no half-written order; late holds go at expiry; the rest sells out exactly', async () => {
    // Writes the frozen instance took before or during the freeze land after it thaws, whoever still waits for them.
    const after = await settledLedger(call, eventId, ticketTypeId);
    expect(imbalances(after)).toEqual([]);
    // Every 201 was a real order.
    const known = new Set(created.map((r) => r.body.id as string));
    const listed = new Set(after.orders.map((o) => o.id));
    expect([...known].filter((id) => !listed.has(id))).toEqual([]);
    // Orders no client was given (its request answered 503, the write landed anyway): they hold seats until the sweeper.
    const late = after.orders.filter((o) => !known.has(o.id) && o.status === 'pending');

    // A few buyers pay: their seats are sold and stay sold through the sweep.
    const paying = created.slice(0, 3); // warm-up orders: pending, and known to exist
    for (const res of paying) expect((await pay(call, res.body)).delivered.status).toBe(200);
    const paid = await settledLedger(call, eventId, ticketTypeId);
    expect(imbalances(paid)).toEqual([]);
    expect(paid.counts.sold).toBe(paying.length);

    // The sweeper decides expiry by the time it is given: nothing before the first hold's end, every hold after the last's.
    const expiries = paid.orders.filter((o) => o.status === 'pending').map((o) => Date.parse(o.expiresAt));
    expect(await expireHolds(new Date(Math.min(...expiries) - 1).toISOString())).toEqual({ expired: 0 });
    expect(await expireHolds(new Date(Math.max(...expiries) + 1).toISOString())).toEqual({ expired: expiries.length });
    const swept = await settledLedger(call, eventId, ticketTypeId);
    expect(imbalances(swept)).toEqual([]);
    expect(swept.counts).toMatchObject({ sold: paying.length, held: 0, available: CAPACITY - paying.length });

    for (const o of late) expect(swept.orders.find((s) => s.id === o.id)?.status, `late order ${o.id}`).toBe('expired');

    // The rest sells out exactly, 10 buyers at a time; a buyer retries a 503 with the same key, as the contract says.
    const buyers = Array.from({ length: CAPACITY - paying.length + 10 }, () => randomUUID());
    const finals = await inPool(buyers, 10, async (key) => {
      // The same request again: same key, same body.
      const again = () => timed(() => buy(call, eventId, ticketTypeId, { idempotencyKey: key, email: `${key}@example.com` }));
      // Until a final answer: a 503, or the first attempt's key still locked (409 idempotency_in_progress), asks to come back.
      let answer = await again();
      const until = Date.now() + 90_000;
      while ((answer.res.status === 503 || answer.res.body?.code === 'idempotency_in_progress') && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 200));
        answer = await again();
      }
      return answer;
    });
    const soldOut = await settledLedger(call, eventId, ticketTypeId);
    report('(c) after recovery', {
      ordersAfterFaults: after.orders.reduce<Record<string, number>>((n, o) => ({ ...n, [o.status]: (n[o.status] ?? 0) + 1 }), {}),
      createdBy201: known.size,
      lateOrders: late.length,
      heldAfterFaults: after.counts.held,
      sweptHolds: expiries.length,
      finalRush: { buyers: buyers.length, ...figures(finals) },
      final: soldOut.counts,
    });
    expect(imbalances(soldOut)).toEqual([]);
    expect(soldOut.counts).toMatchObject({ capacity: CAPACITY, available: 0 });
    expect(soldOut.counts.sold + soldOut.counts.held).toBe(CAPACITY);
    expect(Object.keys(tally(finals.map((a) => a.res))).sort()).toEqual(['201', '409 sold_out']);
  }, 300_000);
});
