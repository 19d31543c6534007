import { CapacityMeter } from '../orders/capacity-meter.ts';
import { apiClient, type Api } from '../orders/api.ts';
import { startOrdersStack } from '../orders/stack.ts';
import { percentiles, roundTo, type Percentiles } from '../orders/stats.ts';
import { capacityPerOperation } from '../lib/capacity-split.ts';
import { intFromEnv } from '../lib/env.ts';
import { progress } from '../lib/progress.ts';
import { runBurst } from '../lib/burst.ts';
import type { BenchSection, SectionContext } from '../lib/section.ts';
import { transactionFloor, type FloorRun } from '../lib/transaction-floor.ts';
import { callBreakdown, type CallKind } from '../lib/call-breakdown.ts';
import { describeItems, realTransaction, shapeMismatch } from '../lib/floor-shape.ts';
import { buyerRequests, givenSeatedSale, SECTIONS } from '../seats/fixtures.ts';
import { seatFloorTransactions } from '../seats/floor.ts';
import { renderSeats } from './seats-render.ts';

export interface SeatRaceRun {
  buyers: number;
  seats: number;
  wallMs: number;
  perSecond: number;
  answers: Record<string, number>;
  latencyMs: { all: Percentiles | null; created: Percentiles | null };
  /** Seats taken (held) per the seat items, per the live orders, and seats named by two live orders. */
  seatsTaken: number;
  seatsWon: number;
  doubleSold: number;
  /** Ticket-type counters (held + sold, all sections) equal the seat items taken, and every taken seat has one live order. */
  countersMatch: boolean;
  /** The three counts countersMatch compares: held + sold per the counters, and seats named by pending orders. */
  countersTaken: number;
  pendingOrderSeats: number;
  /** Seats left free, and how many adjacent free pairs remain among them (every buyer wants two together: with none, the free seats are stranded singles nobody in the race could take). */
  seatsFree: number;
  freeAdjacentPairs: number;
}

export interface SeatsData {
  method: Record<string, string>;
  warmUp: SeatRaceRun | null;
  race: SeatRaceRun | null;
  floor: FloorRun | null;
  ratioP99: number | null;
  /** Per seat taken in the metered warm-up race: the request path and the consumers. */
  capacity: { seatsTaken: number; api: { rcu: number; wcu: number; calls: number }; consumers: { rcu: number; wcu: number; calls: number }; wcuPerSeat: number } | null;
  /** The request path's calls in the metered warm-up, per seat taken, by kind. */
  breakdown: CallKind[];
  /** The items of a committed order transaction metered in the warm-up (audit item included), as the floor's are compared with. */
  realItems: string[] | null;
  targets: Array<{ name: string; ok: boolean | null; detail: string }>;
}

const portOf = (url: string) => Number(new URL(url).port);

interface SeatState {
  seatGuid: string;
  state: string;
  row: string;
  number: string;
}

/** Adjacent free pairs (same section and row, consecutive numbers) among the seats. */
function freePairs(sectioned: Array<{ section: string; seats: SeatState[] }>): number {
  let pairs = 0;
  for (const { section, seats } of sectioned) {
    const free = new Set(seats.filter((s) => s.state === 'free').map((s) => `${section}/${s.row}/${s.number}`));
    for (const key of free) {
      const [sec, row, n] = key.split('/');
      if (free.has(`${sec}/${row}/${Number(n) + 1}`)) pairs++;
    }
  }
  return pairs;
}

/** The books after a race: seat items vs the winners' answers vs the pending orders vs the counters. */
async function audit(api: Api, eventId: string, created: Array<{ id: string; seats: { seatGuid: string }[] }>) {
  const states: SeatState[] = [];
  const sectioned: Array<{ section: string; seats: SeatState[] }> = [];
  for (const s of SECTIONS) {
    const res = await api.call<{ seats: SeatState[] }>('GET', `/v1/events/${eventId}/seats?section=${s}`, { token: null });
    states.push(...res.body.seats);
    sectioned.push({ section: s, seats: res.body.seats });
  }
  const owners = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const page: { body: { items: Array<{ seats?: { seatGuid: string }[] }>; nextCursor: string | null } } = await api.call(
      'GET',
      `/v1/events/${eventId}/orders?status=pending&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    for (const o of page.body.items) for (const seat of o.seats ?? []) owners.set(seat.seatGuid, (owners.get(seat.seatGuid) ?? 0) + 1);
    cursor = page.body.nextCursor;
  } while (cursor);
  const won = created.flatMap((o) => o.seats.map((s) => s.seatGuid));
  const avail = await api.call<{ ticketTypes: Array<{ held: number; sold: number }> }>('GET', `/v1/events/${eventId}/availability`, { token: null });
  const countersTaken = avail.body.ticketTypes.reduce((n, t) => n + t.held + t.sold, 0);
  const taken = states.filter((s) => s.state === 'held' || s.state === 'sold');
  return {
    seatsTaken: taken.length,
    seatsWon: won.length,
    doubleSold: [...owners.values()].filter((n) => n > 1).length + (won.length - new Set(won).size),
    countersMatch: countersTaken === taken.length && owners.size === taken.length,
    countersTaken,
    pendingOrderSeats: owners.size,
    seatsFree: states.filter((s) => s.state === 'free').length,
    freeAdjacentPairs: freePairs(sectioned),
  };
}

/** The sale's live orders (pending or paid) and their seats. */
async function liveOrders(api: Api, eventId: string): Promise<Array<{ id: string; seats: { seatGuid: string }[] }>> {
  const created: Array<{ id: string; seats: { seatGuid: string }[] }> = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: Array<{ id: string; status: string; seats?: { seatGuid: string }[] }>; nextCursor: string | null } } = await api.call(
      'GET',
      `/v1/events/${eventId}/orders?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    // Orders released meanwhile (canceled when Stripe or the intent's patch failed after the hold) keep their seats
    // listed but own them no more: only live orders count, or a seat resold after a release would look double-sold.
    created.push(...page.body.items.filter((o) => o.status === 'pending' || o.status === 'paid').map((o) => ({ id: o.id, seats: o.seats ?? [] })));
    cursor = page.body.nextCursor;
  } while (cursor);
  return created;
}

async function race(ctx: SectionContext, api: Api, apiUrl: string, name: string, buyers: number, rows: number, perRow: number, concurrency: number, seed: number) {
  const { eventId } = await givenSeatedSale(api, name, rows, perRow);
  const out = await runBurst(ctx, name, { apiUrl, token: null, concurrency, requests: buyerRequests(eventId, buyers, rows, perRow, seed) });
  const answers: Record<string, number> = {};
  for (const [status, code] of out.samples) answers[`${status}${code ? ` ${code}` : ''}`] = (answers[`${status}${code ? ` ${code}` : ''}`] ?? 0) + 1;
  // The burst client keeps no bodies: the winners are the live orders (every order of this sale is a buyer's).
  const created = await liveOrders(api, eventId);
  // A 503 answered at the request deadline may still land afterwards ("outcome unknown"): audit once the
  // server is quiet, i.e. when two reads a second apart agree.
  let books = await audit(api, eventId, created);
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const again = await audit(api, eventId, await liveOrders(api, eventId));
    const same = JSON.stringify(again) === JSON.stringify(books);
    books = again;
    if (same) break;
  }
  const run: SeatRaceRun = {
    buyers,
    seats: SECTIONS.length * rows * perRow,
    wallMs: Math.round(out.wallMs),
    perSecond: roundTo((out.samples.length / out.wallMs) * 1000),
    answers,
    latencyMs: { all: percentiles(out.samples.map(([, , ms]) => ms)), created: percentiles(out.samples.filter(([s]) => s === 201).map(([, , ms]) => ms)) },
    ...books,
  };
  return { run, eventId, created: out.samples.filter(([s]) => s === 201).length };
}

/** Every seat accounted for: taken per the seat items, the live orders, the pending orders and the counters; the rest free (and whether any two of them are still adjacent). */
const bookDetail = (r: SeatRaceRun | null) =>
  r
    ? `seat items ${r.seatsTaken} taken, live orders ${r.seatsWon}, pending orders ${r.pendingOrderSeats}, counters ${r.countersTaken}; ${r.seatsFree} free, ${r.freeAdjacentPairs} adjacent free pairs; ${r.doubleSold} double-sold`
    : '—';

export const seatsSection: BenchSection<SeatsData> = {
  name: 'seats',
  title: 'Seats: 500 buyers for 200 seats in 4 sections (named and best available) vs a bare conditional transaction of the same items (local stack)',
  async run(ctx) {
    const buyers = intFromEnv('BENCH_SEATS_BUYERS', 500);
    const rows = intFromEnv('BENCH_SEATS_ROWS', 5);
    const perRow = intFromEnv('BENCH_SEATS_PER_ROW', 10);
    const concurrency = intFromEnv('BENCH_SEATS_CONCURRENCY', 50);
    const data: SeatsData = {
      method: {
        buyers:
          `${buyers} buyers of two seats each, ${concurrency} in flight, for ${SECTIONS.length} sections × ${rows} rows × ${perRow} seats (one category and ticket type per section); ` +
          'even buyers name an adjacent pair at random, odd ones ask best available (together required) in a random section; seeded',
        client: 'bench/lib/burst-client.ts: a separate Node process, one keep-alive socket per concurrent buyer, opened before the clock starts',
        warmUp: 'a first race of the same shape on a sale of its own, metered for consumed capacity; the timed race runs unmetered like the floor',
        server: 'local stack in the bench process (real handlers via tsx, DynamoDB Local in memory, bus held during each race, Stripe stand-in)',
        floor:
          'per buyer ONE bare TransactWriteItems of what an order of two map seats writes (Put order, Put orderHold, conditional Update of the section\'s slice, ' +
          'two conditional seat Updates `state = free`, Put outboxEvent, Put auditEvent as the kit\'s audit interceptor builds it), product builders, checked against a metered real order transaction (count and kinds; a bench error if they differ), ' +
          'a hall of the same size, random adjacent pairs, same concurrency, ' +
          'own DocumentClient, same DynamoDB Local, after a warm-up run; no read before, no retry after',
        doubleSold:
          'a seat named by two live orders counts once per seat; the seat items, the live orders and the ticket-type counters must agree, read once two audits a second apart agree (a 503 at the deadline may still land)',
      },
      warmUp: null,
      race: null,
      floor: null,
      ratioP99: null,
      capacity: null,
      breakdown: [],
      realItems: null,
      targets: [],
    };
    const errors: string[] = [];
    const meter = new CapacityMeter();
    progress('seats: starting the local stack (DynamoDB Local in memory)');
    const { stack, stop } = await startOrdersStack(ctx.cleanup);
    const ports = { api: portOf(stack.apiUrl), bus: portOf(stack.bus.endpoint) };
    try {
      const api = apiClient(stack.apiUrl, await stack.token('admin', 'bench-admin'));
      const settle = async () => {
        await stack.bus.drain();
        await stack.stripe.idle();
      };
      progress('seats: warming up the handlers (map, publish, seat orders, seats)');
      const warm = await givenSeatedSale(api, 'seats warm-up', 2, 4);
      await api.call('POST', `/v1/events/${warm.eventId}/orders`, { token: null, body: { buyer: { email: 'w@bench.example.com' }, seats: ['a-1-1'] } });
      await api.call('POST', `/v1/events/${warm.eventId}/orders`, { token: null, body: { buyer: { email: 'w2@bench.example.com' }, bestAvailable: { category: 'cat-b', quantity: 2 } } });
      await api.call('GET', `/v1/events/${warm.eventId}/seats?section=a`, { token: null });
      await settle();

      meter.install(ports);
      meter.take();
      stack.bus.pause();
      progress(`seats: warm-up race — ${buyers} buyers, ${concurrency} at a time, metered`);
      const warmRace = await race(ctx, api, stack.apiUrl, 'seats-warm-up', buyers, rows, perRow, concurrency, 7);
      data.warmUp = warmRace.run;
      stack.bus.resume();
      // Counted before the bus runs: the audit's GETs are in the calls too, but under 'api' only after the race; split them off by taking now.
      const calls = meter.take();
      const raceCalls = calls.filter((c) => c.request === 'POST /v1/events/{id}/orders' || c.origin === 'consumer');
      await settle();
      data.realItems = realTransaction(raceCalls, 'POST /v1/events/{id}/orders')?.items ?? null;
      const consumerCalls = meter.take().filter((c) => c.origin === 'consumer');
      meter.uninstall();
      if (data.warmUp.seatsTaken) {
        const split = capacityPerOperation([...raceCalls, ...consumerCalls], data.warmUp.seatsTaken);
        data.capacity = {
          seatsTaken: data.warmUp.seatsTaken,
          api: { rcu: split.api.rcu, wcu: split.api.wcu, calls: split.api.calls },
          consumers: { rcu: split.consumers.rcu, wcu: split.consumers.wcu, calls: split.consumers.calls },
          wcuPerSeat: roundTo(split.api.wcu + split.consumers.wcu, 2),
        };
        data.breakdown = callBreakdown(raceCalls, data.warmUp.seatsTaken);
        progress(`  per seat taken: ${data.capacity.api.wcu} WCU + ${data.capacity.api.rcu} RCU on the request path, ${data.capacity.consumers.wcu} WCU in consumers`);
      }

      stack.bus.pause();
      progress(`seats: race — ${buyers} buyers, ${concurrency} at a time, unmetered`);
      const timed = await race(ctx, api, stack.apiUrl, 'seats-race', buyers, rows, perRow, concurrency, 11);
      data.race = timed.run;
      stack.bus.resume();
      await settle();
      progress(
        `  ${data.race.perSecond} buyers/s, p50 ${data.race.latencyMs.all?.p50} ms, p99 ${data.race.latencyMs.all?.p99} ms; ` +
          `${data.race.seatsTaken} seats taken, ${data.race.doubleSold} double-sold; ${Object.entries(data.race.answers).map(([k, n]) => `${n}×${k}`).join(', ')}`,
      );

      if (!ctx.cleanup.stopping) {
        const pending = await api.call<{ items: Array<{ id: string }> }>('GET', `/v1/events/${timed.eventId}/orders?status=pending&limit=1`);
        const templateId = pending.body.items?.[0]?.id;
        if (templateId) {
          const { db } = await import('#packages/core/db/service.ts');
          const { data: template } = await db().entities.order.get({ orderId: templateId }).go({ consistent: true });
          progress(`seats: floor — ${buyers} bare transactions of two seats each, ${concurrency} at a time (after as many to warm up)`);
          const warmUp = await seatFloorTransactions(template!, buyers, rows, perRow);
          const timedFloor = await seatFloorTransactions(template!, buyers, rows, perRow);
          const mismatch = shapeMismatch(describeItems(timedFloor[0]), data.realItems ?? undefined);
          if (mismatch) throw new Error(`the floor is not the real transaction's shape: ${mismatch}`);
          data.floor = await transactionFloor(stack.dynamoEndpoint, { warmUp, timed: timedFloor }, concurrency);
          progress(`  floor p50 ${data.floor.latencyMs.all?.p50} ms, p99 ${data.floor.latencyMs.all?.p99} ms, ${data.floor.perSecond} transactions/s`);
        }
      }
    } catch (error) {
      errors.push(`seats: ${(error as Error).message}`);
      progress(`  ERROR ${(error as Error).message}`);
    } finally {
      meter.uninstall();
      progress('seats: stopping the local stack');
      await stop();
    }
    const raceP99 = data.race?.latencyMs.all?.p99;
    const floorP99 = data.floor?.latencyMs.all?.p99;
    data.ratioP99 = raceP99 && floorP99 ? roundTo(raceP99 / floorP99, 2) : null;
    const books = (r: SeatRaceRun | null) => (r ? r.doubleSold === 0 && r.countersMatch && r.seatsTaken === r.seatsWon : null);
    data.targets = [
      { name: '0 seats double-sold (timed race)', ok: data.race ? data.race.doubleSold === 0 : null, detail: `${data.race?.doubleSold ?? '—'}` },
      { name: 'seat items = winners = counters (timed race)', ok: books(data.race), detail: bookDetail(data.race) },
      { name: 'the same in the warm-up race', ok: books(data.warmUp), detail: bookDetail(data.warmUp) },
      { name: 'seat order p99 / floor p99 ≤ 3', ok: data.ratioP99 === null ? null : data.ratioP99 <= 3, detail: `${raceP99 ?? '—'} / ${floorP99 ?? '—'} ms` },
    ];
    return { data, targetsMet: data.targets.every((t) => t.ok === true), errors };
  },
  render: renderSeats,
};
