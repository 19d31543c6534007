import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { DomainError } from '#packages/core/errors.ts';
import { toE164 } from '#packages/core/phone.ts';
import { adoptEmail } from './adopt-email.ts';
import { createContact } from './contact-service.ts';
import { contactsWithPhone } from './phone-lookup.ts';
import { phoneOwnerClaim, phoneOwnerOf, requireEmailOrPhone } from './phone-owner.ts';

export interface PersonInput {
  /** At least one of email and phone (an unparseable phone counts as none). */
  email?: string | undefined;
  phone?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  /** A new contact's lead source (`attendee` when omitted); an existing contact keeps its own. */
  leadSource?: string | undefined;
}

/** The person's keys as contacts store them: the email lower-cased, the phone in E.164. */
export function personKeys(person: Pick<PersonInput, 'email' | 'phone'>): { email?: string; phone?: string } {
  const email = person.email?.trim().toLowerCase() || undefined;
  const phone = person.phone ? toE164(person.phone) : undefined;
  return { ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
}

/**
 * The contact a person is, found without creating: by the email's guard,
 * else by the phone's identity (phone-owner.ts).
 */
export async function findContactOfPerson(person: Pick<PersonInput, 'email' | 'phone'>): Promise<string | undefined> {
  const { email, phone } = personKeys(person);
  if (email) {
    const { data } = await db().entities.contactEmail.get({ email }).go({ consistent: true });
    if (data) return data.contactId;
  }
  return phone ? phoneOwnerOf(phone) : undefined;
}

/** The one contact already holding `phone` claims its identity (so later phone-only guests find it by key); undefined when none or several. */
async function joinByPhone(phone: string): Promise<string | undefined> {
  const live = await contactsWithPhone(phone);
  if (live.length !== 1) return undefined;
  const claimed = await db().transaction.write((e) => [phoneOwnerClaim(e, live[0]!, phone)]).go();
  return claimed.canceled ? undefined : live[0];
}

/** One round of ensureContact: the contact found or joined, or undefined to try creating it. */
async function existing(email: string | undefined, phone: string | undefined, ctx: RequestContext): Promise<string | undefined> {
  if (email) {
    const { data: guard } = await db().entities.contactEmail.get({ email }).go({ consistent: true });
    if (guard) return guard.contactId;
  }
  if (!phone) return undefined;
  const owner = await phoneOwnerOf(phone);
  // The merge rule (phone-owner.ts): the phone-only contact takes the email it now gives.
  if (owner && (!email || (await adoptEmail(owner, email, ctx)))) return owner;
  if (!owner && !email) return joinByPhone(phone);
  return undefined;
}

/**
 * The contact of a person named somewhere else (a ticket's attendee, a
 * speaker, a guest, a table's booker), deduplicated by email through the
 * email guard and, for someone known only by phone, through the phone's
 * identity: the existing contact's id, or a new contact. Two callers creating
 * one person at once: the guard lets one win and the other reads its id.
 */
export async function ensureContact(person: PersonInput, ctx: RequestContext): Promise<{ contactId: string; created: boolean }> {
  const { email, phone } = personKeys(person);
  requireEmailOrPhone(email, phone);
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await existing(email, phone, ctx);
    if (found) return { contactId: found, created: false };
    try {
      const contact = await createContact(
        {
          ...(email ? { email } : {}),
          ...(phone ? { phone } : {}),
          ...(person.firstName ? { firstName: person.firstName } : {}),
          ...(person.lastName ? { lastName: person.lastName } : {}),
          leadSource: person.leadSource ?? 'attendee',
        },
        ctx,
      );
      return { contactId: contact.id, created: true };
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
    }
  }
  throw new Error(`ensureContact: no contact for ${email ?? phone} after 5 attempts`);
}
