import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { DomainError } from '#packages/core/errors.ts';
import { logger } from '#packages/core/logger.ts';
import { uploadStream } from '#packages/core/storage/index.ts';
import type { ExportRequestBody } from './contract.ts';
import type { CsvProgress } from './csv-writer.ts';
import { kindOf } from './export-kinds.ts';
import { loadExportJob, type StoredExportJob } from './export-job.ts';

/**
 * How long a claim holds the job without news. Progress renews it every
 * PROGRESS_EVERY pages (a few seconds at most), so a run that died is taken
 * over by the next delivery about this long after its last progress.
 */
export const LEASE_MS = 60_000;
/** Pages (100 rows each) between two progress writes: one small UpdateItem per 1,000 rows. */
export const PROGRESS_EVERY = 10;
/** Claims before a job is given up as failed (each one a delivery that crashed or timed out). */
const MAX_ATTEMPTS = 5;

/** Another claim took the job over (this one's lease lapsed): this run stops and leaves it alone. */
class LeaseLost extends Error {
  override name = 'LeaseLost';
}

const leaseFrom = (now: string) => new Date(Date.parse(now) + LEASE_MS).toISOString();

/**
 * Claims the job for one run: queued, or running under a lapsed lease.
 * Optimistic on `attempt` (and the state read), so of two deliveries racing
 * for it exactly one wins. Null when there is nothing to do: done, failed,
 * gone, or running under a live lease (another delivery is on it).
 */
async function claim(exportId: string): Promise<{ job: StoredExportJob; attempt: number } | null> {
  const job = await loadExportJob(exportId, { consistent: true });
  if (!job || job.state === 'done' || job.state === 'failed') return null;
  const now = nowIso();
  if (job.state === 'running' && job.leaseUntil && job.leaseUntil > now) return null;
  const attempt = job.attempt + 1;
  try {
    if (attempt > MAX_ATTEMPTS) {
      await db()
        .entities.exportJob.patch({ exportId })
        .set({ state: 'failed', finishedAt: now, error: `gave up after ${MAX_ATTEMPTS} attempts` })
        .where((a, op) => `${op.eq(a.attempt, job.attempt)} AND ${op.eq(a.state, job.state)}`)
        .go();
      return null;
    }
    await db()
      .entities.exportJob.patch({ exportId })
      .set({ state: 'running', attempt, leaseUntil: leaseFrom(now), startedAt: now, rows: 0, bytes: 0 })
      .where((a, op) => `${op.eq(a.attempt, job.attempt)} AND ${op.eq(a.state, job.state)}`)
      .go();
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
  return { job, attempt };
}

/** Writes a running claim's progress and renews its lease; LeaseLost when the claim is no longer its own. */
async function progress(exportId: string, attempt: number, p: CsvProgress): Promise<void> {
  try {
    await db()
      .entities.exportJob.patch({ exportId })
      .set({ rows: p.rows, bytes: p.bytes, leaseUntil: leaseFrom(nowIso()) })
      .where((a, op) => `${op.eq(a.attempt, attempt)} AND ${op.eq(a.state, 'running')}`)
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw new LeaseLost(`export ${exportId}: attempt ${attempt} lost its lease`);
    throw error;
  }
}

/** The last write of a claim (done or failed), only while the claim is still its own. */
async function finish(exportId: string, attempt: number, fields: Partial<StoredExportJob> & { state: 'done' | 'failed' }): Promise<void> {
  try {
    await db()
      .entities.exportJob.patch({ exportId })
      .set({ ...fields, finishedAt: nowIso() })
      .remove(['leaseUntil'])
      .where((a, op) => `${op.eq(a.attempt, attempt)} AND ${op.eq(a.state, 'running')}`)
      .go();
  } catch (error) {
    if (isConditionFailure(error)) return;
    throw error;
  }
}

/**
 * The exports-run consumer's work: claims the job, streams the kind's pages
 * (the synchronous routes' sources and columns) through csv-stringify into a
 * multipart upload at `exports/<id>/<attempt>/<file>`, writes progress every
 * PROGRESS_EVERY pages, then marks it done with the file's key. A claim writes
 * only its own attempt's file, so a run that died and one that took over never
 * write one object together; a filter the data refuses (an event that does
 * not exist) fails the job with the reason; anything else is thrown for the
 * bus to retry.
 */
export async function runExport(exportId: string): Promise<void> {
  const claimed = await claim(exportId);
  if (!claimed) return;
  const { job, attempt } = claimed;
  const { spec, filter } = kindOf({ kind: job.kind, filter: job.filter } as ExportRequestBody);
  const fileName = spec.fileName(filter);
  const key = `exports/${exportId.toLowerCase()}/${attempt}/${fileName}`;
  const csv = spec.open(filter)({
    onPage: async (p) => {
      if (p.pages % PROGRESS_EVERY === 0) await progress(exportId, attempt, p);
    },
  });
  let written: CsvProgress;
  try {
    [, written] = await Promise.all([uploadStream(key, csv.stream, 'text/csv; charset=utf-8'), csv.done]);
  } catch (error) {
    csv.abort(error as Error);
    // The first failure is the one to report: the other side then fails with "stream closed".
    const cause = await csv.done.then(() => error, (e: unknown) => (e instanceof LeaseLost || e instanceof DomainError ? e : error));
    if (cause instanceof LeaseLost) {
      logger.warn('export run superseded', { exportId, attempt });
      return;
    }
    if (cause instanceof DomainError) {
      await finish(exportId, attempt, { state: 'failed', error: cause.message });
      return;
    }
    throw cause;
  }
  await finish(exportId, attempt, { state: 'done', rows: written.rows, bytes: written.bytes, key, fileName });
  logger.info('export done', { exportId, attempt, rows: written.rows, bytes: written.bytes });
}
