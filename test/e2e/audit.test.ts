import { afterEach, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler as sealJob } from '#functions/jobs/audit-seal.ts';
import { documentClient } from '#packages/core/db/client.ts';
import { db } from '#packages/core/db/service.ts';
import { auditContentHash } from '#packages/core/audit/audit-record.ts';
import { auditShardOf } from '#packages/core/audit/audit-shard.ts';
import { advanceClock } from '../support/clock.ts';
import { useTestApi } from '../support/local-api.ts';

const api = useTestApi();
let clock: { restore: () => void } | undefined;
afterEach(() => clock?.restore());

async function auditOf(target: string) {
  const res = await api.call('GET', `/v1/audit?target=${encodeURIComponent(target)}`);
  expect(res.status).toBe(200);
  return res.body.items as any[];
}

describe('the audit log', () => {
  it('records a create and a change with actor, action, target, old and new values, request id, ip and user agent', async () => {
    const created = await api.call('POST', '/v1/venues', { body: { name: 'Sala Apolo', capacity: 1500 }, userId: 'auditor-1', headers: { 'user-agent': 'audit-test/1' } });
    expect(created.status).toBe(201);
    const target = `venue:${created.body.id}`;
    const [createEvent, ...more] = await auditOf(target);
    expect(more).toEqual([]);
    expect(createEvent).toMatchObject({ action: 'venues.create', actor: 'user:auditor-1', target, userAgent: 'audit-test/1' });
    expect(createEvent.requestId).toEqual(expect.any(String));
    expect(createEvent.ip).toEqual(expect.any(String));
    expect(createEvent.changes).toContainEqual({ field: 'capacity', new: 1500 });
    // A name is personal data by rule: only that it changed.
    expect(createEvent.changes).toContainEqual({ field: 'name', personal: true });

    const changed = await api.call('PATCH', `/v1/venues/${created.body.id}`, { body: { capacity: 1600 }, userId: 'auditor-2' });
    expect(changed.status).toBe(200);
    const events = await auditOf(target);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ action: 'venues.update', actor: 'user:auditor-2', target });
    expect(events[0].changes).toContainEqual({ field: 'capacity', old: 1500, new: 1600 });
    // The ETag's revision counter moves with every edit: bookkeeping, not a change.
    expect(events[0].changes.map((c: { field: string }) => c.field)).not.toContain('revision');
  });

  it('keeps personal data out: a contact’s email, phone and name appear only as "changed"', async () => {
    const email = `ana.audit.${Date.now()}@example.com`;
    const created = await api.call('POST', '/v1/contacts', { body: { email, firstName: 'Anaïs', lastName: 'Zubiría', phone: '+34 600 123 456' } });
    expect(created.status).toBe(201);
    const events = await auditOf(`contact:${created.body.id}`);
    expect(events).toHaveLength(1);
    const text = JSON.stringify(events);
    for (const personal of [email, 'Anaïs', 'Zubiría', '600 123 456', '+34600123456']) expect(text).not.toContain(personal);
    expect(events[0].changes).toContainEqual({ field: 'email', personal: true });
  });

  it('an erasure leaves the day verifiable and no audit item holding the person', async () => {
    const email = `erase.audit.${Date.now()}@example.com`;
    const c = await api.call('POST', '/v1/contacts', { body: { email, firstName: 'Quirina', lastName: 'Olvido', phone: '+34 611 222 333' } });
    await api.call('PATCH', `/v1/contacts/${c.body.id}`, { body: { lastName: 'Olvidada' } });
    expect((await api.call('POST', `/v1/contacts/${c.body.id}/erase`)).status).toBeLessThan(300);
    const events = await auditOf(`contact:${c.body.id}`);
    expect(events.map((e) => e.action)).toEqual(['erasure.erase', 'contacts.update', 'contacts.create']);
    const text = JSON.stringify(events);
    for (const personal of [email, 'Quirina', 'Olvid', '611 222 333']) expect(text).not.toContain(personal);
    const verified = await api.call('GET', `/v1/audit/verify?day=${events[0].at.slice(0, 10)}`);
    expect(verified.body).toMatchObject({ ok: true });
  });

  it('filters by actor and action, and pages with sealed cursors', async () => {
    const actor = `pager-${Date.now()}`;
    for (let i = 0; i < 5; i++) expect((await api.call('POST', '/v1/venues', { body: { name: `V${i}` }, userId: actor })).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await api.call('GET', `/v1/audit?actor=user:${actor}&action=venues.create&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      for (const e of res.body.items) {
        expect(e).toMatchObject({ actor: `user:${actor}`, action: 'venues.create' });
        seen.push(e.id);
      }
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect([...seen].sort().reverse()).toEqual(seen);
    const byAction = await api.call('GET', `/v1/audit?action=venues.create&limit=100`);
    expect(byAction.body.items.every((e: any) => e.action === 'venues.create')).toBe(true);
    const future = await api.call('GET', `/v1/audit?actor=user:${actor}&from=2099-01-01T00:00:00Z`);
    expect(future.body.items).toEqual([]);
    const tampered = await api.call('GET', `/v1/audit?actor=user:${actor}&cursor=${'x'.repeat(40)}`);
    expect(tampered.status).toBe(400);
  });

  it('exports as CSV (spreadsheet-safe) and as JSON lines', async () => {
    const actor = `export-${Date.now()}`;
    await api.call('POST', '/v1/venues', { body: { name: '=HYPERLINK("x")' }, userId: actor });
    await api.call('POST', '/v1/venues', { body: { name: 'Plain' }, userId: actor });
    const jsonl = await fetch(`${api.apiUrl}/v1/audit/export?format=jsonl&actor=user:${actor}`, { headers: { authorization: `Bearer ${await api.token('admin')}` } });
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.actor === `user:${actor}` && l.action === 'venues.create')).toBe(true);
    const csv = await api.call('GET', `/v1/audit/export?format=csv&actor=user:${actor}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = String(csv.body).trim().split('\n');
    expect(rows[0]).toBe('id,at,actor,action,target,changes,requestId,ip,userAgent,hash');
    expect(rows).toHaveLength(3);
    // The formula-looking name is personal by rule and never exported; no cell begins with = anyway.
    expect(rows.some((r) => r.startsWith('='))).toBe(false);
  });

  it('is append-only through the API: no route changes or deletes audit events', async () => {
    const { routes } = await import('#packages/api/routes/index.ts');
    const auditRoutes = routes.filter((r) => r.path.startsWith('/v1/audit'));
    expect(auditRoutes.length).toBeGreaterThan(0);
    expect(auditRoutes.every((r) => r.method === 'GET')).toBe(true);
  });

  it('verifies a day: ok once sealed; an edited item fails, named; an item rewritten with a fresh hash breaks the chain', async () => {
    const created = await api.call('POST', '/v1/venues', { body: { name: 'Seal me', capacity: 10 } });
    const [event] = await auditOf(`venue:${created.body.id}`);
    const day = event.at.slice(0, 10);

    const open = await api.call('GET', `/v1/audit/verify?day=${day}`);
    expect(open.body).toMatchObject({ day, ok: true, sealed: false });
    expect(open.body.count).toBeGreaterThan(0);

    clock = advanceClock(86_400_000);
    await sealJob();
    const sealed = await api.call('GET', `/v1/audit/verify?day=${day}`);
    expect(sealed.body).toMatchObject({ day, ok: true, sealed: true, count: open.body.count });

    // Someone with table access edits an item: its own hash gives it away.
    const stored = (await db().entities.auditEvent.get({ auditDay: day, auditShard: auditShardOf(event.id), auditId: event.id }).go()).data!;
    const key = db().entities.auditEvent.get({ auditDay: day, auditShard: auditShardOf(event.id), auditId: event.id }).params().Key;
    const update = (action: string, hash: string) =>
      documentClient.send(
        new UpdateCommand({
          TableName: process.env.TABLE_NAME!,
          Key: key,
          UpdateExpression: 'SET #a = :a, #h = :h',
          ExpressionAttributeNames: { '#a': 'action', '#h': 'hash' },
          ExpressionAttributeValues: { ':a': action, ':h': hash },
        }),
      );
    await update('venues.delete', stored.hash);
    const edited = await api.call('GET', `/v1/audit/verify?day=${day}`);
    expect(edited.body).toMatchObject({ day, ok: false, firstBroken: { id: event.id } });

    // …and one who also recomputes the (unkeyed) content hash cannot rebuild the keyed chain.
    const { hash: _h, ...content } = stored;
    await update('venues.delete', auditContentHash({ ...content, action: 'venues.delete' } as never));
    const rehashed = await api.call('GET', `/v1/audit/verify?day=${day}`);
    expect(rehashed.body).toMatchObject({ day, ok: false, sealed: true, firstBroken: { id: null } });
    expect(rehashed.body.firstBroken.reason).toMatch(/chain/);

    // Put back as it was: ok again.
    await update(stored.action, stored.hash);
    expect((await api.call('GET', `/v1/audit/verify?day=${day}`)).body).toMatchObject({ ok: true, sealed: true });
  });
});
