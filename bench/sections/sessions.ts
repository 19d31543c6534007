import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_TICKET_SIGNING_KEY } from '#packages/local/local-stack.ts';
import { attendeeLinkToken } from '#packages/features/sessions/index.ts';
import { apiClient, type Api } from '../orders/api.ts';
import { CapacityMeter } from '../orders/capacity-meter.ts';
import { startOrdersStack } from '../orders/stack.ts';
import { percentiles, roundTo } from '../orders/stats.ts';
import { capacityPerOperation } from '../lib/capacity-split.ts';
import { intFromEnv } from '../lib/env.ts';
import { givenFreeEvent, must } from '../lib/free-event.ts';
import { progress } from '../lib/progress.ts';
import type { BenchSection } from '../lib/section.ts';
import { describeExit, runChild } from '../lib/spawn.ts';
import { sessionFloorTransactions } from '../sessions/floor.ts';
import { transactionFloor } from '../lib/transaction-floor.ts';
import { callBreakdown } from '../lib/call-breakdown.ts';
import { describeItems, realTransaction, shapeMismatch } from '../lib/floor-shape.ts';
import { sessionCacheStats } from '#packages/features/sessions/session-cache.ts';
import { validTicket } from '#packages/features/sessions/index.ts';
import type { RegisterConfig, RegisterOutput, SessionsData } from '../sessions/types.ts';
import { renderSessions } from './sessions-render.ts';

export type { SessionsData } from '../sessions/types.ts';

const client = fileURLToPath(new URL('../sessions/register-client.ts', import.meta.url));
const portOf = (url: string) => Number(new URL(url).port);

/** The setup is not what is measured: on a loaded machine a 503 (a dependency slow to answer) is tried again. */
async function retried<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= 5 || !/answered 503|fetch failed|ECONNRESET/.test(`${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`)) throw error;
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
    }
  }
}

/** `count` free tickets of one event, 10 to an order; their ids. An order lost to a 503 is simply bought again (the type has headroom). */
async function givenTicketIds(api: Api, eventId: string, ticketTypeId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (ids.length < count && next < Math.ceil(count / 10) * 2) {
        const i = next++;
        const order = await retried(() =>
          must<{ id: string; status: string }>(api, 201, 'POST', `/v1/events/${eventId}/orders`, {
            buyer: { email: `sessions-${i}@bench.example.com`, firstName: 'Bench' },
            items: [{ ticketTypeId, quantity: 10 }],
          }),
        ).catch(() => null);
        if (!order || order.status !== 'paid') continue;
        const paid = await retried(() => must<{ tickets?: Array<{ id: string }> }>(api, 200, 'GET', `/v1/orders/${order.id}`)).catch(() => null);
        if (!paid) continue;
        ids.push(...(paid.tickets ?? []).map((t) => t.id));
      }
    }),
  );
  if (ids.length < count) throw new Error(`${ids.length} tickets for ${count}`);
  return ids.slice(0, count);
}

async function givenSessions(api: Api, eventId: string, count: number, capacity: number, label: string): Promise<string[]> {
  const startsAt = new Date(Date.now() + 2 * 3_600_000);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const s = await retried(() => must<{ id: string }>(api, 201, 'POST', `/v1/events/${eventId}/sessions`, {
      title: `${label} ${i + 1}`,
      state: 'scheduled',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      capacity,
    }));
    ids.push(s.id);
  }
  return ids;
}

export const sessionsSection: BenchSection<SessionsData> = {
  name: 'sessions',
  title: 'Sessions: 2,000 attendees registering for 20 sessions in one burst, vs a bare conditional transaction of the same shape (local stack)',
  async run(ctx) {
    const attendees = intFromEnv('BENCH_SESSIONS_ATTENDEES', 2000);
    const sessions = intFromEnv('BENCH_SESSIONS_SESSIONS', 20);
    const capacityPerSession = intFromEnv('BENCH_SESSIONS_CAPACITY', Math.round((attendees / sessions) * 0.8));
    const concurrency = intFromEnv('BENCH_SESSIONS_CONCURRENCY', 100);
    const warmUp = intFromEnv('BENCH_SESSIONS_WARMUP', 400);
    const data: SessionsData = {
      method: {
        client: `a separate Node process, one POST /v1/attendee-links/{token}/sessions/{id}/registration per attendee (attendee i → session i mod ${sessions}), ${concurrency} in flight, each on its own keep-alive socket opened before the clock starts`,
        warmUp: `${warmUp} registrations to ${sessions} other sessions first (same concurrency), metered for capacity; the timed burst runs unmetered like the floor`,
        server: 'local stack in the bench process: real handlers via tsx, DynamoDB Local in memory, local bus (deliveries held during the burst)',
        floor:
          'one TransactWriteItems per registration, built beforehand by the product\'s own builders (packages/features/sessions/registration-writes.ts), no reads: conditional ADD on the session counter (20 hot counters of sessions of their own), ' +
          'registration Put if absent, schedule create, ConditionCheck on the session, the session.registered outbox row, and the audit item as the kit\'s interceptor builds it; ' +
          'checked against a metered real confirmation (count and kinds; a bench error if they differ); TransactionConflict retried as the service does; same concurrency, own DocumentClient, same DynamoDB Local, same run',
      },
      attendees,
      sessions,
      capacityPerSession,
      concurrency,
      burst: null,
      check: null,
      floor: null,
      realItems: null,
      breakdown: [],
      sessionCache: null,
      ratioP99: null,
      capacity: null,
      targets: [],
    };
    const errors: string[] = [];
    const meter = new CapacityMeter();
    let floorInputs: { warmUp: import('@aws-sdk/lib-dynamodb').TransactWriteCommandInput[]; timed: import('@aws-sdk/lib-dynamodb').TransactWriteCommandInput[] } | null = null;
    progress('sessions: starting the local stack (DynamoDB Local in memory)');
    const { stack, stop } = await startOrdersStack(ctx.cleanup);
    try {
      meter.install({ api: portOf(stack.apiUrl), bus: portOf(stack.bus.endpoint) });
      const token = await stack.token('admin', 'bench-admin');
      const api = apiClient(stack.apiUrl, token);
      const settle = async () => {
        await stack.bus.drain();
        await stack.stripe.idle();
      };
      progress(`sessions: selling ${attendees} + ${warmUp} free tickets`);
      const { eventId, ticketTypeId } = await givenFreeEvent(api, 'sessions', { capacity: (attendees + warmUp) * 3, maxPerOrder: 10 });
      const ticketIds = await givenTicketIds(api, eventId, ticketTypeId, attendees + warmUp);
      const timedSessions = await givenSessions(api, eventId, sessions, capacityPerSession, 'Session');
      const warmSessions = await givenSessions(api, eventId, sessions, Math.max(1, Math.round((warmUp / sessions) * 0.8)), 'Warm-up session');
      // The floor's own sessions, roomy enough that every floor registration confirms (as the old floor's counters were).
      const floorSessions = await givenSessions(api, eventId, sessions, Math.ceil((attendees + concurrency) / sessions) + 10, 'Floor session');
      const template = await validTicket({ ticketId: ticketIds[0]!, eventId });
      await settle();
      const key = process.env.TICKET_SIGNING_KEY || LOCAL_TICKET_SIGNING_KEY;
      const endsAt = new Date(Date.now() + 24 * 3_600_000).toISOString();
      const path = (ticketId: string, sessionId: string) =>
        `/v1/attendee-links/${encodeURIComponent(attendeeLinkToken(ticketId, eventId, endsAt, key))}/sessions/${sessionId}/registration`;

      const burst = async (name: string, paths: string[]) => {
        const file = join(ctx.tmpDir, `sessions-${name}.json`);
        writeFileSync(file, JSON.stringify({ apiUrl: stack.apiUrl, paths, concurrency } satisfies RegisterConfig));
        meter.take();
        stack.bus.pause();
        const finished = await runChild(ctx.cleanup, process.execPath, ['--import', 'tsx', client, file], { cwd: ctx.root });
        const apiCalls = meter.take();
        meter.runAs('consumer', 'event bus delivery (held during the burst)', () => stack.bus.resume());
        if (finished.code !== 0) throw new Error(`${name} register client ${describeExit(finished)}`);
        await settle();
        const out = JSON.parse(finished.stdout) as RegisterOutput;
        return { out, ok: out.samples.filter(([status]) => status >= 200 && status < 300), calls: [...apiCalls, ...meter.take()] };
      };

      progress(`sessions: warm-up burst, ${warmUp} registrations, metered`);
      const warm = await burst('warm-up', ticketIds.slice(attendees).map((t, i) => path(t, warmSessions[i % sessions]!)));
      if (warm.ok.length) {
        data.capacity = capacityPerOperation(warm.calls, warm.ok.length);
        data.breakdown = callBreakdown(warm.calls, warm.ok.length);
      }
      data.realItems = realTransaction(warm.calls, (r) => r.startsWith('POST /v1/attendee-links/') && r.endsWith('/registration'))?.items ?? null;
      floorInputs = {
        warmUp: await sessionFloorTransactions(eventId, floorSessions, concurrency, template.attendeeContactId),
        timed: await sessionFloorTransactions(eventId, floorSessions, attendees, template.attendeeContactId),
      };
      const mismatch = shapeMismatch(describeItems(floorInputs.timed[0]), data.realItems ?? undefined);
      if (mismatch) throw new Error(`the floor is not the real transaction's shape: ${mismatch}`);
      if (data.capacity) progress(`  per registration: request path ${data.capacity.api.rcu} RCU + ${data.capacity.api.wcu} WCU`);
      meter.uninstall();

      progress(`sessions: ${attendees} registrations for ${sessions} sessions of ${capacityPerSession}, ${concurrency} in flight`);
      const cacheBefore = sessionCacheStats();
      const { out } = await burst('burst', ticketIds.slice(0, attendees).map((t, i) => path(t, timedSessions[i % sessions]!)));
      const cacheAfter = sessionCacheStats();
      data.sessionCache = { hits: cacheAfter.hits - cacheBefore.hits, misses: cacheAfter.misses - cacheBefore.misses };
      const outcomes: Record<string, number> = {};
      for (const [status, outcome] of out.samples) outcomes[`${status} ${outcome ?? ''}`.trim()] = (outcomes[`${status} ${outcome ?? ''}`.trim()] ?? 0) + 1;
      data.burst = {
        wallMs: Math.round(out.wallMs),
        perSecond: roundTo((out.samples.length / out.wallMs) * 1000),
        outcomes,
        latencyMs: percentiles(out.samples.map(([, , ms]) => ms)),
      };
      progress(`  ${data.burst.perSecond} registrations/s, p50 ${data.burst.latencyMs?.p50} ms, p99 ${data.burst.latencyMs?.p99} ms; ${Object.entries(outcomes).map(([k, n]) => `${n}×${k}`).join(', ')}`);

      const check = { overCapacity: 0, confirmed: 0, waitlisted: 0, maxTaken: 0, registrationsListed: 0 };
      for (const sessionId of timedSessions) {
        const s = await must<{ seats: { capacity: number; confirmed: number; waiting: number } }>(api, 200, 'GET', `/v1/events/${eventId}/sessions/${sessionId}`);
        const listed = await must<{ items: unknown[] }>(api, 200, 'GET', `/v1/events/${eventId}/sessions/${sessionId}/registrations?state=confirmed`);
        if (s.seats.confirmed > s.seats.capacity || listed.items.length > s.seats.capacity) check.overCapacity++;
        check.confirmed += s.seats.confirmed;
        check.waitlisted += s.seats.waiting;
        check.maxTaken = Math.max(check.maxTaken, s.seats.confirmed);
        check.registrationsListed += listed.items.length;
      }
      data.check = check;
      progress(`  ${check.confirmed} confirmed, ${check.waitlisted} waitlisted, ${check.overCapacity} sessions over capacity`);
    } catch (error) {
      errors.push(`burst: ${(error as Error).message}`);
      progress(`  ${(error as Error).stack?.split("\n").slice(1, 4).join(" | ")} ${String((error as { cause?: unknown }).cause ?? "")}`);
      progress(`  ERROR ${(error as Error).message}`);
    } finally {
      meter.uninstall();
    }
    try {
      if (!ctx.cleanup.stopping && floorInputs) {
        progress(`sessions: floor — ${attendees} bare transactions of ${floorInputs.timed[0]?.TransactItems?.length} items, ${concurrency} at a time`);
        data.floor = await transactionFloor(stack.dynamoEndpoint, floorInputs, concurrency, { retryConflicts: true });
        progress(`  floor p50 ${data.floor.latencyMs.all?.p50} ms, p99 ${data.floor.latencyMs.all?.p99} ms, ${data.floor.perSecond} tx/s, ${data.floor.conflictRetries} conflict retries`);
      }
    } catch (error) {
      errors.push(`floor: ${(error as Error).message}`);
    } finally {
      progress('sessions: stopping the local stack');
      await stop();
    }
    const p99 = data.burst?.latencyMs?.p99;
    const floorP99 = data.floor?.latencyMs.all?.p99;
    data.ratioP99 = p99 && floorP99 ? roundTo(p99 / floorP99, 2) : null;
    const expectedConfirmed = sessions * Math.min(capacityPerSession, Math.ceil(attendees / sessions));
    data.targets = [
      { name: '0 sessions over capacity', ok: data.check ? data.check.overCapacity === 0 : null, detail: `${data.check?.overCapacity ?? '—'}` },
      {
        name: 'every seat taken, everyone else waitlisted',
        ok: data.check ? data.check.confirmed === expectedConfirmed && data.check.confirmed + data.check.waitlisted === attendees : null,
        detail: `${data.check?.confirmed ?? '—'} confirmed (of ${expectedConfirmed} seats) + ${data.check?.waitlisted ?? '—'} waitlisted = ${attendees}?`,
      },
      { name: 'registration p99 / floor p99 ≤ 3', ok: data.ratioP99 === null ? null : data.ratioP99 <= 3, detail: `${p99 ?? '—'} / ${floorP99 ?? '—'} ms` },
    ];
    return { data, targetsMet: data.targets.every((t) => t.ok === true), errors };
  },
  render: renderSessions,
};
