import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { db } from '#packages/core/db/service.ts';
import { filesBucket, filesClient } from '#packages/core/storage/index.ts';
import { useTestApi, type ApiCaller } from '../support/local-api.ts';
import { givenPromoter } from '../support/promoter-fixtures.ts';

const api = useTestApi();
const stamp = `${Date.now()}`;
const ROWS = 240;

/** Waits for the job to leave queued/running (the exports-run consumer), not for a time. */
async function settled(call: ApiCaller, location: string, as: { role?: string; userId?: string } = {}) {
  let res = await call('GET', location, as);
  for (let i = 0; res.status === 200 && ['queued', 'running'].includes(res.body.state) && i < 600; i++) {
    await new Promise((r) => setTimeout(r, 50));
    res = await call('GET', location, as);
  }
  return res;
}

async function importTagged(tag: string, rows: number) {
  const lines = ['email,first name,last name,tags'];
  for (let i = 0; i < rows; i++) lines.push(`p${i}.${tag}@export-jobs.test,${i === 0 ? '"=HYPERLINK(""http://x"")"' : i === 1 ? '@SUM(A1)' : `Person ${i}`},No ${i},${tag}`);
  const started = await api.call('POST', '/v1/imports', { body: { resource: 'contacts', csv: `${lines.join('\n')}\n` } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  let imp = await api.call('GET', `/v1/imports/${started.body.id}`);
  for (let i = 0; imp.body.status !== 'done' && i < 4000; i++) {
    await new Promise((r) => setTimeout(r, 50));
    imp = await api.call('GET', `/v1/imports/${started.body.id}`);
  }
  expect(imp.body).toMatchObject({ status: 'done', created: rows });
}

async function objectsUnder(prefix: string): Promise<string[]> {
  const out = await filesClient().send(new ListObjectsV2Command({ Bucket: filesBucket(), Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key!);
}

/** The bus's own delivery again, as EventBridge may redeliver: the same detail through PutEvents. */
async function redeliver(exportId: string) {
  const event = api.bus.recent.find((e) => e['detail-type'] === 'export.requested' && (e.detail as { data: { exportId: string } }).data.exportId === exportId);
  expect(event).toBeDefined();
  const res = await fetch(api.bus.endpoint, {
    method: 'POST',
    headers: { 'x-amz-target': 'AWSEvents.PutEvents', 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify({ Entries: [{ Source: event!.source, DetailType: event!['detail-type'], Detail: JSON.stringify(event!.detail) }] }),
  });
  expect(res.status).toBe(200);
}

describe('CSV export jobs (POST /v1/exports)', () => {
  const tag = `job${stamp}`;

  // The import of a few hundred rows runs in the local bus's consumers: on a loaded machine that takes its time.
  it('exports a few hundred contacts as a job: the file equals the synchronous export, formula cells escaped', { timeout: 240_000 }, async () => {
    await importTagged(tag, ROWS);
    const sync = await api.call('GET', `/v1/contacts/export?tag=${tag}`);
    expect(sync.status).toBe(200);

    const asked = await api.call('POST', '/v1/exports', { body: { kind: 'contacts', filter: { tag } }, headers: { 'idempotency-key': `job-${stamp}` } });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    expect(asked.body).toMatchObject({ kind: 'contacts', filter: { tag }, state: 'queued', rows: 0 });
    const location = asked.headers.get('location')!;
    expect(location).toBe(`/v1/exports/${asked.body.id}`);
    // The same key and body: the same job, not a second one.
    const again = await api.call('POST', '/v1/exports', { body: { kind: 'contacts', filter: { tag } }, headers: { 'idempotency-key': `job-${stamp}` } });
    expect(again.body.id).toBe(asked.body.id);

    const done = await settled(api.call, location);
    expect(done.body, JSON.stringify(done.body)).toMatchObject({ state: 'done', rows: ROWS, download: { fileName: 'contacts.csv' } });
    const file = await fetch(done.body.download.url);
    expect(file.status).toBe(200);
    const csv = await file.text();
    expect(done.body.bytes).toBe(Buffer.byteLength(csv));
    expect(csv).toBe(sync.body);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(ROWS);
    expect(rows.map((r) => r.firstName)).toEqual(expect.arrayContaining(['\'=HYPERLINK("http://x")', "'@SUM(A1)"]));
    // Each GET mints a new link.
    expect((await api.call('GET', location)).body.download.url).toMatch(/exports\//);
  });

  it("refuses the job and its link to a role without the kind's permission", async () => {
    const asked = await api.call('POST', '/v1/exports', { body: { kind: 'contacts', filter: { tag } } });
    const done = await settled(api.call, asked.headers.get('location')!);
    expect(done.body.state).toBe('done');
    // A promoter may run exports (its own commissions) but holds no contacts:read.
    const refused = await api.call('GET', `/v1/exports/${asked.body.id}`, { role: 'promoter' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('contacts:read') });
    expect(refused.body.download).toBeUndefined();
    expect((await api.call('POST', '/v1/exports', { role: 'promoter', body: { kind: 'contacts', filter: {} } })).status).toBe(403);
    expect((await api.call('POST', '/v1/exports', { role: 'marketing', body: { kind: 'orders', filter: { eventId: asked.body.id } } })).status).toBe(403);
    expect((await api.call('GET', '/v1/exports/01JD0000000000000000000000')).status).toBe(404);
  });

  it("gives a promoter its own commissions and never another's", async () => {
    const mine = await givenPromoter(api.call);
    const theirs = await givenPromoter(api.call);
    const own = await api.call('POST', '/v1/exports', { ...mine.as, body: { kind: 'commissions', filter: { promoterId: mine.promoter.id } } });
    expect(own.status, JSON.stringify(own.body)).toBe(202);
    const done = await settled(api.call, own.headers.get('location')!, mine.as);
    expect(done.body).toMatchObject({ state: 'done', rows: 0 });
    expect((await (await fetch(done.body.download.url)).text()).split('\n')[0]).toMatch(/^lineId,promoterId,eventId,/);
    expect((await api.call('POST', '/v1/exports', { ...mine.as, body: { kind: 'commissions', filter: { promoterId: theirs.promoter.id } } })).status).toBe(404);
    // An organiser's export of the other's ledger is not the promoter's to read either.
    const organisers = await api.call('POST', '/v1/exports', { body: { kind: 'commissions', filter: { promoterId: theirs.promoter.id } } });
    expect((await api.call('GET', organisers.headers.get('location')!, mine.as)).status).toBe(404);
  });

  it('a duplicated export.requested writes one file; a running job under a lapsed lease restarts cleanly', async () => {
    api.bus.pause();
    const asked = await api.call('POST', '/v1/exports', { body: { kind: 'contacts', filter: { tag } } });
    expect(asked.status).toBe(202);
    api.bus.resume();
    await redeliver(asked.body.id);
    await redeliver(asked.body.id);
    await api.bus.drain();
    const done = await settled(api.call, asked.headers.get('location')!);
    expect(done.body).toMatchObject({ state: 'done', rows: ROWS });
    const prefix = `exports/${asked.body.id.toLowerCase()}/`;
    expect(await objectsUnder(prefix)).toEqual([`${prefix}1/contacts.csv`]);
    expect(api.bus.deadLetters.filter((d) => d.consumer === 'exports-run')).toEqual([]);

    // A run that died: running, its lease lapsed. The next delivery takes over as attempt 2 with its own file.
    await db().entities.exportJob.patch({ exportId: asked.body.id }).set({ state: 'running', rows: 17, leaseUntil: '2000-01-01T00:00:00.000Z' }).go();
    await redeliver(asked.body.id);
    await api.bus.drain();
    const restarted = await settled(api.call, asked.headers.get('location')!);
    expect(restarted.body).toMatchObject({ state: 'done', rows: ROWS });
    expect(await objectsUnder(prefix)).toEqual([`${prefix}1/contacts.csv`, `${prefix}2/contacts.csv`]);
    expect(restarted.body.download.url).toContain('/2/contacts.csv');

    // Running under a live lease: another delivery is on it, this one leaves it alone.
    await db().entities.exportJob.patch({ exportId: asked.body.id }).set({ state: 'running', leaseUntil: '2999-01-01T00:00:00.000Z' }).go();
    await redeliver(asked.body.id);
    await api.bus.drain();
    expect((await api.call('GET', asked.headers.get('location')!)).body.state).toBe('running');
    expect(await objectsUnder(prefix)).toHaveLength(2);
  });

  it('the synchronous export past its cap answers 422 export_too_large naming POST /v1/exports', async () => {
    process.env.EXPORT_SYNC_MAX_ROWS = '100';
    try {
      const res = await api.call('GET', `/v1/contacts/export?tag=${tag}`);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(res.body).toMatchObject({ code: 'export_too_large', maxRows: 100, exportKind: 'contacts', detail: expect.stringContaining('POST /v1/exports') });
      const link = await api.call('GET', `/v1/contacts/export?tag=${tag}&delivery=link`);
      expect(link.status).toBe(422);
    } finally {
      delete process.env.EXPORT_SYNC_MAX_ROWS;
    }
  });

  it('fails a job whose filter names nothing that exists, with the reason', async () => {
    const asked = await api.call('POST', '/v1/exports', { body: { kind: 'attendees', filter: { eventId: '01JD0000000000000000000000' } } });
    expect(asked.status).toBe(202);
    const res = await settled(api.call, asked.headers.get('location')!);
    expect(res.body).toMatchObject({ state: 'failed', error: expect.stringContaining('does not exist') });
    expect(res.body.download).toBeUndefined();
  });
});
