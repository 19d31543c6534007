import type { EventData } from '#events/catalog.ts';
import type { EventMetadataValue } from '#events/envelope.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent, type PendingEvent } from '#packages/core/bus/pending-event.ts';
import { sendOnce } from '#packages/core/bus/send-once.ts';
import { nowIso } from '#packages/core/clock.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { sendEmail } from '#packages/mail/ses-mailer.ts';
import { readSchedule, scheduleWrite } from './attendee-schedule.ts';
import { firstOverlap, rankOf } from './slots.ts';

type Outcome = 'kept' | 'dropped_conflict' | 'dropped_canceled' | 'skipped';

/**
 * A scheduled session moved or was canceled: each of its confirmed
 * registrations (read from the session's own partition, strongly) is
 * re-checked. Policy: the session that moved gives way — an attendee whose
 * other confirmed session now overlaps it loses THIS registration (canceled,
 * reason `schedule_conflict`; the seat goes to the waitlist through
 * `session.seat_released`) and is mailed; otherwise the new times replace the
 * slot on their schedule item. A canceled session drops every registration
 * (`session_canceled`) and its slots. Each change is conditioned on the
 * registration's state and the schedule's revision, so a redelivery finds
 * nothing left to do.
 */
export async function rescheduleRegistrations(metadata: Pick<EventMetadataValue, 'id' | 'correlationId'>, moved: EventData<'session.rescheduled'>) {
  const { data: session } = await db().entities.session.get({ eventId: moved.eventId, sessionId: moved.sessionId }).go({ consistent: true });
  if (!session) return { kept: 0, dropped: 0 };
  // The session may have moved again since: use its times now (a later event re-runs this anyway).
  const slot = { sessionId: moved.sessionId, startsAt: session.startsAt, endsAt: session.endsAt };
  const regs = await db().entities.sessionRegistration.query.byId({ sessionId: moved.sessionId }).go({ pages: 'all', consistent: true });
  let kept = 0;
  let dropped = 0;
  for (const reg of regs.data.filter((r) => r.state === 'confirmed')) {
    const outcome = await withRaceRetries(async (): Promise<Outcome | typeof RETRY> => {
      const schedule = await readSchedule(reg.ticketId, reg.eventId);
      const others = schedule.slots.filter((s) => s.sessionId !== reg.sessionId);
      const clash = session.state === 'scheduled' ? firstOverlap(others, slot) : undefined;
      const at = nowIso();
      if (session.state === 'scheduled' && !clash) {
        const current = schedule.slots.find((s) => s.sessionId === reg.sessionId);
        if (current && current.startsAt === slot.startsAt && current.endsAt === slot.endsAt) return 'kept';
        const result = await db().transaction.write((e) => [scheduleWrite(e, schedule, [...others, slot])]).go();
        return result.canceled ? RETRY : 'kept';
      }
      const reason = clash ? 'schedule_conflict' : 'session_canceled';
      const tx = namedTransaction<'registration' | 'seat' | 'schedule'>();
      const e = tx.entities;
      tx.add(
        'registration',
        e.sessionRegistration
          .patch({ sessionId: reg.sessionId, ticketId: reg.ticketId })
          .set({ state: 'canceled', position: 0, rank: rankOf(0), reason, updatedAt: at })
          .where((a, op) => op.eq(a.state, 'confirmed'))
          .commit(),
      )
        .add('seat', e.sessionSeats.patch({ sessionId: reg.sessionId }).add({ taken: -1 }).commit())
        .add('schedule', scheduleWrite(e, schedule, others));
      const events: PendingEvent[] = clash
        ? [domainEvent('session.seat_released', { eventId: reg.eventId, sessionId: reg.sessionId, ticketId: reg.ticketId, reason: 'schedule_conflict' }, metadata)]
        : [];
      const result = await transactWithEvents(() => tx.items, events);
      if (result.canceled) return tx.rejected(result, 'registration') ? 'skipped' : RETRY;
      return clash ? 'dropped_conflict' : 'dropped_canceled';
    }, 15);
    if (outcome === RETRY) throw new Error(`reschedule: registration ${reg.sessionId}/${reg.ticketId} kept losing races`);
    if (outcome === 'kept' || outcome === 'skipped') {
      kept += outcome === 'kept' ? 1 : 0;
      continue;
    }
    dropped++;
    await tellAttendee(metadata.id, reg.ticketId, session.title, outcome === 'dropped_conflict' ? 'conflict' : 'canceled');
  }
  return { kept, dropped };
}

/** One mail per (schedule change, ticket): the claim is written first, dropped if SES refuses. */
async function tellAttendee(changeId: string, ticketId: string, title: string, why: 'conflict' | 'canceled'): Promise<void> {
  await sendOnce('session-reschedule-mail', `${changeId}#${ticketId}`, async () => {
    const { data: ticket } = await db().entities.ticket.get({ ticketId }).go();
    const to = ticket?.attendeeEmail ?? ticket?.holderEmail;
    if (!to) return;
    const text =
      why === 'conflict'
        ? `"${title}" has moved and now overlaps another session you are confirmed for. Your place in "${title}" was released; register again for another time or session.`
        : `"${title}" has been canceled. Your registration for it was released.`;
    await sendEmail({ to, subject: why === 'conflict' ? `Schedule change: ${title}` : `Canceled: ${title}`, text, html: `<p>${text.replace(/[<>&]/g, '')}</p>` });
  });
}
