/**
 * The lifetime-value job over a customer base (issue 19 bench): N buyers,
 * each a contact (with its email guard) and a purchase summary drawn from a
 * BG/BB story over 24 past events of one organiser, written straight to the
 * table; then one run of the nightly job (fit + a prediction on every
 * contact), timed, with the RCU/WCU it consumed per contact — the job's own
 * calls, and apart from them the consumers its `contact.updated` events
 * wake (segments, workflows, webhooks), after the bus drained.
 */
import os from 'node:os';
import type { Cleanup } from './cleanup.ts';
import { progress } from './progress.ts';
import { CapacityMeter, type CallRecord } from '../orders/capacity-meter.ts';
import { startOrdersStack } from '../orders/stack.ts';

export interface LtvBenchData {
  contacts: number;
  events: number;
  method: string | null;
  repeatBuyers: number;
  loadMs: number;
  runMs: number;
  /** The run's wall time per 1,000 contacts. */
  msPer1000: number;
  job: { rcuPerContact: number; wcuPerContact: number; callsPerContact: number };
  /** The consumers woken by the run's contact.updated events (segments refresh, workflow triggers…). */
  downstream: { rcuPerContact: number; wcuPerContact: number; drainMs: number };
  /** A second run on the same data (a night with no new orders): contacts whose figures did not change are not written. */
  rerun: { runMs: number; rcuPerContact: number; wcuPerContact: number; callsPerContact: number };
  scanned: boolean;
}

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const EVENTS = 24;
const DAY = 86_400_000;
const round = (v: number) => Math.round(v * 1000) / 1000;

function perContact(calls: readonly CallRecord[], n: number) {
  const sum = (reads: boolean) => calls.filter((c) => READS.has(c.command) === reads).reduce((s, c) => s + c.units, 0);
  return { rcuPerContact: round(sum(true) / n), wcuPerContact: round(sum(false) / n), callsPerContact: round(calls.length / n) };
}

async function seedWrite(write: () => Promise<{ unprocessed: unknown[] }>): Promise<void> {
  const { isWriteTimeout } = await import('#packages/core/dependencies/write-timeouts.ts');
  for (let attempt = 1; ; attempt++) {
    try {
      const { unprocessed } = await write();
      if (!unprocessed.length) return;
    } catch (error) {
      if (!isWriteTimeout(error) || attempt >= 5) throw error;
    }
    if (attempt >= 5) throw new Error('seeding: BatchWriteItem left items unprocessed after 5 attempts');
    // Backing off: a busy DynamoDB Local timed out five attempts in a row without it (load average 29).
    await new Promise((r) => setTimeout(r, 500 * attempt));
  }
}

/** A progress line every 5,000 contacts: a long run shows its pace (and what it reached, if stopped). */
function everyPage(what: string, started: number): (scored: number) => void {
  let shown = 0;
  return (scored) => {
    if (scored - shown < 5000) return;
    shown = scored;
    const seconds = (performance.now() - started) / 1000;
    progress(`analytics-ltv: ${what}: ${scored.toLocaleString('en')} contacts scored in ${seconds.toFixed(0)} s (load ${os.loadavg()[0]!.toFixed(1)})`);
  };
}

export async function runLtvBench(contacts: number, cleanup: Cleanup): Promise<LtvBenchData> {
  const meter = new CapacityMeter();
  const { stack, stop } = await startOrdersStack(cleanup);
  try {
    const { db } = await import('#packages/core/db/service.ts');
    const { newId } = await import('#packages/core/ids.ts');
    const { seededRng } = await import('#packages/features/lifetime-value/models/rng.ts');
    const { shardOf } = await import('#packages/features/lifetime-value/record-buyer.ts');
    const { requestRun, continueRun, readState } = await import('#packages/features/lifetime-value/run.ts');
    const portOf = (url: string) => Number(new URL(url).port);
    meter.install({ api: portOf(stack.apiUrl), bus: portOf(stack.bus.endpoint) });

    const rng = seededRng(19_2026);
    const now = Date.now();
    const venueId = newId();
    // 24 past events, one every 2 weeks: the opportunities.
    const events = Array.from({ length: EVENTS }, (_, i) => {
      const startsAt = new Date(now - (EVENTS - i) * 14 * DAY).toISOString();
      return { eventId: newId(), venueId, name: `Night ${i + 1}`, startsAt, endsAt: startsAt, currency: 'EUR', status: 'published' as const };
    });
    await db().entities.event.put(events).go({ concurrency: 4 });

    const loadStarted = performance.now();
    const batch = 1000;
    for (let done = 0; done < contacts; done += batch) {
      const people: { contactId: string; email: string }[] = [];
      const buyers = [];
      for (let i = done; i < Math.min(contacts, done + batch); i++) {
        const email = `ltv.${i}@bench.example.com`;
        people.push({ contactId: newId(), email });
        // BG/BB's story (α 1.2, β 0.75, γ 0.66, δ 2.8) from a random first event.
        const p = rng.beta(1.2, 0.75);
        const theta = rng.beta(0.66, 2.8);
        const first = Math.floor(rng.uniform() * EVENTS);
        const bought = [first];
        for (let t = first + 1; t < EVENTS; t++) {
          if (rng.uniform() < theta) break;
          if (rng.uniform() < p) bought.push(t);
        }
        const spend = bought.reduce((s) => s + 2000 + Math.round(rng.uniform() * 6000), 0);
        buyers.push({
          email,
          shard: shardOf(email),
          firstPurchaseAt: events[first]!.startsAt,
          lastPurchaseAt: events[bought.at(-1)!]!.startsAt,
          purchases: bought.length,
          spendAmount: spend,
          currency: 'EUR',
          eventIds: bought.map((b) => events[b]!.eventId),
          version: 1,
        });
      }
      // BatchWriteItem, 25 items a call; puts, so one that timed out (DynamoDB Local on a busy box) is simply sent again.
      await seedWrite(() => db().entities.contact.put(people.map((c) => ({ ...c, state: 'active' as const, engagementScore: 0 }))).go({ concurrency: 4 }));
      await seedWrite(() => db().entities.contactEmail.put(people.map((c) => ({ email: c.email, contactId: c.contactId }))).go({ concurrency: 4 }));
      const summaries = buyers.slice();
      await seedWrite(() => db().entities.ltvBuyer.put(summaries).go({ concurrency: 4 }));
      progress(`analytics-ltv: loaded ${Math.min(contacts, done + batch).toLocaleString('en')} / ${contacts.toLocaleString('en')} buyers`);
    }
    const loadMs = performance.now() - loadStarted;
    meter.take();

    progress('analytics-ltv: running the lifetime-value job');
    const runStarted = performance.now();
    await requestRun('schedule');
    const result = await meter.runAs('other', 'lifetime-value job', () => continueRun(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, everyPage('run', runStarted)));
    const runMs = performance.now() - runStarted;
    // The bus delivers the run's events while it runs: those consumers' calls are downstream, not the job's.
    const during = meter.take();
    const jobCalls = during.filter((c) => c.origin !== 'consumer');
    const drainStarted = performance.now();
    await stack.bus.drain();
    const drainMs = performance.now() - drainStarted;
    const downstream = [...during, ...meter.take()].filter((c) => c.origin === 'consumer');
    progress('analytics-ltv: running it again on the same data');
    const rerunStarted = performance.now();
    await requestRun('schedule');
    await meter.runAs('other', 'lifetime-value job again', () => continueRun(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, everyPage('rerun', rerunStarted)));
    const rerunMs = performance.now() - rerunStarted;
    await stack.bus.drain();
    const rerunCalls = meter.take().filter((c) => c.origin !== 'consumer');
    const { fit } = await readState();
    progress(`analytics-ltv: ${fit?.method} over ${result.scored} contacts in ${(runMs / 1000).toFixed(1)} s`);
    const down = perContact(downstream, contacts);
    return {
      contacts,
      events: EVENTS,
      method: fit?.method ?? null,
      repeatBuyers: fit?.repeatBuyers ?? 0,
      loadMs: Math.round(loadMs),
      runMs: Math.round(runMs),
      msPer1000: round((runMs / contacts) * 1000),
      job: perContact(jobCalls, contacts),
      downstream: { rcuPerContact: down.rcuPerContact, wcuPerContact: down.wcuPerContact, drainMs: Math.round(drainMs) },
      rerun: { runMs: Math.round(rerunMs), ...perContact(rerunCalls, contacts) },
      scanned: [...jobCalls, ...downstream, ...rerunCalls].some((c) => c.command === 'Scan'),
    };
  } finally {
    await stop();
  }
}
