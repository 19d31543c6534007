import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { EntityItem } from 'electrodb';
import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import type { idempotencyRecordEntity } from '#packages/core/db/entities/idempotency-record.ts';
import { db } from '#packages/core/db/service.ts';

export type IdempotencyRecord = EntityItem<typeof idempotencyRecordEntity>;

/** What is kept of a response to replay it: API Gateway's structured result, minus nothing. */
export type StoredResponse = Pick<APIGatewayProxyStructuredResultV2, 'statusCode' | 'headers' | 'body' | 'isBase64Encoded' | 'cookies'>;

/** Keys live 48 h: the contract promises at least 24. */
export const RECORD_TTL_SECONDS = 48 * 3600;

/**
 * DynamoDB's item limit is 400 KB (names and values). Our responses are a few
 * KB; one above this is not stored (the record is deleted instead, so a retry
 * runs again) rather than failing the write after the work is done.
 */
export const MAX_STORED_RESPONSE_BYTES = 350 * 1024;

export interface Lock {
  recordId: string;
  lockToken: string;
}

export type AcquireResult = { acquired: true; lock: Lock } | { acquired: false; existing: IdempotencyRecord | null };

const entity = () => db().entities.idempotencyRecord;
const epochSeconds = (ms: number) => Math.floor(ms / 1000);

/** Whether DynamoDB TTL would have removed it already (TTL deletes lazily, up to days late). */
export const isExpired = (record: Pick<IdempotencyRecord, 'ttl'>, now = Date.now()): boolean => record.ttl < epochSeconds(now);

/**
 * Claims the key: a conditional put of an `in_progress` record that succeeds
 * when there is no record, when the one there has outlived its TTL, or when it
 * is an abandoned attempt at the same request (in progress, lock expired,
 * same fingerprint: its Lambda crashed or timed out). Otherwise returns what
 * is there, read strongly consistent.
 */
export async function acquire(input: {
  recordId: string;
  scope: string;
  route: string;
  fingerprint: string;
  lockMs: number;
  now?: number;
}): Promise<AcquireResult> {
  const now = input.now ?? Date.now();
  const lockToken = randomUUID();
  try {
    await entity()
      .put({
        recordId: input.recordId,
        scope: input.scope,
        route: input.route,
        fingerprint: input.fingerprint,
        status: 'in_progress',
        lockToken,
        lockExpiresAt: now + input.lockMs,
        createdAt: new Date(now).toISOString(),
        ttl: epochSeconds(now) + RECORD_TTL_SECONDS,
      })
      .where(
        ({ recordId, ttl, status, lockExpiresAt, fingerprint }, { notExists, lt, eq }) =>
          `${notExists(recordId)} OR ${lt(ttl, epochSeconds(now))} OR ` +
          `(${eq(status, 'in_progress')} AND ${lt(lockExpiresAt, now)} AND ${eq(fingerprint, input.fingerprint)})`,
      )
      .go({ response: 'none' });
    return { acquired: true, lock: { recordId: input.recordId, lockToken } };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  const { data } = await entity().get({ recordId: input.recordId }).go({ consistent: true });
  return { acquired: false, existing: data };
}

/** Size in bytes of what `complete` would store. */
export const storedSize = (response: StoredResponse): number => Buffer.byteLength(JSON.stringify(response));

/**
 * Stores the final response and refreshes the TTL (48 h from now). Only the
 * lock holder may: if its lock expired and another attempt took over, this
 * changes nothing and returns false.
 */
export async function complete(lock: Lock, response: StoredResponse, now = Date.now()): Promise<boolean> {
  try {
    await entity()
      .patch({ recordId: lock.recordId })
      .set({
        status: 'completed',
        response: JSON.stringify(response),
        completedAt: nowIso(),
        ttl: epochSeconds(now) + RECORD_TTL_SECONDS,
      })
      .where(({ lockToken, status }, { eq }) => `${eq(lockToken, lock.lockToken)} AND ${eq(status, 'in_progress')}`)
      .go({ response: 'none' });
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Deletes the record so the key is free again; only the lock holder may. */
export async function release(lock: Lock): Promise<boolean> {
  try {
    await entity()
      .delete({ recordId: lock.recordId })
      .where(({ lockToken, status }, { eq }) => `${eq(lockToken, lock.lockToken)} AND ${eq(status, 'in_progress')}`)
      .go({ response: 'none' });
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export function parseStoredResponse(record: IdempotencyRecord): StoredResponse | null {
  if (record.response === undefined) return null;
  return JSON.parse(record.response) as StoredResponse;
}
