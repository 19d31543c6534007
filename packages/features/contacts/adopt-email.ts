import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { bump } from '#packages/core/db/revisions.ts';
import { db } from '#packages/core/db/service.ts';
import { toE164 } from '#packages/core/phone.ts';
import { phoneOwnerOf } from './phone-owner.ts';

/**
 * A contact known by phone only gives an email (a guest or booker met again
 * with both): the same contact takes it — the email guard created and the
 * contact patched only while it still has no email, in one transaction, so
 * two deliveries with two addresses cannot both land and an address another
 * contact holds is never taken. False when the contact has an email (or is
 * gone, trashed) or the address is another contact's: the caller then goes
 * by the email.
 */
export async function adoptEmail(contactId: string, email: string, ctx: Pick<RequestContext, 'actorId' | 'correlationId'>): Promise<boolean> {
  const at = nowIso();
  const result = await transactWithEvents(
    (e) => [
      e.contactEmail.create({ email, contactId }).commit(),
      e.contact
        .patch({ contactId })
        .set({ email, updatedAt: at })
        .add(bump)
        .where((a, op) => `${op.notExists(a.email)} AND ${op.eq(a.state, 'active')}`)
        .commit(),
    ],
    [domainEvent('contact.updated', { contactId, reason: 'fields', fields: ['email'] }, ctx)],
  );
  if (!result.canceled) return true;
  const { data } = await db().entities.contact.get({ contactId }).go({ consistent: true, attributes: ['email'] });
  return data?.email === email;
}

/**
 * Someone met with an email and a phone (a buyer): when the email names no
 * contact yet and the phone names a contact known by phone only, that contact
 * takes the email, so what follows (a purchase) lands on it.
 */
export async function adoptEmailByPhone(email: string, phone: string | undefined, ctx: Pick<RequestContext, 'actorId' | 'correlationId'>): Promise<void> {
  const e164 = phone ? toE164(phone) : undefined;
  if (!e164) return;
  const { data: guard } = await db().entities.contactEmail.get({ email }).go({ consistent: true });
  if (guard) return;
  const owner = await phoneOwnerOf(e164);
  if (owner) await adoptEmail(owner, email, ctx);
}
