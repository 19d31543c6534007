import { nowIso } from '#packages/core/clock.ts';
import { writtenIfCondition } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import type { ModelSummary } from './scoring.ts';

const KEY = 'current';

/** A page's `contact.updated` events, recorded before its contacts are written (see page-events.ts). */
export interface PendingUpdate {
  contactId: string;
  eventId: string;
}

export interface RunState {
  runId: string;
  status: 'running' | 'done';
  trigger: 'schedule' | 'request';
  prefer?: 'bg-bb' | 'bg-nbd';
  requestedAt: string;
  finishedAt?: string;
  scored: number;
  /** Where scoring resumes: the shard and ElectroDB's cursor within it. */
  resume?: { shard: number; cursor: string | null };
  /** The page in progress's events: published again on resume when the run stopped before they went out. */
  pending?: PendingUpdate[];
}

export interface LtvState {
  fit: ModelSummary | null;
  run: RunState | null;
  updatedAt?: string;
}

export async function readState(): Promise<LtvState> {
  const { data } = await db().entities.ltvModel.get({ key: KEY }).go({ consistent: true });
  return { fit: (data?.fit as ModelSummary | undefined) ?? null, run: (data?.run as RunState | undefined) ?? null, ...(data ? { updatedAt: data.updatedAt } : {}) };
}

/**
 * Writes the state if nobody wrote it since `previous` was read; answers the
 * state as written (its new `updatedAt`, for the next save without a re-read),
 * or null when someone else wrote first.
 */
export async function saveRun(previous: LtvState, next: Partial<LtvState>): Promise<LtvState | null> {
  const item = { key: KEY, fit: next.fit === undefined ? previous.fit : next.fit, run: next.run === undefined ? previous.run : next.run, updatedAt: nowIso() };
  // Two saves within one millisecond would carry the same stamp: the condition could not tell them apart.
  if (item.updatedAt <= (previous.updatedAt ?? '')) item.updatedAt = new Date(Date.parse(previous.updatedAt!) + 1).toISOString();
  const entity = db().entities.ltvModel;
  const written = await writtenIfCondition(() =>
    previous.updatedAt ? entity.put(item).where((a, { eq }) => eq(a.updatedAt, previous.updatedAt!)).go({ response: 'none' }) : entity.create(item).go({ response: 'none' }),
  );
  return written ? { fit: item.fit, run: item.run, updatedAt: item.updatedAt } : null;
}

/** Saves the run's progress, which only the run itself writes while it runs. */
export async function saveProgress(state: LtvState, next: Partial<LtvState>): Promise<LtvState> {
  const saved = await saveRun(state, next);
  if (!saved) throw new Error(`lifetime-value run ${state.run?.runId}: its state changed under it`);
  return saved;
}
