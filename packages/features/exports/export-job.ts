import type { Principal } from '#packages/auth/principal.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { presignDownload } from '#packages/core/storage/index.ts';
import type { ExportKindName, ExportRequestBody } from './contract.ts';
import { kindOf } from './export-kinds.ts';

/** A job is kept 7 days (its file expires sooner, with the bucket's `exports/` rule). */
const JOB_TTL_SECONDS = 7 * 24 * 3600;
/** The download link a GET mints lives this long. */
const LINK_SECONDS = 5 * 60;

export interface StoredExportJob {
  exportId: string;
  kind: ExportKindName;
  filter: Record<string, string>;
  state: 'queued' | 'running' | 'done' | 'failed';
  requestedBy: string;
  requestedAt: string;
  attempt: number;
  leaseUntil?: string;
  startedAt?: string;
  finishedAt?: string;
  rows: number;
  bytes: number;
  key?: string;
  fileName?: string;
  error?: string;
}

/**
 * The caller lacks the permission of the job's kind (contacts:read for
 * contacts, …): the transport answers 403, as the authorizer does for a route.
 */
export class MissingKindPermission extends Error {
  override name = 'MissingKindPermission';
  constructor(readonly permission: string) {
    super(`This needs the permission ${permission}`);
  }
}

/** The permission of the kind, then the kind's own scoping (a promoter's ledger: 404 for another's). */
async function assertMayRead(principal: Principal, body: ExportRequestBody): Promise<void> {
  const { spec, filter } = kindOf(body);
  if (!principal.permissions.has(spec.permission)) throw new MissingKindPermission(spec.permission);
  await spec.assertMayRead?.(principal, filter);
}

const view = (j: StoredExportJob) => ({
  id: j.exportId,
  kind: j.kind,
  filter: j.filter,
  state: j.state,
  rows: j.rows,
  bytes: j.bytes,
  requestedAt: j.requestedAt,
  ...(j.startedAt ? { startedAt: j.startedAt } : {}),
  ...(j.finishedAt ? { finishedAt: j.finishedAt } : {}),
  ...(j.error ? { error: j.error } : {}),
});

/** Records the job and its `export.requested` in one transaction; the exports-run consumer does the work. */
export async function requestExport(body: ExportRequestBody, principal: Principal, ctx: RequestContext) {
  await assertMayRead(principal, body);
  const exportId = newId();
  const requestedAt = nowIso();
  const item = {
    exportId,
    kind: body.kind,
    filter: body.filter as Record<string, string>,
    state: 'queued' as const,
    requestedBy: ctx.actorId,
    requestedAt,
    attempt: 0,
    rows: 0,
    bytes: 0,
    ttl: Math.floor(Date.parse(requestedAt) / 1000) + JOB_TTL_SECONDS,
  };
  const result = await transactWithEvents((e) => [e.exportJob.create(item).commit()], [domainEvent('export.requested', { exportId }, ctx)]);
  if (result.canceled) throw new Error('a fresh export id was taken');
  return view(item);
}

export async function loadExportJob(exportId: string, options: { consistent?: boolean } = {}): Promise<StoredExportJob | null> {
  const { data } = await db().entities.exportJob.get({ exportId }).go(options);
  return data as StoredExportJob | null;
}

/**
 * The job's state and progress; once done, a download link minted now, only
 * for a caller holding the kind's permission (and its scope) — the same the
 * job's request and the kind's synchronous route need.
 */
export async function exportStatus(exportId: string, principal: Principal) {
  const job = await loadExportJob(exportId);
  if (!job) throw notFound('Export', exportId);
  await assertMayRead(principal, { kind: job.kind, filter: job.filter } as ExportRequestBody);
  if (job.state !== 'done' || !job.key || !job.fileName) return view(job);
  const link = await presignDownload(job.key, { expiresInSeconds: LINK_SECONDS, downloadName: job.fileName });
  return { ...view(job), download: { url: link.url, expiresAt: link.expiresAt, fileName: job.fileName } };
}
