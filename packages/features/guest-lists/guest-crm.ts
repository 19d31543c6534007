import type { EventData } from '#events/catalog.ts';
import type { EventMetadataValue } from '#events/envelope.ts';
import { db } from '#packages/core/db/service.ts';
import { ensureContact, findContactOfPerson, personKeys } from '#packages/features/contacts/index.ts';

/**
 * guest.added: the guest becomes a contact — found by email, or for a guest
 * known only by phone by the phone's identity (one contact per number however
 * many lists and redeliveries; contacts/phone-owner.ts) — with lead source
 * `promoter:<code>` (an existing contact keeps its own source), and gets a
 * timeline line, keyed by the guest so a redelivery overwrites it. A guest
 * with neither an email nor a usable phone stays on the list, out of the CRM.
 */
export async function recordGuestAdded(metadata: Pick<EventMetadataValue, 'correlationId' | 'occurredAt'>, guest: EventData<'guest.added'>): Promise<void> {
  const keys = personKeys(guest);
  if (!keys.email && !keys.phone) return;
  const [firstName, ...rest] = guest.name.trim().split(/\s+/);
  const { contactId } = await ensureContact(
    { ...keys, firstName, lastName: rest.length ? rest.join(' ') : undefined, leadSource: `promoter:${guest.promoterCode.toLowerCase()}` },
    { actorId: `promoter:${guest.promoterId}`, correlationId: metadata.correlationId },
  );
  await db()
    .entities.timelineEntry.put({
      entryId: `guest.added:${guest.guestId}`,
      contactId,
      occurredAt: new Date(metadata.occurredAt).toISOString(),
      kind: 'guest.added',
      summary: `On promoter ${guest.promoterCode}'s guest list (${guest.source === 'link' ? 'signed up through the link' : 'added by the promoter'})`,
      refType: 'guest',
      refId: guest.guestId,
      data: { guestId: guest.guestId, eventId: guest.eventId, guestListId: guest.guestListId, tierId: guest.tierId, promoterId: guest.promoterId },
    })
    .go();
}

/** guest.checked_in: a timeline line on the guest's contact. */
export async function recordGuestCheckedIn(admitted: EventData<'guest.checked_in'>): Promise<void> {
  const keys = personKeys(admitted);
  if (!keys.email && !keys.phone) return;
  const contactId = await findContactOfPerson(keys);
  if (!contactId) throw new Error(`no contact yet for guest ${admitted.guestId}; retried until guest.added has made it`);
  await db()
    .entities.timelineEntry.put({
      entryId: `guest.checked_in:${admitted.guestId}`,
      contactId,
      occurredAt: admitted.checkedInAt,
      kind: 'guest.checked_in',
      summary: `Checked in from the guest list at ${admitted.deviceId}`,
      refType: 'guest',
      refId: admitted.guestId,
      data: { guestId: admitted.guestId, eventId: admitted.eventId, guestListId: admitted.guestListId, tierId: admitted.tierId, promoterId: admitted.promoterId },
    })
    .go();
}
