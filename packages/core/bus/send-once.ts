import { nowIso } from '../clock.ts';
import { isConditionFailure } from '../db/conditions.ts';
import { db } from '../db/service.ts';

/** A mail's claim outlives any redelivery and any repeat of the same request by far: "once ever" in practice. */
const CLAIM_TTL_SECONDS = 400 * 24 * 3600;

/**
 * Runs a send (an email) at most once per `scope` + `key`, ever. The claim is
 * written before the send, so a duplicated or redelivered event finds it and
 * sends nothing ('already_sent'); if the send throws (SES refused it), the
 * claim is dropped and the error rethrown, so the bus delivers again and the
 * retry sends. Only a crash between the provider accepting and the claim
 * surviving could leave a claim without a mail — never two mails.
 */
export async function sendOnce<T>(scope: string, key: string, send: () => Promise<T>): Promise<T | 'already_sent'> {
  const claim = { consumer: scope, eventId: key };
  try {
    await db().entities.processedEvent.create({ ...claim, processedAt: nowIso(), ttl: Math.floor(Date.now() / 1000) + CLAIM_TTL_SECONDS }).go();
  } catch (error) {
    if (isConditionFailure(error)) return 'already_sent';
    throw error;
  }
  try {
    return await send();
  } catch (error) {
    await db().entities.processedEvent.delete(claim).go();
    throw error;
  }
}
