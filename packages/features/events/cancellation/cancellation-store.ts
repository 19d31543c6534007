import type { EntityItem } from 'electrodb';
import type { eventCancellationEntity } from '#packages/core/db/entities/event-cancellation.ts';
import type { cancellationOrderEntity } from '#packages/core/db/entities/cancellation-order.ts';
import { db } from '#packages/core/db/service.ts';

export type CancellationItem = EntityItem<typeof eventCancellationEntity>;
export type CancellationOrderItem = EntityItem<typeof cancellationOrderEntity>;
export type CancellationPhase = CancellationItem['phase'];

const numberFrom = (value: string | undefined, fallback: number) => (value && Number(value) > 0 ? Number(value) : fallback);

/** Orders per chunk (EVENT_CANCEL_CHUNK): one consumer run refunds and mails at most this many. At most 90 (one transaction writes them all). */
export const chunkSize = (env: NodeJS.ProcessEnv = process.env) => Math.min(90, Math.floor(numberFrom(env.EVENT_CANCEL_CHUNK, 25)));

/** Stripe refunds and emails in flight at once within a chunk (EVENT_CANCEL_CONCURRENCY). */
export const concurrency = (env: NodeJS.ProcessEnv = process.env) => Math.floor(numberFrom(env.EVENT_CANCEL_CONCURRENCY, 4));

/**
 * How long a chunk may keep starting orders. A consumer Lambda runs 60 s at
 * most, and a refund started just before the budget may take ~26 s when
 * Stripe is slow (8 s per attempt, 3 attempts): 25 s leaves room for it and
 * the final writes. A run killed anyway is a crash the redelivery repairs.
 */
export const chunkBudgetMs = (env: NodeJS.ProcessEnv = process.env) => numberFrom(env.EVENT_CANCEL_CHUNK_BUDGET_MS, 25_000);

/** How long a running cancellation may go without progress before the due job pushes it again. */
export const watchdogMs = (env: NodeJS.ProcessEnv = process.env) => numberFrom(env.EVENT_CANCEL_WATCHDOG_SECONDS, 300) * 1000;

/** How long after Stripe or SES was unavailable the same chunk is tried again. */
export const retryDelayMs = (env: NodeJS.ProcessEnv = process.env) => numberFrom(env.EVENT_CANCEL_RETRY_SECONDS, 60) * 1000;

/** How long an email claim stands before its holder counts as dead (10 min: far above a chunk's 60 s). */
export const claimLeaseMs = (env: NodeJS.ProcessEnv = process.env) => numberFrom(env.EVENT_CANCEL_CLAIM_LEASE_SECONDS, 600) * 1000;

export const inMs = (ms: number): string => new Date(Date.now() + ms).toISOString();

export async function loadCancellation(eventId: string, consistent = false): Promise<CancellationItem | null> {
  const { data } = await db().entities.eventCancellation.get({ eventId }).go({ consistent });
  return data;
}
