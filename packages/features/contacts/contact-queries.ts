import type { ContactFilter, ContactView } from './contract.ts';
import { db } from '#packages/core/db/service.ts';
import { invalid } from '#packages/core/errors.ts';
import type { Page } from '#packages/core/pagination.ts';
import { toView, type ContactItem } from './contact-view.ts';
import { decodeCursor, encodeCursor, fromElectroCursor, toElectroCursor, type Key } from './contact-cursor.ts';

/**
 * `GET /v1/contacts` — every filter is served by an index, never a Scan.
 *
 * One access path drives each request; the other filters are applied to what
 * it reads (a DynamoDB FilterExpression on index reads, the same test in
 * memory on BatchGet reads):
 *   1. `email`: GetItem of the email guard, then of the contact (sort ignored);
 *   2. a score sort or a score range: gsi2 `byScore` (partition `state=active`,
 *      the range a KeyCondition BETWEEN);
 *   3. otherwise, sorted by creation (ULID order), the most selective of:
 *      `attendedEventId` (Query of eventAttendee, then BatchGet) > `tag`
 *      (Query of contactTag, then BatchGet) > `companyId` (gsi3) >
 *      `leadSource` (gsi4) > all active contacts (gsi1, partition `state=active`).
 * A score range with `sort=createdAt|-createdAt` is refused (400): the range
 * needs the score index, which cannot sort by creation.
 *
 * A filtered page is filled from up to MAX_READS reads of FILTERED_READ
 * items, so a page can come back short (even empty) with a `nextCursor`
 * when matches are rare; that bounds what one request costs.
 */
const MAX_READS = 5;
const FILTERED_READ = 100;

interface Row {
  /** Undefined when the row does not pass the filters (or its contact is gone). */
  item: ContactItem | undefined;
  /** Where the next page starts when this row is the last one returned. */
  key: Key;
}

interface Batch {
  rows: Row[];
  lastKey: Key | null;
}

interface Plan {
  keyFields: readonly string[];
  /** Reads may skip rows, so one read may not fill a page. */
  filtered: boolean;
  read(limit: number, start: Key | null): Promise<Batch>;
}

type Order = 'asc' | 'desc';
type Filters = Pick<ContactFilter, 'companyId' | 'tag' | 'leadSource' | 'attendedEventId'>;

interface Ops {
  eq: (attr: unknown, value: unknown) => string;
  contains: (attr: unknown, value: unknown) => string;
}
type Attrs = Record<'state' | 'companyId' | 'leadSource' | 'tags' | 'attendedEventIds', unknown>;

/** The FilterExpression for the filters the driving index does not serve. */
function filterExpression(f: Filters, activeOnly: boolean): ((attr: Attrs, op: Ops) => string) | null {
  const parts = (attr: Attrs, op: Ops) => [
    ...(activeOnly ? [op.eq(attr.state, 'active')] : []),
    ...(f.companyId === undefined ? [] : [op.eq(attr.companyId, f.companyId)]),
    ...(f.leadSource === undefined ? [] : [op.eq(attr.leadSource, f.leadSource)]),
    ...(f.tag === undefined ? [] : [op.contains(attr.tags, f.tag)]),
    ...(f.attendedEventId === undefined ? [] : [op.contains(attr.attendedEventIds, f.attendedEventId)]),
  ];
  const any = activeOnly || Object.values(f).some((v) => v !== undefined);
  return any ? (attr, op) => parts(attr, op).join(' AND ') : null;
}

/** The same test in memory, for contacts read by key. */
function matches(c: ContactItem, f: Filters): boolean {
  return (
    (c.state ?? 'active') === 'active' &&
    (f.companyId === undefined || c.companyId === f.companyId) &&
    (f.leadSource === undefined || c.leadSource === f.leadSource) &&
    (f.tag === undefined || (c.tags ?? []).includes(f.tag)) &&
    (f.attendedEventId === undefined || [...(c.attendedEventIds ?? [])].includes(f.attendedEventId))
  );
}

const keyOf = (item: Record<string, unknown>, fields: readonly string[]): Key =>
  Object.fromEntries(fields.map((f) => [f, String(item[f])]));

interface ElectroQuery {
  where(fn: never): ElectroQuery;
  go(options: object): Promise<{ data: unknown[]; cursor: string | null }>;
}

/** A plan over one of the contact's own indexes; the rows are the contacts. */
function indexPlan(index: 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4', query: ElectroQuery, order: Order, filter: ReturnType<typeof filterExpression>): Plan {
  const keyFields = ['pk', 'sk', `${index}pk`, `${index}sk`];
  const q = filter ? query.where(filter as never) : query;
  return {
    keyFields,
    filtered: filter !== null,
    async read(limit, start) {
      const { data, cursor } = await q.go({ limit, order, cursor: toElectroCursor(start), data: 'includeKeys' });
      const items = data as (ContactItem & Record<string, unknown>)[];
      return { rows: items.map((item) => ({ item, key: keyOf(item, keyFields) })), lastKey: fromElectroCursor(cursor) };
    },
  };
}

/** Contacts by id (BatchGetItem, 100 keys a call), retrying what DynamoDB leaves unprocessed. */
export async function contactsById(ids: readonly string[]): Promise<Map<string, ContactItem>> {
  const found = new Map<string, ContactItem>();
  let pending = [...new Set(ids)].map((contactId) => ({ contactId }));
  for (let attempt = 0; pending.length && attempt < 5; attempt++) {
    const { data, unprocessed } = await db().entities.contact.get(pending).go();
    for (const c of data) found.set(c.contactId, c);
    pending = unprocessed.map((k) => ({ contactId: k.contactId }));
  }
  if (pending.length) throw new Error(`${pending.length} contacts left unprocessed by BatchGet`);
  return found;
}

/** A plan over link items (contactTag, eventAttendee) whose sort key is the contactId: Query them, BatchGet the contacts. */
function linkPlan(query: ElectroQuery, order: Order, f: Filters): Plan {
  const keyFields = ['pk', 'sk'];
  return {
    keyFields,
    filtered: true,
    async read(limit, start) {
      const { data, cursor } = await query.go({ limit, order, cursor: toElectroCursor(start), data: 'includeKeys' });
      const links = data as { contactId: string; pk: string; sk: string }[];
      const contacts = links.length ? await contactsById(links.map((l) => l.contactId)) : new Map<string, ContactItem>();
      return {
        rows: links.map((link) => {
          const c = contacts.get(link.contactId);
          return { item: c && matches(c, f) ? c : undefined, key: keyOf(link, keyFields) };
        }),
        lastKey: fromElectroCursor(cursor),
      };
    },
  };
}

function planFor(f: ContactFilter): Plan {
  const entities = db().entities;
  const { sort, minScore, maxScore, companyId, tag, leadSource, attendedEventId } = f;
  const filters: Filters = { companyId, tag, leadSource, attendedEventId };
  const hasRange = minScore !== undefined || maxScore !== undefined;
  if (hasRange && (sort === 'createdAt' || sort === '-createdAt')) {
    throw invalid(
      'unsupported_sort',
      'minScore/maxScore are read from the engagementScore index, so they sort by score: use sort=engagementScore or sort=-engagementScore, or leave sort out',
    );
  }
  if (hasRange || sort === 'engagementScore' || sort === '-engagementScore') {
    const byScore = entities.contact.query.byScore({ state: 'active' });
    // Scores are integers; `< max+1` keeps every contact at exactly `max` (their keys run on past `…_max`).
    const ranged =
      minScore !== undefined && maxScore !== undefined
        ? byScore.between({ engagementScore: minScore }, { engagementScore: maxScore + 1 })
        : minScore !== undefined
          ? byScore.gte({ engagementScore: minScore })
          : maxScore !== undefined
            ? byScore.lt({ engagementScore: maxScore + 1 })
            : byScore;
    return indexPlan('gsi2', ranged as unknown as ElectroQuery, sort === '-engagementScore' ? 'desc' : 'asc', filterExpression(filters, false));
  }
  const order: Order = sort === '-createdAt' ? 'desc' : 'asc';
  if (attendedEventId !== undefined) {
    return linkPlan(entities.eventAttendee.query.byEvent({ eventId: attendedEventId }) as unknown as ElectroQuery, order, { ...filters, attendedEventId: undefined });
  }
  if (tag !== undefined) {
    return linkPlan(entities.contactTag.query.byTag({ tag }) as unknown as ElectroQuery, order, { ...filters, tag: undefined });
  }
  if (companyId !== undefined) {
    const query = entities.contact.query.byCompany({ companyId }) as unknown as ElectroQuery;
    return indexPlan('gsi3', query, order, filterExpression({ ...filters, companyId: undefined }, true));
  }
  if (leadSource !== undefined) {
    const query = entities.contact.query.byLeadSource({ leadSource }) as unknown as ElectroQuery;
    return indexPlan('gsi4', query, order, filterExpression({ ...filters, leadSource: undefined }, true));
  }
  return indexPlan('gsi1', entities.contact.query.all({ state: 'active' }) as unknown as ElectroQuery, order, null);
}

/** Fills one page from the plan's reads (see MAX_READS); the cursor is the key of the last contact returned. */
async function collect(plan: Plan, limit: number, start: Key | null): Promise<{ items: ContactItem[]; next: Key | null }> {
  const items: ContactItem[] = [];
  let key = start;
  for (let n = 0; n < MAX_READS; n++) {
    const need = limit - items.length;
    const batch = await plan.read(plan.filtered ? Math.max(need, FILTERED_READ) : need, key);
    for (const [i, row] of batch.rows.entries()) {
      if (!row.item) continue;
      items.push(row.item);
      if (items.length === limit) {
        const more = i < batch.rows.length - 1 || batch.lastKey !== null;
        return { items, next: more ? row.key : null };
      }
    }
    key = batch.lastKey;
    if (!key) return { items, next: null };
  }
  return { items, next: key };
}

/** The one contact with this email, if it passes the other filters (and is not in the trash). */
async function byEmail(f: ContactFilter): Promise<Page<ContactView>> {
  const { data: guard } = await db().entities.contactEmail.get({ email: f.email! }).go();
  if (!guard) return { items: [], nextCursor: null };
  const { data } = await db().entities.contact.get({ contactId: guard.contactId }).go();
  const inRange = (s: number) => (f.minScore === undefined || s >= f.minScore) && (f.maxScore === undefined || s <= f.maxScore);
  const ok = data && matches(data, f) && inRange(data.engagementScore ?? 0);
  return { items: ok ? [toView(data)] : [], nextCursor: null };
}

const isValidationError = (error: unknown): boolean =>
  [(error as { name?: string })?.name, (error as { cause?: { name?: string } })?.cause?.name].includes('ValidationException');

export async function listContacts(f: ContactFilter): Promise<Page<ContactView>> {
  if (f.email !== undefined) return byEmail(f);
  const plan = planFor(f);
  const start = decodeCursor(f.cursor, f, plan.keyFields);
  const { items, next } = await collect(plan, f.limit, start).catch((error: unknown) => {
    // A cursor with our shape but doctored values: DynamoDB refuses the start key. The client's mistake, not a 500.
    if (start && isValidationError(error)) throw invalid('invalid_cursor', 'The cursor is not one this API issued for these filters');
    throw error;
  });
  return { items: items.map(toView), nextCursor: next ? encodeCursor(next, f) : null };
}

/** Kept for callers that only have an email. */
export async function findContactByEmail(email: string): Promise<Page<ContactView>> {
  return byEmail({ email, limit: 1 });
}
