import type { EventData } from '#events/catalog.ts';
import type { EventMetadataValue } from '#events/envelope.ts';
import { db } from '#packages/core/db/service.ts';
import { DomainError } from '#packages/core/errors.ts';
import { createContact } from '#packages/features/contacts/index.ts';

/** Contacts are keyed by email: a guest known only by phone stays on the list, out of the CRM. */
async function contactIdOf(email: string): Promise<string | undefined> {
  const { data } = await db().entities.contactEmail.get({ email }).go({ consistent: true });
  return data?.contactId;
}

/**
 * guest.added: the guest becomes a contact (lead source `promoter:<code>`;
 * an existing contact keeps its own source) and gets a timeline line, keyed
 * by the guest so a redelivery overwrites it.
 */
export async function recordGuestAdded(metadata: Pick<EventMetadataValue, 'correlationId' | 'occurredAt'>, guest: EventData<'guest.added'>): Promise<void> {
  if (!guest.email) return;
  let contactId = await contactIdOf(guest.email);
  if (!contactId) {
    const [firstName, ...rest] = guest.name.split(/\s+/);
    try {
      const created = await createContact(
        {
          email: guest.email,
          ...(firstName ? { firstName } : {}),
          ...(rest.length ? { lastName: rest.join(' ') } : {}),
          ...(guest.phone ? { phone: guest.phone } : {}),
          leadSource: `promoter:${guest.promoterCode.toLowerCase()}`,
        },
        { actorId: `promoter:${guest.promoterId}`, correlationId: metadata.correlationId },
      );
      contactId = created.id;
    } catch (error) {
      // Created meanwhile (a purchase, a redelivery): use that one.
      if (!(error instanceof DomainError && error.code === 'duplicate')) throw error;
      contactId = await contactIdOf(guest.email);
      if (!contactId) throw error;
    }
  }
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
  if (!admitted.email) return;
  const contactId = await contactIdOf(admitted.email);
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
