import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { putOnBus } from '#packages/core/bus/publish.ts';
import { newId } from '#packages/core/ids.ts';
import type { PendingUpdate } from './run-state.ts';

/**
 * The run's `contact.updated` events, a page at a time. A transaction with an
 * outbox row per contact (the kit's transactWithEvents) costs about four
 * times the contact's own write; instead the page's events are recorded in
 * the run's state item BEFORE its contacts are written (one write per page),
 * published once they are, and cleared with the page's resume point. A run
 * stopped in between publishes the recorded ones again when it resumes, with
 * the same event ids (consumers apply each once): at least once, as through
 * the outbox. Contacts the resumed page finds unchanged (written before the
 * stop) raise no new event; the recorded one covers them.
 */
export const pendingFor = (contactIds: readonly string[]): PendingUpdate[] => contactIds.map((contactId) => ({ contactId, eventId: newId() }));

const ATTEMPTS = 3;

/** Publishes the events (10 to a PutEvents); throws when the bus keeps refusing some, so the run stops with them still recorded. */
export async function publishUpdates(updates: readonly PendingUpdate[], runId: string): Promise<void> {
  let left = updates.map((u) => domainEvent('contact.updated', { contactId: u.contactId, reason: 'lifetime_value', fields: ['lifetimeValue'] }, { correlationId: `ltv-${runId}` }, u.eventId));
  for (let attempt = 0; left.length && attempt < ATTEMPTS; attempt++) {
    const accepted = new Set(await putOnBus(left));
    left = left.filter((e) => !accepted.has(e.eventId));
  }
  if (left.length) throw new Error(`lifetime-value run ${runId}: the bus refused ${left.length} contact.updated events; the run publishes them when it resumes`);
}
