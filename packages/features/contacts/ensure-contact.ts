import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { DomainError } from '#packages/core/errors.ts';
import { createContact } from './contact-service.ts';

export interface PersonInput {
  email: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  /** A new contact's lead source (`attendee` when omitted); an existing contact keeps its own. */
  leadSource?: string | undefined;
}

/**
 * The contact of a person named somewhere else (a ticket's attendee, a
 * speaker), deduplicated by email through the email guard: the existing
 * contact's id, or a new contact. Two callers creating one email at once: the
 * guard lets one win and the other reads its id.
 */
export async function ensureContact(person: PersonInput, ctx: RequestContext): Promise<{ contactId: string; created: boolean }> {
  const email = person.email.trim().toLowerCase();
  for (let attempt = 0; attempt < 5; attempt++) {
    const { data: guard } = await db().entities.contactEmail.get({ email }).go({ consistent: true });
    if (guard) return { contactId: guard.contactId, created: false };
    try {
      const contact = await createContact(
        {
          email,
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
  throw new Error(`ensureContact: no contact for ${email} after 5 attempts`);
}
