import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';

const api = useTestApi();
let n = 0;
const domain = () => `imp${Date.now()}${n++}.test`;

async function settled(id: string, statuses: string[] = ['done']) {
  for (let i = 0; i < 3000; i++) {
    const res = await api.call('GET', `/v1/imports/${id}`);
    if (process.env.IMPORT_TRACE && i % 20 === 0) console.log(new Date().toISOString(), res.body.status, res.body.processed);
    if (statuses.includes(res.body.status)) return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not settle`);
}

async function runImport(body: Record<string, unknown>) {
  const res = await api.call('POST', '/v1/imports', { body: { resource: 'contacts', ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return settled(res.body.id);
}

const contactByEmail = async (email: string) => (await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`)).body.items as { id: string; firstName?: string; phone?: string; tags?: string[] }[];

describe('CSV import of contacts', () => {
  it('suggests a mapping from the headers', async () => {
    const res = await api.call('POST', '/v1/imports/mapping', { body: { resource: 'contacts', csv: 'E-mail Address,First Name,Surname,Mobile,Notes\nx@y.z,A,B,,\n' } });
    expect(res.status).toBe(200);
    expect(res.body.mapping).toEqual({ 'E-mail Address': 'email', 'First Name': 'firstName', Surname: 'lastName', Mobile: 'phone', Notes: null });
    expect(res.body.unmapped).toEqual(['Notes']);
  });

  it('matches by phone, normalised to E.164 as contacts store it; a shared number is ambiguous; a changed number no longer matches', async () => {
    const d = domain();
    const stamp = String(Date.now()).slice(-7);
    const phone = `+3461${stamp}`;
    const ana = await api.call('POST', '/v1/contacts', { body: { email: `ana@${d}`, firstName: 'Ana', phone: `+34 61${stamp.slice(0, 1)} ${stamp.slice(1, 4)} ${stamp.slice(4)}` } });
    expect(ana.status, JSON.stringify(ana.body)).toBe(201);
    expect(ana.body.phone).toBe(phone);

    // Written another way (dashes, brackets): the same number, so the same person; a new number with an email: created.
    const csv = `phone,first name,email\n+34 (61${stamp.slice(0, 1)}) ${stamp.slice(1, 4)}-${stamp.slice(4)},Anabel,\n+34 62${stamp},Nuevo,nuevo@${d}\n,Nadie,\n`;
    const dry = await api.call('POST', '/v1/imports', { body: { resource: 'contacts', csv, matchKey: 'phone', dryRun: true } });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.rows.map((r: { outcome: string }) => r.outcome), JSON.stringify(dry.body.rows)).toEqual(['updated', 'created', 'failed']);
    expect(dry.body.rows[2].reason).toMatch(/^missing_phone/);
    const run = await runImport({ csv, matchKey: 'phone' });
    expect(run).toMatchObject({ created: 1, updated: 1, failed: 1 });
    expect((await api.call('GET', `/v1/contacts/${ana.body.id}`)).body).toMatchObject({ firstName: 'Anabel', phone });
    expect((await contactByEmail(`nuevo@${d}`))[0]).toMatchObject({ firstName: 'Nuevo', phone: `+3462${stamp}` });
    // Re-importing the same file creates nothing new.
    expect(await runImport({ csv, matchKey: 'phone' })).toMatchObject({ created: 0, failed: 1 });

    // Two people on one number: the row names neither.
    await api.call('POST', '/v1/contacts', { body: { email: `flatmate@${d}`, phone } });
    const shared = await api.call('POST', '/v1/imports', { body: { resource: 'contacts', csv: `phone,first name\n${phone},X\n`, matchKey: 'phone', dryRun: true } });
    expect(shared.body.rows[0]).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/^ambiguous_phone/) });

    // Ana moves to another number: the old one now names only the flatmate.
    expect((await api.call('PATCH', `/v1/contacts/${ana.body.id}`, { body: { phone: `+3463${stamp}` } })).status).toBe(200);
    const after = await api.call('POST', '/v1/imports', { body: { resource: 'contacts', csv: `phone,first name\n${phone},X\n+3463${stamp},Y\n`, matchKey: 'phone', dryRun: true } });
    expect(after.body.rows.map((r: { outcome: string; contactId?: string }) => r.outcome)).toEqual(['updated', 'updated']);
    expect(after.body.rows[1].contactId).toBe(ana.body.id);
  });

  it('a dry run reports one result per row and writes nothing', async () => {
    const d = domain();
    const csv = `email,first name,phone\nana@${d},Ana,+34 612 345 678\nnot-an-email,Bad,\nbo@${d},Bo,12\nANA@${d.toUpperCase()} ,Ana again,\n,Nobody,\n`;
    const res = await api.call('POST', '/v1/imports', { body: { resource: 'contacts', csv, dryRun: true } });
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { line: number }) => r.line)).toEqual([2, 3, 4, 5, 6]);
    expect(res.body.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['created', 'failed', 'failed', 'updated', 'failed']);
    expect(res.body.rows[1].reason).toMatch(/^invalid_email/);
    expect(res.body.rows[2].reason).toMatch(/^invalid_phone/);
    expect(res.body).toMatchObject({ total: 5, created: 1, updated: 1, failed: 3 });
    expect(await contactByEmail(`ana@${d}`)).toEqual([]);
    expect((await api.call('GET', '/v1/imports?limit=100')).body.items.some((i: { total: number }) => i.total === 5)).toBe(false);
  });

  it('imports in chunks with progress; Ana@X.com and " ana@x.com " are one person; the same file twice creates nothing new; failed rows come back as CSV', { timeout: 240_000 }, async () => {
    const d = domain();
    const rows = Array.from({ length: 260 }, (_, i) => `person${i}@${d},P${i},,vip;Fan`);
    const csv = ['Email,First name,Phone,Tags', `Ana@${d.toUpperCase()},Ana,,`, ` ana@${d} ,Ana,,`, ...rows, `"=HYPERLINK(""x"")",Evil,,`].join('\n');
    const first = await runImport({ csv, fileName: 'people.csv' });
    expect(first).toMatchObject({ status: 'done', total: 263, processed: 263, created: 261, updated: 0, skipped: 1, failed: 1, fileName: 'people.csv' });
    const ana = await contactByEmail(`ana@${d}`);
    expect(ana).toHaveLength(1);
    expect((await contactByEmail(`person7@${d}`))[0]).toMatchObject({ firstName: 'P7', tags: ['vip', 'fan'] });

    const failed = await api.call('GET', `/v1/imports/${first.id}/failed-rows`);
    expect(failed.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (failed.body as string).trim().split('\n');
    expect(lines[0]).toBe('Email,First name,Phone,Tags,line,reason');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""x""\)",Evil,,,264,"invalid_email/);

    const second = await runImport({ csv });
    expect(second).toMatchObject({ status: 'done', total: 263, created: 0, updated: 0, failed: 1 });
    expect(second.skipped).toBe(262);
  });

  it('match keys and conflict modes: update only, create only, skip; empty cells ignored or clearing', async () => {
    const d = domain();
    await runImport({ csv: `email,first name,phone\nkeep@${d},Keep,+34612345678\n` });
    const updateOnly = await runImport({ csv: `email,first name\nkeep@${d},Kept\nnew@${d},New\n`, onConflict: 'update' });
    expect(updateOnly).toMatchObject({ created: 0, updated: 1, skipped: 1 });
    expect(await contactByEmail(`new@${d}`)).toEqual([]);
    const createOnly = await runImport({ csv: `email,first name\nkeep@${d},Changed\nnew@${d},New\n`, onConflict: 'create' });
    expect(createOnly).toMatchObject({ created: 1, updated: 0, skipped: 1 });
    expect((await contactByEmail(`keep@${d}`))[0]!.firstName).toBe('Kept');
    await runImport({ csv: `email,first name,phone\nkeep@${d},,\n` });
    expect((await contactByEmail(`keep@${d}`))[0]).toMatchObject({ firstName: 'Kept', phone: '+34612345678' });
    await runImport({ csv: `email,first name,phone\nkeep@${d},,\n`, emptyCells: 'clear' });
    const cleared = (await contactByEmail(`keep@${d}`))[0]!;
    expect(cleared.firstName).toBeUndefined();
    expect(cleared.phone).toBeUndefined();

    const byExt = await runImport({ csv: `id,email,first name\nX-1,ext@${d},Ext\n`, matchKey: 'externalId' });
    expect(byExt.created).toBe(1);
    const again = await runImport({ csv: `id,email,first name\nX-1,ext@${d},Ext Renamed\n`, matchKey: 'externalId' });
    expect(again).toMatchObject({ created: 0, updated: 1 });
    expect((await contactByEmail(`ext@${d}`))[0]!.firstName).toBe('Ext Renamed');
  });

  it('undo deletes what the import created and restores what it updated (before-values kept), unless changed since', async () => {
    const d = domain();
    await runImport({ csv: `email,first name\nold@${d},Old\ntouched@${d},Touched\n` });
    const imp = await runImport({ csv: `email,first name\nold@${d},Renamed\ntouched@${d},Renamed too\nfresh@${d},Fresh\n` });
    expect(imp).toMatchObject({ created: 1, updated: 2 });
    const touched = (await contactByEmail(`touched@${d}`))[0]!;
    await api.call('PATCH', `/v1/contacts/${touched.id}`, { body: { lastName: 'Edited by hand' } });

    const undo = await api.call('POST', `/v1/imports/${imp.id}/undo`);
    expect(undo.status).toBe(202);
    const undone = await settled(imp.id, ['undone']);
    expect(undone.undo).toEqual({ deleted: 1, restored: 1, kept: 1 });
    expect(await contactByEmail(`fresh@${d}`)).toEqual([]);
    expect((await contactByEmail(`old@${d}`))[0]!.firstName).toBe('Old');
    expect((await contactByEmail(`touched@${d}`))[0]!.firstName).toBe('Renamed too');
    expect((await api.call('POST', `/v1/imports/${imp.id}/undo`)).status).toBe(409);
  });

  it('with a consent basis, every row gets a granted consent record (method import, the import id)', async () => {
    const d = domain();
    const imp = await runImport({ csv: `email\nopt@${d}\n`, consent: { purpose: 'marketing_email' } });
    const [c] = await contactByEmail(`opt@${d}`);
    const consents = await api.call('GET', `/v1/contacts/${c!.id}/consents`);
    expect(consents.body.records).toEqual([expect.objectContaining({ purpose: 'marketing_email', state: 'granted', method: 'import', importId: imp.id })]);
    expect((await api.call('GET', `/v1/contacts/${c!.id}`)).body.marketingConsent).toBe(true);
  });

  it('takes a file uploaded by a presigned link instead of the body', async () => {
    const d = domain();
    const up = await api.call('POST', '/v1/imports/uploads');
    expect(up.status).toBe(201);
    const put = await fetch(up.body.url, { method: 'PUT', headers: up.body.headers, body: `email,first name\nup@${d},Uploaded\n` });
    expect(put.status).toBe(200);
    const imp = await runImport({ uploadId: up.body.uploadId });
    expect(imp).toMatchObject({ total: 1, created: 1 });
    expect((await contactByEmail(`up@${d}`))[0]!.firstName).toBe('Uploaded');
    const missing = await api.call('POST', '/v1/imports', { body: { resource: 'contacts', uploadId: '01JD0000000000000000000000' } });
    expect(missing.body.code).toBe('upload_not_found');
  });

  it('refuses a mapping without the match key, and a file over 5 MB', async () => {
    const res = await api.call('POST', '/v1/imports', { body: { resource: 'contacts', csv: 'name\nAna\n' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('match_key_unmapped');
    const big = await api.call('POST', '/v1/imports', { body: { resource: 'contacts', csv: `email\n${'a'.repeat(5 * 1024 * 1024 + 10)}` } });
    expect([400, 413]).toContain(big.status);
  });
});

describe('the import CLI', () => {
  it('npm run import -- contacts <file> --match email --dry-run writes nothing; without --dry-run it imports and reports', { timeout: 120_000 }, async () => {
    const { execFile } = await import('node:child_process');
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const d = domain();
    const file = join(await mkdtemp(join(tmpdir(), 'import-cli-')), 'people.csv');
    await writeFile(file, `Email,First name\ncli1@${d},One\nCLI2@${d},Two\nbroken,Three\n`);
    const cli = (args: string[]) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        execFile('npx', ['tsx', 'packages/cli/import.ts', 'contacts', file, '--match', 'email', '--url', api.apiUrl, ...args], { env: { ...process.env, EVENTOS_TOKEN: '' } }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
        );
      });
    const dry = await cli(['--dry-run']);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toContain('Dry run: 3 rows would give 2 created, 0 updated, 0 unchanged, 0 skipped, 1 failed');
    expect(await contactByEmail(`cli1@${d}`)).toEqual([]);
    const real = await cli([]);
    expect(real.code, real.out).toBe(0);
    expect(real.out).toMatch(/3 rows, 2 created, 0 updated, 0 skipped, 1 failed/);
    expect(await contactByEmail(`cli2@${d}`)).toHaveLength(1);
  });
});
