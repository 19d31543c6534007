import * as z from 'zod/mini';
import { IsoDateTime, ListQuery, Money, Timestamps, Ulid } from './common.ts';

/** Trimmed and lower-cased before validation, so " Ana@X.com " and "ana@x.com" are one contact. */
export const Email = z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254), z.email());

const contactFields = {
  email: Email,
  firstName: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  lastName: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  phone: z.optional(z.string().check(z.trim(), z.maxLength(32))),
  tags: z.optional(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))).check(z.maxLength(50))),
};

export const CreateContact = z.object(contactFields).register(z.globalRegistry, { id: 'CreateContact' });

export const UpdateContact = z.partial(z.object(contactFields)).register(z.globalRegistry, { id: 'UpdateContact' });

export const Contact = z
  .object({
    id: Ulid,
    ...contactFields,
    createdBy: z.optional(z.string()),
    leadSource: z.optional(z.string()),
    ordersCount: z.int(),
    lifetimeValue: z.nullable(Money),
    lastPurchaseAt: z.optional(IsoDateTime),
    lastSeenAt: z.optional(IsoDateTime),
    eventsAttended: z.optional(z.int()),
    engagementScore: z.optional(z.int()),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Contact' });

export const ContactListQuery = z.extend(ListQuery, { email: z.optional(Email) });

export type CreateContactInput = z.infer<typeof CreateContact>;
export type UpdateContactInput = z.infer<typeof UpdateContact>;
export type ContactView = z.infer<typeof Contact>;
