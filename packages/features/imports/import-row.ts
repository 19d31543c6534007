import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent, type PendingEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import { IMPORT_CHANGE_SHARDS } from '#packages/core/db/entities/import-change.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { emailHash } from '#packages/core/email-hash.ts';
import { newId } from '#packages/core/ids.ts';
import { definedOnly } from '#packages/core/views.ts';
import { consentItems, MARKETING_EMAIL } from '#packages/features/consents/index.ts';
import { contactsWithPhone, ContactTransaction, creationItems, newContactItem, phoneLookupItems, tagPuts, type ContactItem } from '#packages/features/contacts/index.ts';
import type { ColumnMappingT, ImportOptionsT, RowResultT } from './contract.ts';
import { rowFields, type RowFields } from './row-fields.ts';

/** What every row of one import shares. */
export interface ImportRun {
  importId: string;
  options: ImportOptionsT;
  headers: string[];
  mapping: ColumnMappingT;
  dryRun: boolean;
  actorId: string;
  correlationId: string;
  /** Hash of the consent text the rows' people were shown (options.consent). */
  consentTextHash?: string;
  /** Dry run: the match keys earlier rows would have created, so a later row with the same key reports an update. */
  seen: Set<string>;
}

export const changeShard = (contactId: string) => contactId.charCodeAt(contactId.length - 1) % IMPORT_CHANGE_SHARDS;

const UNDO_DAYS = 7;
const changeTtl = () => Math.floor(Date.parse(nowIso()) / 1000) + (UNDO_DAYS + 1) * 86_400;

type Attempt = RowResultT | 'again';

/**
 * One row: parse, find its contact by the match key, decide, and (unless a
 * dry run) write — the contact, its guards and tags, the importChange that
 * says what the row did (and, for an update, the fields as they were), the
 * consent of the rows if given, and `contact.created`/`contact.updated`, in
 * ONE transaction. A lost race (another row or request took the email a
 * moment ago, or changed the contact) plans the row again.
 */
export async function importRow(run: ImportRun, line: number, cells: readonly string[]): Promise<RowResultT> {
  const parsed = rowFields(cells, run.headers, run.mapping, run.options);
  if (!parsed.ok) return { line, outcome: 'failed', reason: parsed.reason };
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = await attemptRow(run, line, parsed.set, parsed.clear);
    if (result !== 'again') return result;
  }
  return { line, outcome: 'failed', reason: 'busy: the contact kept changing meanwhile; import the row again' };
}

/** The contact a phone names (null: none; 'ambiguous': several). */
async function matchPhone(phone: string): Promise<string | null | 'ambiguous'> {
  const live = await contactsWithPhone(phone);
  if (live.length > 1) return 'ambiguous';
  return live[0] ?? null;
}

async function matchOf(run: ImportRun, fields: RowFields): Promise<string | null | undefined | 'ambiguous'> {
  if (run.options.matchKey === 'phone') return fields.phone ? matchPhone(fields.phone) : undefined;
  if (run.options.matchKey === 'externalId') {
    if (!fields.externalId) return undefined;
    const { data } = await db().entities.contactExternalId.get({ externalId: fields.externalId }).go({ consistent: true });
    return data?.contactId ?? null;
  }
  if (!fields.email) return undefined;
  const { data } = await db().entities.contactEmail.get({ email: fields.email }).go({ consistent: true });
  return data?.contactId ?? null;
}

const MISSING = { email: 'email', externalId: 'external_id', phone: 'phone' } as const;

async function attemptRow(run: ImportRun, line: number, set: RowFields, clear: string[]): Promise<Attempt> {
  const key = run.options.matchKey === 'externalId' ? set.externalId : run.options.matchKey === 'phone' ? set.phone : set.email;
  const contactId = await matchOf(run, set);
  if (contactId === undefined) return { line, outcome: 'failed', reason: `missing_${MISSING[run.options.matchKey]}: the match key is empty` };
  if (contactId === 'ambiguous') return { line, outcome: 'failed', reason: 'ambiguous_phone: several contacts have this phone; match them by email or external id' };
  if (contactId === null && !(run.dryRun && run.seen.has(key!))) return createRow(run, line, set, key!);
  if (run.options.onConflict === 'create' || run.options.onConflict === 'skip') {
    return { line, outcome: 'skipped', reason: 'exists: a contact with this key exists', ...(contactId ? { contactId } : {}) };
  }
  if (contactId === null) return { line, outcome: 'updated' }; // dry run: an earlier row of the file creates it
  return updateRow(run, line, set, clear, contactId);
}

function consentFor(run: ImportRun, entities: TransactionEntities, contactId: string, at: string): TransactionItem[] {
  const c = run.options.consent;
  if (!c) return [];
  return consentItems(
    entities,
    { contactId, purpose: c.purpose, state: 'granted', legalBasis: c.legalBasis, method: 'import', at, importId: run.importId, actorId: run.actorId, ...(run.consentTextHash ? { textHash: run.consentTextHash } : {}) },
    `import-${run.importId}-${contactId}`,
  );
}

async function createRow(run: ImportRun, line: number, set: RowFields, key: string): Promise<Attempt> {
  if (run.options.onConflict === 'update') return { line, outcome: 'skipped', reason: 'not_found: no contact with this key' };
  // Matched by phone, a row without email makes a contact known by phone only (its number then unique to it).
  const phoneOnly = !set.email && run.options.matchKey === 'phone' && Boolean(set.phone);
  if (!set.email && !phoneOnly) return { line, outcome: 'failed', reason: 'missing_email: a new contact needs an email' };
  if (set.email && run.options.matchKey !== 'email') {
    const { data } = await db().entities.contactEmail.get({ email: set.email }).go({ consistent: true });
    const differs = run.options.matchKey === 'phone' ? 'phone' : 'external id';
    if (data) return { line, outcome: 'failed', reason: `email_taken: the email belongs to contact ${data.contactId}, whose ${differs} differs` };
  }
  const { data: erased } = set.email ? await db().entities.erasedEmail.get({ emailHash: emailHash(set.email) }).go() : { data: null };
  const newConsent = run.options.consent?.legalBasis === 'consent';
  if (erased && !newConsent) {
    return { line, outcome: 'failed', reason: 'erased: this person asked to be erased; import them only with their new consent (options.consent)' };
  }
  if (run.dryRun) {
    run.seen.add(key);
    return { line, outcome: 'created' };
  }
  const at = nowIso();
  const contactId = newId();
  const marketing = run.options.consent?.purpose === MARKETING_EMAIL ? { marketingConsent: true } : {};
  const item = {
    ...newContactItem({ ...set, ...marketing } as never, run.actorId, contactId, at),
    importId: run.importId,
    createdByImport: run.importId,
    ...(set.externalId ? { externalId: set.externalId } : {}),
  } as ContactItem;
  const tx = new ContactTransaction();
  const events: PendingEvent[] = [domainEvent('contact.created', { contactId, createdBy: run.actorId }, { correlationId: run.correlationId })];
  const result = await transactWithEvents((entities) => {
    creationItems(tx, entities, item);
    if (set.externalId) tx.add('emailGuard', entities.contactExternalId.create({ externalId: set.externalId, contactId }).commit());
    tx.add(
      'other',
      entities.importChange.create({ importId: run.importId, shard: changeShard(contactId), contactId, kind: 'created', line, updatedAt: at, ttl: changeTtl() }).commit(),
      ...consentFor(run, entities, contactId, at),
    );
    return tx.items;
  }, events);
  if (!result.canceled) return { line, outcome: 'created', contactId };
  // The key was taken meanwhile (another row of this file, or a request): plan again, as an update.
  return 'again';
}

/** The fields a row changes on `current`, and their values before (null: absent), for the importChange. */
function diff(current: ContactItem, set: RowFields, clear: string[]) {
  const changes: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  const remove: string[] = [];
  const cur = current as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(set)) {
    // The match key or, matched otherwise, left as it is: an import never moves an email. A contact known
    // by phone only adopts the row's (the merge rule, contacts/phone-owner.ts), with its guard (updateRow).
    if (field === 'email' && cur.email === undefined) {
      changes.email = value;
      before.email = null;
    }
    if (field === 'email') continue;
    if (field === 'externalId' && cur.externalId !== undefined) continue; // set once, never replaced by an import
    if (field === 'tags') {
      const merged = [...new Set([...(current.tags ?? []), ...(value as string[])])];
      if (merged.length !== (current.tags ?? []).length) {
        changes.tags = merged;
        before.tags = current.tags ?? [];
      }
      continue;
    }
    if (cur[field] !== value) {
      changes[field] = value;
      before[field] = cur[field] ?? null;
    }
  }
  for (const field of clear) {
    if (cur[field] !== undefined) {
      remove.push(field);
      before[field] = cur[field];
    }
  }
  if (changes.leadSource !== undefined || remove.includes('leadSource')) {
    if (remove.includes('leadSource')) remove.push('leadSourceRank');
    else changes.leadSourceRank = current.contactId;
  }
  return { changes, before, remove };
}

async function updateRow(run: ImportRun, line: number, set: RowFields, clear: string[], contactId: string): Promise<Attempt> {
  const { data: current } = await db().entities.contact.get({ contactId }).go({ consistent: true });
  if (!current) return 'again'; // deleted between the guard and here
  if (current.erasedAt) return { line, outcome: 'failed', contactId, reason: 'erased: the contact was erased' };
  if (current.state === 'trashed') return { line, outcome: 'skipped', contactId, reason: 'trashed: restore the contact first' };
  if (current.importId === run.importId && !run.dryRun) {
    // This import reached the contact already: a re-run chunk (or the same person twice in the file).
    const { data: change } = await db().entities.importChange.get({ importId: run.importId, shard: changeShard(contactId), contactId }).go({ consistent: true });
    if (change?.line === line) return { line, outcome: change.kind, contactId };
    if (change) return { line, outcome: 'skipped', contactId, reason: `duplicate: line ${change.line} of this file is the same contact` };
  }
  const { changes, before, remove } = diff(current, set, clear);
  const consentNeeded = run.options.consent
    ? (await db().entities.consentState.get({ contactId, purpose: run.options.consent.purpose }).go({ consistent: true })).data?.state !== 'granted'
    : false;
  const newExternalId = changes.externalId as string | undefined;
  if (!Object.keys(changes).length && !remove.length && !consentNeeded) return { line, outcome: 'unchanged', contactId };
  if (run.dryRun) return { line, outcome: 'updated', contactId };
  const at = nowIso();
  before.importId = current.importId ?? null;
  if (consentNeeded && run.options.consent?.purpose === MARKETING_EMAIL) {
    changes.marketingConsent = true;
    changes.marketingConsentAt = at;
    before.marketingConsent = current.marketingConsent ?? null;
    before.marketingConsentAt = current.marketingConsentAt ?? null;
  }
  const added = ((changes.tags as string[] | undefined) ?? []).filter((t) => !(current.tags ?? []).includes(t));
  const tx = new ContactTransaction();
  const result = await transactWithEvents(
    (entities) => {
      let patch = entities.contact.patch({ contactId }).set({ ...changes, importId: run.importId, updatedAt: at } as never);
      if (remove.length) patch = patch.remove(remove as never);
      tx.add('contact', patch.where((a, op) => op.eq(a.updatedAt, current.updatedAt)).commit());
      if (newExternalId) tx.add('emailGuard', entities.contactExternalId.create({ externalId: newExternalId, contactId }).commit());
      if (changes.email) tx.add('phoneGuard', entities.contactEmail.create({ email: changes.email as string, contactId }).commit());
      const phoneAfter = remove.includes('phone') ? null : ((changes.phone as string | undefined) ?? current.phone);
      tx.add(
        'other',
        ...tagPuts(entities, contactId, added),
        ...phoneLookupItems(entities, contactId, current.phone, phoneAfter),
        entities.importChange
          .put({ importId: run.importId, shard: changeShard(contactId), contactId, kind: 'updated', line, before: definedOnly(before), updatedAt: at, ttl: changeTtl() })
          .commit(),
        ...(consentNeeded ? consentFor(run, entities, contactId, at) : []),
      );
      return tx.items;
    },
    [domainEvent('contact.updated', { contactId, reason: 'import' }, { correlationId: run.correlationId })],
  );
  if (!result.canceled) return { line, outcome: 'updated', contactId };
  if (tx.firstRejected(result) === 'emailGuard') return { line, outcome: 'failed', contactId, reason: 'external_id_taken: another contact has this external id' };
  if (tx.firstRejected(result) === 'phoneGuard') return { line, outcome: 'failed', contactId, reason: 'email_taken: this contact has no email and the row\'s belongs to another contact' };
  return 'again';
}

