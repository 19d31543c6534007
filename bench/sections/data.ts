import { parse } from 'csv-parse/sync';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { capacityPerOperation, type CapacityPerOperation } from '../lib/capacity-split.ts';
import { intFromEnv } from '../lib/env.ts';
import { progress } from '../lib/progress.ts';
import type { BenchSection } from '../lib/section.ts';
import { apiClient } from '../orders/api.ts';
import { CapacityMeter } from '../orders/capacity-meter.ts';
import { startOrdersStack } from '../orders/stack.ts';
import { roundTo } from '../orders/stats.ts';
import { renderData } from './data-render.ts';

export interface DataBenchData {
  method: Record<string, string>;
  rows: number;
  files: number;
  import: { wallMs: number; rowsPerSecond: number; created: number; failed: number; capacity: CapacityPerOperation | null } | null;
  export: {
    wallMs: number;
    /** From the POST to the job's `done` (the consumer's run, polled every POLL_MS). */
    jobMs: number;
    downloadMs: number;
    rows: number;
    bytes: number;
    rowsPerSecond: number;
    polls: number;
    capacity: CapacityPerOperation | null;
    /** What the synchronous route answers for the same filter: 200 up to its cap, 422 export_too_large beyond (never a 503). */
    sync: { status: number; code: string | null; wallMs: number };
  } | null;
  erase: { timelineLines: number; wallMs: number; touched: Record<string, number>; itemsTouched: number; capacity: CapacityPerOperation | null } | null;
}

const portOf = (url: string) => Number(new URL(url).port);
/** How often the export's GET is polled. */
const POLL_MS = 500;
/** Rows per file: each file stays well under the 5 MB body limit (≈ 60 B a row). */
const ROWS_PER_FILE = 50_000;

function csvOf(tag: string, from: number, to: number): string {
  const lines = ['email,first name,last name,phone,tags'];
  for (let i = from; i < to; i++) lines.push(`Person.${i}@${tag}.Bench.example ,Person,No ${i},${i % 3 === 0 ? '+34612345678' : ''},${tag};import`);
  return `${lines.join('\n')}\n`;
}

export const dataSection: BenchSection<DataBenchData> = {
  name: 'data',
  title: 'Data: CSV import of N contacts, their CSV export, and the erasure of a contact with 200 timeline lines (local stack)',
  async run(ctx) {
    const rows = intFromEnv('BENCH_DATA_ROWS', 100_000);
    const files = Math.ceil(rows / ROWS_PER_FILE);
    const data: DataBenchData = {
      method: {
        import: `POST /v1/imports (${files} file(s) of ≤ ${ROWS_PER_FILE} rows, match by email, upsert), then GET /v1/imports/{id} every 250 ms until done; the chunks run in the local bus's imports-run consumer (250 rows a chunk, 8 rows at a time), the contact.created consumers run as they come`,
        export: `POST /v1/exports {kind: contacts, filter: {tag: <the import tag>}}, then GET /v1/exports/{id} every ${POLL_MS} ms until done, then the presigned link downloaded and its rows counted (csv-parse; must equal the imported rows). The job runs in the local bus's exports-run consumer: the tag index 100 contacts a page, csv-stringify, a multipart upload to the local S3 server (5 MB parts). Then the synchronous GET /v1/contacts/export?tag= for the same filter (422 export_too_large past 10,000 rows)`,
        erase: 'POST /v1/contacts/{id}/erase on a contact with 200 timeline lines (written directly), one paid-order line among them',
        capacity: 'every DynamoDB call of the stack metered (ReturnConsumedCapacity), request path and consumers together, divided by the rows',
        rows: 'BENCH_DATA_ROWS (default 100,000, as the issue asks)',
      },
      rows,
      files,
      import: null,
      export: null,
      erase: null,
    };
    const errors: string[] = [];
    const meter = new CapacityMeter();
    progress('data: starting the local stack (DynamoDB Local in memory)');
    const { stack, stop } = await startOrdersStack(ctx.cleanup);
    try {
      meter.install({ api: portOf(stack.apiUrl), bus: portOf(stack.bus.endpoint) });
      const api = apiClient(stack.apiUrl, await stack.token('admin', 'bench-admin'));
      const tag = `b${Date.now().toString(36)}`;

      progress(`data: importing ${rows} contacts in ${files} file(s)`);
      meter.take();
      const started = performance.now();
      let created = 0;
      let failed = 0;
      for (let f = 0; f < files; f++) {
        const body = { resource: 'contacts', csv: csvOf(tag, f * ROWS_PER_FILE, Math.min(rows, (f + 1) * ROWS_PER_FILE)) };
        // A 503 (a cold function on a loaded machine missing its deadline) says "retry": the import was not started.
        let res = await api.call<{ id: string }>('POST', '/v1/imports', { body });
        for (let tries = 0; res.status === 503 && tries < 5; tries++) {
          await new Promise((r) => setTimeout(r, 5000));
          res = await api.call<{ id: string }>('POST', '/v1/imports', { body });
        }
        if (res.status !== 202) throw new Error(`POST /v1/imports answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
        for (;;) {
          const imp = await api.call<{ status: string; processed: number; total: number; created: number; failed: number }>('GET', `/v1/imports/${res.body.id}`);
          if (imp.body.status === 'done') {
            created += imp.body.created;
            failed += imp.body.failed;
            break;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      await stack.bus.drain();
      const importMs = performance.now() - started;
      data.import = { wallMs: Math.round(importMs), rowsPerSecond: roundTo((rows / importMs) * 1000), created, failed, capacity: capacityPerOperation(meter.take(), rows) };
      progress(`  ${data.import.rowsPerSecond} rows/s; ${data.import.capacity?.api.wcu} + ${data.import.capacity?.consumers.wcu} WCU per row (request + consumers)`);

      progress('data: exporting them (the export job)');
      meter.take();
      const exportStarted = performance.now();
      const asked = await api.call<{ id: string }>('POST', '/v1/exports', { body: { kind: 'contacts', filter: { tag } } });
      if (asked.status !== 202) throw new Error(`POST /v1/exports answered ${asked.status}: ${JSON.stringify(asked.body).slice(0, 300)}`);
      let polls = 0;
      let job: { state: string; rows: number; bytes: number; error?: string; download?: { url: string } };
      for (;;) {
        polls++;
        const res = await api.call<typeof job>('GET', `/v1/exports/${asked.body.id}`);
        if (res.status !== 200) throw new Error(`GET /v1/exports/{id} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
        job = res.body;
        if (job.state === 'done' || job.state === 'failed') break;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      const jobMs = performance.now() - exportStarted;
      if (job.state !== 'done' || !job.download) throw new Error(`the export job ${job.state}: ${job.error ?? ''}`);
      const file = await fetch(job.download.url);
      if (file.status !== 200) throw new Error(`the export's link answered ${file.status}`);
      const csv = await file.text();
      const exportMs = performance.now() - exportStarted;
      const exportedRows = (parse(csv, { columns: true }) as unknown[]).length;
      if (exportedRows !== rows) errors.push(`the export holds ${exportedRows} rows, the import made ${rows}`);
      if (exportedRows !== job.rows) errors.push(`the job says ${job.rows} rows, its file holds ${exportedRows}`);
      const exportCapacity = capacityPerOperation(meter.take(), Math.max(1, exportedRows));
      const syncStarted = performance.now();
      const sync = await api.call<{ code?: string }>('GET', `/v1/contacts/export?tag=${tag}`);
      const syncMs = performance.now() - syncStarted;
      meter.take();
      data.export = {
        wallMs: Math.round(exportMs),
        jobMs: Math.round(jobMs),
        downloadMs: Math.round(exportMs - jobMs),
        rows: exportedRows,
        bytes: Buffer.byteLength(csv),
        rowsPerSecond: roundTo((exportedRows / exportMs) * 1000),
        polls,
        capacity: exportCapacity,
        sync: { status: sync.status, code: sync.status === 200 ? null : (sync.body?.code ?? null), wallMs: Math.round(syncMs) },
      };
      if (sync.status >= 500) errors.push(`the synchronous export answered ${sync.status}`);
      progress(`  ${exportedRows} rows in ${data.export.wallMs} ms (job ${data.export.jobMs} ms); ${data.export.capacity?.api.rcu} + ${data.export.capacity?.consumers.rcu} RCU per row; sync route: ${sync.status} ${data.export.sync.code ?? ''}`);

      progress('data: erasing a contact with 200 timeline lines');
      const person = await api.call<{ id: string }>('POST', '/v1/contacts', { body: { email: `erase.${tag}@bench.example.com`, firstName: 'Erin', phone: '+34612000000' } });
      const contactId = person.body.id;
      const lines = Array.from({ length: 200 }, (_, i) => ({
        entryId: `bench:${contactId}:${i}`,
        contactId,
        occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        kind: i === 0 ? 'order.paid' : 'campaign.opened',
        summary: `Line ${i} about Erin`,
        ...(i === 0 ? { refType: 'order', refId: newId() } : {}),
      }));
      await db().entities.timelineEntry.put(lines).go();
      await stack.bus.drain();
      meter.take();
      const eraseStarted = performance.now();
      const erased = await api.call<{ touched: Record<string, number> }>('POST', `/v1/contacts/${contactId}/erase`);
      const eraseMs = performance.now() - eraseStarted;
      if (erased.status !== 200) throw new Error(`erase answered ${erased.status}: ${JSON.stringify(erased.body).slice(0, 300)}`);
      const touched = erased.body.touched;
      data.erase = {
        timelineLines: 200,
        wallMs: Math.round(eraseMs),
        touched,
        itemsTouched: Object.values(touched).reduce((a, b) => a + b, 0),
        capacity: capacityPerOperation(meter.take(), 1),
      };
      progress(`  ${data.erase.wallMs} ms, ${data.erase.itemsTouched} items touched`);
    } catch (error) {
      errors.push((error as Error).message);
      progress(`  ERROR ${(error as Error).message}`);
    } finally {
      meter.uninstall();
      await stop();
    }
    return { data, targetsMet: true, errors };
  },
  render: renderData,
};
