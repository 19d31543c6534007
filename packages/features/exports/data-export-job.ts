import type { RequestContext } from '#packages/core/context.ts';
import { nowIso } from '#packages/core/clock.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { logger } from '#packages/core/logger.ts';
import { presignDownload } from '#packages/core/storage/index.ts';
import { writeDataExportBundle } from './data-export.ts';

/** A request is kept 30 days (the files themselves expire sooner, with the bucket's `exports/` rule). */
const REQUEST_TTL_SECONDS = 30 * 24 * 3600;
/** The download links a GET mints live this long. */
const LINK_SECONDS = 15 * 60;

interface StoredFile {
  name: string;
  key: string;
  bytes: number;
}

interface StoredRequest {
  exportId: string;
  contactId: string;
  status: 'pending' | 'ready' | 'failed';
  requestedAt: string;
  readyAt?: string;
  files?: StoredFile[];
  counts?: Record<string, number>;
  error?: string;
}

const view = (r: StoredRequest) => ({
  id: r.exportId,
  contactId: r.contactId,
  status: r.status,
  requestedAt: r.requestedAt,
  ...(r.readyAt ? { readyAt: r.readyAt } : {}),
  ...(r.counts ? { counts: r.counts } : {}),
  ...(r.error ? { error: r.error } : {}),
});

/** Records the request and its event in one transaction; the data-export-build consumer does the work. */
export async function requestDataExport(contactId: string, ctx: RequestContext) {
  const { data: contact } = await db().entities.contact.get({ contactId }).go({ attributes: ['contactId'] });
  if (!contact) throw notFound('Contact', contactId);
  const exportId = newId();
  const requestedAt = nowIso();
  const item = {
    exportId,
    contactId,
    status: 'pending' as const,
    requestedBy: ctx.actorId,
    requestedAt,
    ttl: Math.floor(Date.parse(requestedAt) / 1000) + REQUEST_TTL_SECONDS,
  };
  const result = await transactWithEvents(
    (e) => [e.dataExportRequest.create(item).commit()],
    [domainEvent('contact.data_export_requested', { exportId, contactId }, ctx)],
  );
  if (result.canceled) throw new Error('a fresh export id was taken');
  return view(item);
}

/**
 * The consumer's work: builds the bundle of a pending request and marks it
 * ready. At-least-once safe: a request no longer pending is left alone; a
 * build retried after a crash writes the same files again.
 */
export async function buildDataExport(exportId: string): Promise<void> {
  const { data } = await db().entities.dataExportRequest.get({ exportId }).go({ consistent: true });
  const request = data as StoredRequest | null;
  if (!request || request.status !== 'pending') return;
  try {
    const bundle = await writeDataExportBundle(exportId, request.contactId);
    await db()
      .entities.dataExportRequest.patch({ exportId })
      .set({ status: 'ready', readyAt: nowIso(), files: bundle.files, counts: bundle.counts })
      .where((a, op) => op.eq(a.status, 'pending'))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) return;
    if ((error as { kind?: string }).kind === 'not_found') {
      // The contact went (deleted) between the request and the build: nothing to export, say so.
      await db().entities.dataExportRequest.patch({ exportId }).set({ status: 'failed', error: 'the contact no longer exists' }).go();
      logger.warn('data export of a contact that is gone', { exportId });
      return;
    }
    throw error;
  }
}

/** The request; once ready, with download links minted now (short-lived). */
export async function dataExportStatus(exportId: string) {
  const { data } = await db().entities.dataExportRequest.get({ exportId }).go();
  const request = data as StoredRequest | null;
  if (!request) throw notFound('Data export', exportId);
  if (request.status !== 'ready' || !request.files) return view(request);
  let expiresAt = nowIso();
  const files = await Promise.all(
    request.files.map(async (f) => {
      const link = await presignDownload(f.key, { expiresInSeconds: LINK_SECONDS, downloadName: f.name });
      expiresAt = link.expiresAt;
      return { name: f.name, url: link.url, bytes: f.bytes };
    }),
  );
  return { ...view(request), files, expiresAt };
}

