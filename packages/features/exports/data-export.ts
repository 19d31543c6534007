import { stringify } from 'csv-stringify/sync';
import { nowIso } from '#packages/core/clock.ts';
import { safeCell } from '#packages/core/csv-safe.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { putFile } from '#packages/core/storage/index.ts';
import { pool } from '#packages/core/worker-pool.ts';

type Row = Record<string, unknown>;

/** Rows of mixed shape as one CSV: the union of their keys as columns, nested values as JSON, cells spreadsheet-safe. */
function sectionCsv(rows: readonly Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => safeCell(v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : v);
  return stringify([columns.map(safeCell), ...rows.map((r) => columns.map((c) => cell(r[c])))]);
}

/** Drops the table's own key attributes: the person gets their data, not our index layout. */
const plain = (item: object): Row => Object.fromEntries(Object.entries(item).filter(([k]) => !/^(pk|sk|gsi\d(pk|sk)|__edb_.*|ttl)$/.test(k)));

async function gather(contactId: string) {
  const { data: contact } = await db().entities.contact.get({ contactId }).go({ consistent: true });
  if (!contact) throw notFound('Contact', contactId);
  const timeline = { timelineEntry: [] as Row[], interaction: [] as Row[], note: [] as Row[], task: [] as Row[] };
  let cursor: string | null = null;
  do {
    const page: { data: Record<keyof typeof timeline, object[]>; cursor: string | null } = await db().collections.timeline({ contactId }).go({ limit: 100, cursor });
    for (const k of Object.keys(timeline) as (keyof typeof timeline)[]) timeline[k].push(...page.data[k].map(plain));
    cursor = page.cursor;
  } while (cursor);
  // Private notes are their author's working notes about the person, not the person's data as we process it for them.
  const notes = timeline.note.filter((n) => n.isPrivate !== true);
  const orderIds = [...new Set(timeline.timelineEntry.filter((l) => l.refType === 'order').map((l) => String(l.refId)))];
  const orders: Row[] = [];
  const tickets: Row[] = [];
  await pool(orderIds, 8, () => false, async (orderId) => {
    const { data: order } = await db().entities.order.get({ orderId }).go();
    if (order) orders.push(plain(order));
    const { data: issued } = await db().entities.ticket.query.byOrder({ orderId }).go({ pages: 'all' });
    // A ticket's code is a credential to enter, not data about the person.
    tickets.push(...issued.map(({ code: _code, ...t }) => plain(t as object)));
  });
  const checkIns = timeline.timelineEntry.filter((l) => l.kind === 'ticket.checked_in');
  const [records, states, leads, campaigns] = await Promise.all([
    db().entities.consentRecord.query.byContact({ contactId }).go({ pages: 'all' }),
    db().entities.consentState.query.byContact({ contactId }).go({ pages: 'all' }),
    db().entities.lead.query.byContact({ contactId }).go({ pages: 'all' }),
    db().entities.campaign.query.all({}).go({ pages: 'all', attributes: ['campaignId', 'name'] }),
  ]);
  const recipients: Row[] = [];
  await pool(campaigns.data, 8, () => false, async ({ campaignId, name }) => {
    const { data } = await db().entities.campaignRecipient.get({ campaignId, contactId }).go();
    if (data) recipients.push({ campaignName: name, ...plain(data) });
  });
  return {
    contact: [plain(contact)],
    consents: records.data.map(plain),
    consentStates: states.data.map(plain),
    orders,
    tickets,
    checkIns,
    timeline: timeline.timelineEntry,
    notes,
    interactions: timeline.interaction,
    tasks: timeline.task,
    leads: leads.data.map(plain),
    campaignRecipients: recipients,
  };
}

/**
 * The bundle of a data-subject access request: the sections gathered (key
 * lookups and Queries of the contact's partitions and indexes; orders found
 * through its timeline, campaign recipients by one Get per campaign),
 * written under `exports/<exportId>/` as `bundle.json` plus one CSV per
 * section. Written again whole when a build is retried (same keys).
 */
export async function writeDataExportBundle(exportId: string, contactId: string) {
  const sections = await gather(contactId);
  const generatedAt = nowIso();
  const folder = `exports/${exportId.toLowerCase()}`;
  const files: { name: string; body: string; type: string }[] = [
    { name: 'bundle.json', body: JSON.stringify({ contactId, generatedAt, ...sections }, null, 2), type: 'application/json' },
    ...Object.entries(sections)
      .filter(([, rows]) => rows.length)
      .map(([name, rows]) => ({ name: `${name}.csv`, body: sectionCsv(rows), type: 'text/csv; charset=utf-8' })),
  ];
  const stored = await Promise.all(
    files.map(async (f) => {
      const put = await putFile(`${folder}/${f.name}`, f.body, f.type);
      return { name: f.name, key: put.key, bytes: put.bytes };
    }),
  );
  return { generatedAt, files: stored, counts: Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, v.length])) };
}
