/**
 * The floor a registration cannot beat here: ONE TransactWriteItems per
 * registration of the very items register() writes for a first
 * registration (packages/features/sessions/registration-writes.ts): the seat
 * counter's conditional ADD on one of `sessions` counters (the same hot
 * items a burst of registrations hits), the registration Put if absent, the
 * attendee schedule's create, the ConditionCheck that the session is still
 * scheduled, the `session.registered` outbox row, and the audit item the
 * kit's interceptor adds (same builder, bench/lib/floor-shape.ts). Built
 * beforehand, so only the round trips are timed (bench/lib/transaction-floor.ts);
 * a TransactionConflict on the hot counter is retried, as the service does.
 */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { outboxPut } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { readSession, type SessionItem } from '#packages/features/agenda/index.ts';
import { scheduleWrite } from '#packages/features/sessions/attendee-schedule.ts';
import { registrationPut, seatTake, sessionUnchanged } from '#packages/features/sessions/registration-writes.ts';
import { register as registerRoute } from '#packages/features/sessions/routes.ts';
import { anonymousScope, withAuditItem } from '../lib/floor-shape.ts';
import { NEVER_RELAYED } from '../lib/transaction-floor.ts';

/** `count` registrations of fresh tickets (no schedule yet), ticket i → session i mod sessions; `contactId` as the real tickets carry it. */
export async function sessionFloorTransactions(eventId: string, sessionIds: readonly string[], count: number, contactId: string | undefined): Promise<TransactWriteCommandInput[]> {
  const sessions: SessionItem[] = await Promise.all(sessionIds.map((id) => readSession(eventId, id, true)));
  return Array.from({ length: count }, (_, i) => {
    const session = sessions[i % sessions.length]!;
    const { sessionId } = session;
    const ticketId = newId();
    const at = nowIso();
    const slot = { sessionId, startsAt: session.startsAt, endsAt: session.endsAt };
    const event = domainEvent('session.registered', { eventId, sessionId, ticketId, ...(contactId ? { contactId } : {}), status: 'confirmed' }, { correlationId: newId() });
    const transaction = db()
      .transaction.write((e) => [
        seatTake(e, sessionId),
        registrationPut(e, { sessionId, ticketId, eventId, contactId, state: 'confirmed', position: 0, at }),
        scheduleWrite(e, { ticketId, eventId, slots: [], rev: null }, [slot]),
        sessionUnchanged(e, session),
        outboxPut(e, { ...event, occurredAt: NEVER_RELAYED }),
      ])
      .params() as TransactWriteCommandInput;
    return withAuditItem(transaction, anonymousScope(registerRoute));
  });
}
