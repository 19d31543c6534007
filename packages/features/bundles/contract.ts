import * as z from 'zod/mini';
import { Money, Timestamps, Ulid } from '#packages/core/common-schemas.ts';

const BundleItem = z.object({ ticketTypeId: Ulid, quantity: z.int().check(z.minimum(1), z.maximum(20)) });

export const CreateBundle = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    items: z.array(BundleItem).check(z.minLength(1), z.maxLength(10)),
    /** The bundle's price; the discount shown is the components' list price minus this. */
    price: Money,
    maxPerOrder: z._default(z.int().check(z.minimum(1), z.maximum(20)), 10),
  })
  .register(z.globalRegistry, { id: 'CreateBundle' });

export const Bundle = z
  .object({
    id: Ulid,
    eventId: Ulid,
    name: z.string(),
    items: z.array(BundleItem),
    price: Money,
    listPrice: Money,
    discount: Money,
    maxPerOrder: z.int(),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Bundle' });

export type CreateBundleInput = z.infer<typeof CreateBundle>;
export type BundleView = z.infer<typeof Bundle>;
