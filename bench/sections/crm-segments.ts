import type { EntityItem } from 'electrodb';
import type { contactEntity } from '#packages/core/db/entities/contact.ts';
import { apiClient } from '../orders/api.ts';
import { CapacityMeter, type CallRecord } from '../orders/capacity-meter.ts';
import { startOrdersStack } from '../orders/stack.ts';
import { percentiles, roundTo } from '../orders/stats.ts';
import { buildBilling } from '../segments/billing.ts';
import { seededRandom } from '../lib/cold-start/traffic.ts';
import { benchContact, type BenchContact } from '../segments/population.ts';
import type { CapacityFigures, CrmSegmentsData, ReadFigures } from '../segments/types.ts';
import { intFromEnv } from '../lib/env.ts';
import { progress } from '../lib/progress.ts';
import type { BenchSection } from '../lib/section.ts';
import { renderCrmSegments } from './crm-segments-render.ts';

export type { CrmSegmentsData } from '../segments/types.ts';

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const portOf = (url: string) => Number(new URL(url).port);
/** About 15 % of the base: newsletter (45 %) × score ≥ 25 (50 %) × consent (65 %). */
const FILTER = { tag: 'newsletter', minEngagementScore: 25, marketingConsent: true } as const;

function capacity(calls: readonly CallRecord[], per: number): CapacityFigures {
  const byCommand: Record<string, { calls: number; units: number }> = {};
  for (const c of calls) {
    const entry = (byCommand[c.command] ??= { calls: 0, units: 0 });
    entry.calls += 1;
    entry.units += c.units;
  }
  for (const e of Object.values(byCommand)) {
    e.calls = roundTo(e.calls / per, 3);
    e.units = roundTo(e.units / per, 3);
  }
  const sum = (reads: boolean) => calls.filter((c) => READS.has(c.command) === reads).reduce((s, c) => s + c.units, 0) / per;
  return { rcu: roundTo(sum(true), 3), wcu: roundTo(sum(false), 3), calls: roundTo(calls.length / per, 3), byCommand };
}

type ContactItem = EntityItem<typeof contactEntity>;
type Raw = Record<string, unknown>;

/** The raw items (as stored, keys and all) the build wrote and read: their sizes give the billed figures. */
async function billingOf(db: typeof import('#packages/core/db/service.ts').db, segmentId: string) {
  const unwrap = (r: unknown): Raw => ((r as { data?: Raw }).data ?? (r as Raw));
  const contacts = unwrap(await db().entities.contact.query.all({ state: 'active' }).go({ limit: 1000, data: 'raw' })).Items as Raw[];
  const member = (unwrap(await db().entities.segmentMember.query.bySegment({ segmentId }).go({ limit: 1, data: 'raw' })).Items as Raw[])[0]!;
  const segment = unwrap(await db().entities.segment.get({ segmentId }).go({ data: 'raw' })).Item as Raw;
  return buildBilling(contacts, member, segment);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const crmSegmentsSection: BenchSection<CrmSegmentsData> = {
  name: 'crm-segments',
  title: 'CRM segments over 100,000 contacts: build time, then count and first page of members (time, RCU) (local stack)',
  async run(ctx) {
    const total = intFromEnv('BENCH_SEGMENT_CONTACTS', 100_000);
    const reads = intFromEnv('BENCH_SEGMENT_READS', 200);
    const chunk = intFromEnv('SEGMENT_BUILD_CHUNK', 1000);
    process.env.SEGMENT_BUILD_CHUNK = String(chunk);
    const data: CrmSegmentsData = {
      method: {
        load: 'contacts written straight to the table with ElectroDB batch put (BatchWriteItem of 25, 8 in flight); no events, so no live upkeep runs during the load',
        build: 'POST /v1/segments, then the segments-build consumer on the local bus, chunk by chunk, until status ready',
        reads: `${reads} sequential reads each, after a warm-up: in process (the service function the handler calls) and through the local HTTP API (admin token)`,
        capacity: 'ReturnConsumedCapacity on the process DocumentClient (bench/orders/capacity-meter.ts), as DynamoDB Local reports it (transactions counted as it reports them)',
        server: 'DynamoDB Local in memory, handlers and consumers in the bench process',
      },
      contacts: total,
      filter: { ...FILTER },
      chunk,
      load: null,
      build: null,
      count: null,
      firstPage: null,
      targets: [],
    };
    const errors: string[] = [];
    const meter = new CapacityMeter();
    progress('crm-segments: starting the local stack (DynamoDB Local in memory)');
    const { stack, stop } = await startOrdersStack(ctx.cleanup);
    try {
      // Imported only now: the service modules build their logger on import, after the stack silenced it.
      const { db } = await import('#packages/core/db/service.ts');
      const { newId } = await import('#packages/core/ids.ts');
      const { listSegmentContacts } = await import('#packages/features/segments/segment-contacts.ts');
      const { matches } = await import('#packages/features/segments/segment-filter.ts');
      const { countSegment } = await import('#packages/features/segments/segment-service.ts');
      meter.install({ api: portOf(stack.apiUrl), bus: portOf(stack.bus.endpoint) });
      const api = apiClient(stack.apiUrl, await stack.token('admin', 'bench-admin'));

      // 1. The contact base.
      const random = seededRandom(20_261_231);
      const expected: string[] = [];
      const loadStarted = performance.now();
      const batch = 1000;
      for (let done = 0; done < total; done += batch) {
        const items: BenchContact[] = [];
        for (let i = done; i < Math.min(total, done + batch); i++) {
          const contact = benchContact(random, newId(), i);
          items.push(contact);
          if (matches(FILTER, contact)) expected.push(contact.contactId);
        }
        let pending = items as ContactItem[];
        for (let attempt = 0; pending.length; attempt++) {
          if (attempt > 10) throw new Error(`${pending.length} contacts stayed unprocessed`);
          const { unprocessed } = await db().entities.contact.put(pending).go({ concurrency: 8 });
          // ElectroDB hands back the keys of what DynamoDB left unprocessed: put those items again.
          const left = new Set((unprocessed as Array<{ contactId: string }>).map((k) => k.contactId));
          pending = pending.filter((c) => left.has(c.contactId));
          if (pending.length) await sleep(50 * 2 ** attempt);
        }
        const loaded = Math.min(total, done + batch);
        if (loaded % 10_000 === 0 || loaded === total) {
          progress(`crm-segments: loaded ${loaded.toLocaleString('en')} / ${total.toLocaleString('en')} contacts (${Math.round(loaded / ((performance.now() - loadStarted) / 1000))}/s)`);
        }
      }
      const loadMs = performance.now() - loadStarted;
      const loadCalls = meter.take();
      data.load = {
        wallMs: Math.round(loadMs),
        perSecond: Math.round(total / (loadMs / 1000)),
        wcuPerContact: capacity(loadCalls, total).wcu,
      };

      // 2. One segment, built from nothing.
      progress(`crm-segments: building ${JSON.stringify(FILTER)} (expect ${expected.length.toLocaleString('en')} members, chunks of ${chunk})`);
      const buildStarted = performance.now();
      const created = await api.call<{ id: string }>('POST', '/v1/segments', { body: { name: 'Engaged newsletter readers', filter: FILTER } });
      if (created.status !== 201) throw new Error(`POST /v1/segments answered ${created.status}: ${JSON.stringify(created.body)}`);
      const segmentId = created.body.id;
      let steps = 0;
      const ticker = setInterval(() => {
        void db()
          .entities.segment.get({ segmentId })
          .go()
          .then(({ data: s }) => {
            if (!s) return;
            steps = Math.ceil((s.buildScanned ?? 0) / chunk);
            progress(
              `crm-segments: build ${s.status}: ${(s.buildScanned ?? 0).toLocaleString('en')} contacts evaluated, ${s.memberCount.toLocaleString('en')} members, ${((performance.now() - buildStarted) / 1000).toFixed(0)} s`,
            );
          });
      }, 10_000);
      try {
        await stack.bus.drain();
      } finally {
        clearInterval(ticker);
      }
      const buildMs = performance.now() - buildStarted;
      const buildCalls = meter.take();
      const built = await countSegment(segmentId);
      if (built.status !== 'ready') errors.push(`segment still ${built.status} after the bus drained`);
      const stepsTaken = buildCalls.filter((c) => c.command === 'TransactWriteItems' && c.items.some((i) => i.includes('outboxevent'))).length;
      const consumerCalls = buildCalls.filter((c) => c.origin === 'consumer');
      const perContact = capacity(consumerCalls, total);
      data.build = {
        wallMs: Math.round(buildMs),
        members: built.count,
        expectedMembers: expected.length,
        steps: stepsTaken || steps,
        perContact,
        perMember: { wcu: roundTo(consumerCalls.filter((c) => !READS.has(c.command)).reduce((s, c) => s + c.units, 0) / Math.max(1, built.count), 3) },
      };
      data.build.billed = await billingOf(db, segmentId);
      progress(`crm-segments: ready in ${(buildMs / 1000).toFixed(1)} s with ${built.count.toLocaleString('en')} members (expected ${expected.length.toLocaleString('en')})`);

      // 3. Reads: the count and the first page, in process and over HTTP.
      const measure = async (name: string, service: () => Promise<unknown>, path: string): Promise<ReadFigures> => {
        for (let i = 0; i < 5; i++) await service(); // warm-up
        meter.take();
        const serviceMs: number[] = [];
        for (let i = 0; i < reads; i++) {
          const t = performance.now();
          await meter.runAs('api', `service ${name}`, service);
          serviceMs.push(performance.now() - t);
        }
        const serviceCalls = meter.take();
        const httpMs: number[] = [];
        for (let i = 0; i < reads; i++) {
          const res = await api.call('GET', path);
          if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
          httpMs.push(res.ms);
        }
        meter.take();
        progress(`crm-segments: ${name}: ${reads} reads, service p50 ${percentiles(serviceMs)?.p50} ms, HTTP p50 ${percentiles(httpMs)?.p50} ms`);
        return { reads, serviceMs: percentiles(serviceMs), httpMs: percentiles(httpMs), capacity: capacity(serviceCalls, reads) };
      };
      data.count = await measure('count', () => countSegment(segmentId), `/v1/segments/${segmentId}/count`);
      const page = await listSegmentContacts(segmentId, { limit: 25 });
      const firstPageCorrect = JSON.stringify(page.items.map((c) => c.id)) === JSON.stringify([...expected].sort().slice(0, 25));
      data.firstPage = {
        ...(await measure('first page', () => listSegmentContacts(segmentId, { limit: 25 }), `/v1/segments/${segmentId}/contacts?limit=25`)),
        pageSize: 25,
        firstPageCorrect,
      };

      data.targets = [
        { name: 'count equals the contacts that match (computed from the generated data)', ok: built.count === expected.length, detail: `${built.count} vs ${expected.length}` },
        { name: 'first page = the 25 matching contacts with the lowest ids', ok: firstPageCorrect, detail: firstPageCorrect ? 'same ids, same order' : 'differs' },
        { name: 'no Scan on any path', ok: ![...buildCalls, ...loadCalls].some((c) => c.command === 'Scan'), detail: 'DynamoDB commands seen: Query, GetItem, BatchGetItem, BatchWriteItem, TransactWriteItems' },
      ];
    } catch (error) {
      errors.push((error as Error).message);
    } finally {
      meter.uninstall();
      await stop();
    }
    return { data, targetsMet: data.targets.every((t) => t.ok !== false), errors };
  },
  render: renderCrmSegments,
};
