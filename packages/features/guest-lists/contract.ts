import * as z from 'zod/mini';
import { Email, IsoDateTime, ListQuery, Timestamps, Ulid } from '#packages/core/common-schemas.ts';
import { PHONE_RULE, toE164 } from '#packages/core/phone.ts';

const TierId = z.string().check(z.regex(/^[a-z0-9_-]{1,32}$/, 'lower-case letters, digits, - and _'));

export const CreateGuestList = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    tiers: z
      .array(
        z.object({
          tierId: z.optional(TierId),
          name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
          quota: z.int().check(z.minimum(1), z.maximum(10_000)),
          /** No additions after this time (server clock). */
          deadline: IsoDateTime,
        }),
      )
      .check(z.minLength(1), z.maxLength(20)),
  })
  .register(z.globalRegistry, { id: 'CreateGuestList' });

export const GuestList = z
  .object({
    id: Ulid,
    eventId: Ulid,
    name: z.string(),
    tiers: z.array(
      z.object({
        tierId: z.string(),
        name: z.string(),
        quota: z.int(),
        deadline: IsoDateTime,
        /** Places taken; organisers only (a promoter never sees the list's totals). */
        taken: z.optional(z.int()),
      }),
    ),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'GuestList' });

const Phone = z.string().check(z.trim(), z.maxLength(32), z.refine((v) => toE164(v) !== undefined, PHONE_RULE));

const guestFields = {
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  email: z.optional(Email),
  phone: z.optional(Phone),
};
const emailOrPhone = z.refine<{ email?: string | undefined; phone?: string | undefined }>((g) => g.email !== undefined || g.phone !== undefined, {
  message: 'give an email or a phone',
});

export const AddGuest = z
  .object({
    tierId: TierId,
    /** Organisers name the promoter; a promoter adds to its own list and may leave it out. */
    promoterId: z.optional(Ulid),
    ...guestFields,
  })
  .check(emailOrPhone)
  .register(z.globalRegistry, { id: 'AddGuest' });

export const GuestSignUp = z.object(guestFields).check(emailOrPhone).register(z.globalRegistry, { id: 'GuestSignUp' });

export const GuestStatus = z.enum(['expected', 'checked_in', 'no_show']);

export const Guest = z
  .object({
    id: Ulid,
    eventId: Ulid,
    guestListId: Ulid,
    tierId: z.string(),
    promoterId: Ulid,
    name: z.string(),
    email: z.optional(z.string()),
    phone: z.optional(z.string()),
    /** Scanned at the door like a ticket code (POST /v1/events/{id}/check-ins). */
    code: z.string(),
    source: z.enum(['promoter', 'link']),
    /** `no_show`: the event is over and the guest never came in. */
    status: GuestStatus,
    checkedInAt: z.optional(IsoDateTime),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Guest' });

export const GuestListQuery = z.extend(ListQuery, { status: z.optional(GuestStatus) });
export const PromoterGuestsQuery = z.extend(ListQuery, { eventId: z.optional(Ulid) });

export type CreateGuestListInput = z.infer<typeof CreateGuestList>;
export type GuestListView = z.infer<typeof GuestList>;
export type AddGuestInput = z.infer<typeof AddGuest>;
export type GuestSignUpInput = z.infer<typeof GuestSignUp>;
export type GuestView = z.infer<typeof Guest>;
