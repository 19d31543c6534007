import * as z from 'zod/mini';
import { Timestamps, Revision, Ulid } from '#packages/core/common-schemas.ts';

const Address = z.object({
  line1: z.optional(z.string().check(z.maxLength(200))),
  city: z.optional(z.string().check(z.maxLength(100))),
  postalCode: z.optional(z.string().check(z.maxLength(20))),
  country: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'))),
});

export const CreateVenue = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    address: z.optional(Address),
    timezone: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    capacity: z.optional(z.int().check(z.minimum(1))),
  })
  .register(z.globalRegistry, { id: 'CreateVenue' });

export const UpdateVenue = z.partial(CreateVenue).register(z.globalRegistry, { id: 'UpdateVenue' });

export const Venue = z
  .object({
    id: Ulid,
    name: z.string(),
    address: z.optional(Address),
    timezone: z.optional(z.string()),
    capacity: z.optional(z.int()),
    publishedEventsCount: z.int(),
    ...Timestamps,
    ...Revision,
  })
  .register(z.globalRegistry, { id: 'Venue' });

export type CreateVenueInput = z.infer<typeof CreateVenue>;
export type UpdateVenueInput = z.infer<typeof UpdateVenue>;
export type VenueView = z.infer<typeof Venue>;
