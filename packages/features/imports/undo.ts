import type { EventData } from '#events/catalog.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent, type PendingEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { IMPORT_CHANGE_SHARDS } from '#packages/core/db/entities/import-change.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionItem } from '#packages/core/db/transaction-types.ts';
import { conflict } from '#packages/core/errors.ts';
import { tagDeletes, tagPuts, phoneLookupItems } from '#packages/features/contacts/index.ts';
import type { ImportView } from './contract.ts';
import { readImport, toImportView } from './import-store.ts';

/** Changes one undo chunk reverts. */
const UNDO_PAGE = 100;

/**
 * `POST /v1/imports/{id}/undo`: within 7 days of its end, an import that is
 * done goes to `undoing` (conditioned on its status, so two clicks start one
 * undo) and the imports-run consumer walks its changes: a contact the import
 * created is deleted (its guards and tags with it), a contact it updated gets
 * the changed fields back as they were — unless someone changed the contact
 * since (then it is left as it is, and counted as kept). Consent records the
 * import appended stay: they are evidence, and append-only.
 */
export async function startUndo(importId: string, ctx: RequestContext): Promise<ImportView> {
  const imp = await readImport(importId, true);
  if (imp.status !== 'done') throw conflict('not_done', `Import ${importId} is ${imp.status}; only a finished import can be undone`);
  if (!imp.undoUntil || imp.undoUntil < nowIso()) throw conflict('undo_expired', `Import ${importId} can no longer be undone (7 days after it finished)`);
  const result = await transactWithEvents(
    ({ dataImport }) => [
      dataImport
        .patch({ importId })
        .set({ status: 'undoing', step: 0, undoShard: 0, undoDeleted: 0, undoRestored: 0, undoKept: 0 })
        .remove(['undoCursor'])
        .where((a, op) => op.eq(a.status, 'done'))
        .commit(),
    ],
    [domainEvent('import.chunk', { importId, mode: 'undo', step: 0 }, ctx)],
  );
  if (result.canceled) throw conflict('concurrent_update', 'The import changed meanwhile; read it and try again');
  return toImportView(await readImport(importId, true));
}

type Change = { contactId: string; kind: 'created' | 'updated'; before?: unknown; updatedAt: string; shard: number };
type Revert = 'deleted' | 'restored' | 'kept';

async function revert(importId: string, change: Change, correlationId: string): Promise<Revert> {
  const { data: contact } = await db().entities.contact.get({ contactId: change.contactId }).go({ consistent: true });
  const dropChange = (e: Parameters<Parameters<typeof transactWithEvents>[0]>[0]) =>
    e.importChange.delete({ importId, shard: change.shard, contactId: change.contactId }).commit();
  if (!contact || contact.erasedAt || contact.updatedAt !== change.updatedAt) {
    await db().transaction.write((e) => [dropChange(e)]).go();
    return 'kept';
  }
  const ctx = { correlationId };
  let events: PendingEvent[];
  let items: (e: Parameters<Parameters<typeof transactWithEvents>[0]>[0]) => TransactionItem[];
  let outcome: Revert;
  if (change.kind === 'created') {
    outcome = 'deleted';
    const email = contact.email;
    events = [domainEvent('contact.deleted', { contactId: contact.contactId, ...(email ? { email } : {}) }, ctx)];
    items = (e) => [
      e.contact.delete({ contactId: contact.contactId }).where((a, op) => op.eq(a.updatedAt, change.updatedAt)).commit(),
      ...(email ? [e.contactEmail.delete({ email }).where((a, op) => op.eq(a.contactId, contact.contactId)).commit()] : []),
      ...(contact.externalId ? [e.contactExternalId.delete({ externalId: contact.externalId }).where((a, op) => op.eq(a.contactId, contact.contactId)).commit()] : []),
      ...tagDeletes(e, contact.contactId, contact.tags ?? []),
      ...phoneLookupItems(e, contact.contactId, contact.phone, null),
      dropChange(e),
    ];
  } else {
    outcome = 'restored';
    const before = (change.before ?? {}) as Record<string, unknown>;
    const set: Record<string, unknown> = {};
    const remove: string[] = [];
    for (const [field, value] of Object.entries(before)) {
      if (value === null) remove.push(field);
      else set[field] = value;
    }
    if ('leadSource' in before) {
      if (before.leadSource === null) remove.push('leadSourceRank');
      else set.leadSourceRank = contact.contactId;
    }
    const tagsNow = contact.tags ?? [];
    const tagsBefore = (before.tags as string[] | undefined) ?? tagsNow;
    events = [domainEvent('contact.updated', { contactId: contact.contactId, reason: 'import_undone' }, ctx)];
    items = (e) => {
      let patch = e.contact.patch({ contactId: contact.contactId }).set({ ...set, updatedAt: nowIso() } as never);
      if (remove.length) patch = patch.remove(remove as never);
      return [
        patch.where((a, op) => op.eq(a.updatedAt, change.updatedAt)).commit(),
        ...tagDeletes(e, contact.contactId, tagsNow.filter((t) => !tagsBefore.includes(t))),
        ...tagPuts(e, contact.contactId, tagsBefore.filter((t) => !tagsNow.includes(t))),
        ...phoneLookupItems(e, contact.contactId, contact.phone, 'phone' in before ? (before.phone as string | null) : contact.phone),
        // The row gave a phone-only contact its email: undone, the email's guard goes with it.
        ...(before.email === null && contact.email ? [e.contactEmail.delete({ email: contact.email }).where((a, op) => op.eq(a.contactId, contact.contactId)).commit()] : []),
        dropChange(e),
      ];
    };
  }
  const result = await transactWithEvents(items, events);
  if (!result.canceled) return outcome;
  // Changed between the read and the write: someone else's change wins.
  await db().transaction.write((e) => [dropChange(e)]).go();
  return 'kept';
}

type UndoChunk = EventData<'import.chunk'>;

/** One undo chunk: up to 100 changes of the current shard, then the position moves on (same step discipline as the import). */
export async function undoStep(chunk: UndoChunk, correlationId: string): Promise<'advanced' | 'done' | 'stale'> {
  const { data: imp } = await db().entities.dataImport.get({ importId: chunk.importId }).go({ consistent: true });
  if (!imp || imp.status !== 'undoing' || imp.step !== chunk.step) return 'stale';
  const shard = imp.undoShard ?? 0;
  const page = await db()
    .entities.importChange.query.byImport({ importId: imp.importId, shard })
    .go({ limit: UNDO_PAGE, consistent: true });
  const counts: Record<Revert, number> = { deleted: 0, restored: 0, kept: 0 };
  for (const change of page.data) counts[await revert(imp.importId, change as Change, correlationId)]++;
  // The changes just reverted are deleted, so the shard's next page starts at its head again; a short page ends the shard.
  const shardDone = page.data.length < UNDO_PAGE;
  const nextShard = shardDone ? shard + 1 : shard;
  const last = nextShard >= IMPORT_CHANGE_SHARDS;
  const result = await transactWithEvents(
    ({ dataImport }) => [
      dataImport
        .patch({ importId: imp.importId })
        .set({ step: chunk.step + 1, undoShard: nextShard, ...(last ? { status: 'undone' as const } : {}) })
        .add({ undoDeleted: counts.deleted, undoRestored: counts.restored, undoKept: counts.kept })
        .where((a, op) => `${op.eq(a.status, 'undoing')} AND ${op.eq(a.step, chunk.step)}`)
        .commit(),
    ],
    last ? [] : [domainEvent('import.chunk', { importId: imp.importId, mode: 'undo', step: chunk.step + 1 }, { correlationId })],
  );
  if (result.canceled) return 'stale';
  return last ? 'done' : 'advanced';
}

