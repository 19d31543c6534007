import { dependencyFaultOf } from '#packages/core/dependencies/faults.ts';
import { isWriteTimeout } from '#packages/core/dependencies/write-timeouts.ts';
import { db } from '#packages/core/db/service.ts';
import type { RegistrationItem } from './registration-view.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A registration's transaction whose attempt timed out may still commit: under
 * a burst, a session's seat counter queues the transactions on it (DynamoDB
 * Local holds them on the item; DynamoDB answers TransactionConflict, which
 * the caller retries). Every registration put is conditioned on the ticket
 * holding no active registration for the session and carries its attempt's
 * `createdAt`, so the request can tell its own write when it meets it: it
 * polls a few times for a registration carrying one of its stamps, and
 * otherwise tries again (a late first attempt and the retry cannot both commit).
 */
export async function ownRegistrationLanded(sessionId: string, ticketId: string, stamps: ReadonlySet<string>): Promise<RegistrationItem | null> {
  for (let i = 0; i < 3; i++) {
    await pause(100 * 2 ** i + Math.random() * 100);
    const { data } = await db().entities.sessionRegistration.get({ sessionId, ticketId }).go({ consistent: true });
    if (data && stamps.has(data.createdAt)) return data;
  }
  return null;
}

/** Runs a transaction; a timed-out attempt is reported as `'timed_out'` (its stamp may still land) instead of thrown. */
export async function unsure<T>(run: () => Promise<T>): Promise<T | 'timed_out'> {
  try {
    return await run();
  } catch (error) {
    if (isWriteTimeout(error)) return 'timed_out';
    throw error;
  }
}

/**
 * One UpdateItem on a hot counter whose loss is harmless (a waitlist number
 * skipped): retried with jittered backoff when it timed out or met a
 * transaction holding the item (TransactionConflict), so the client does not
 * see a 503 for contention the server can wait out.
 */
export async function retriedCounterUpdate<T>(run: () => Promise<T>, attempts = 6): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await run();
    } catch (error) {
      const fault = dependencyFaultOf(error);
      if (n + 1 >= attempts || (fault !== 'throttled' && !isWriteTimeout(error))) throw error;
      await pause(Math.random() * Math.min(1000, 50 * 2 ** n));
    }
  }
}
