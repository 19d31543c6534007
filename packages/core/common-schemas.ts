import * as z from 'zod/mini';

export const Ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID'));

/** Trimmed and lower-cased before validation, so " Ana@X.com " and "ana@x.com" are one contact. */
export const Email = z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254), z.email());

export const IsoDateTime = z.iso.datetime({ offset: true });

export const Currency = z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'));

export const Money = z
  .object({
    amount: z.int().check(z.minimum(0)),
    currency: Currency,
  })
  .register(z.globalRegistry, { id: 'Money', description: 'Integer minor units and an ISO 4217 currency' });

export const IdParams = z.object({ id: Ulid });

export const ListQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

export const listOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

export const Timestamps = {
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

/** A resource whose edits are versioned (packages/core/db/revisions.ts): its revision is also its `ETag`. */
export const Revision = {
  revision: z.optional(z.int().check(z.minimum(0))),
};

/**
 * Extension members (`existingId`, `refundable`, `orderStatus`, …) sit beside
 * the standard ones, so the schema allows more properties (RFC 9457 §3.2);
 * the standard members are never overwritten by them.
 */
export const Problem = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.optional(z.string()),
    code: z.string(),
    errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  })
  .register(z.globalRegistry, { id: 'Problem', description: 'RFC 9457 problem details' });

/** Object check: when both times are present, `start` is strictly before `end` (error on `end`). */
export const timesInOrder = <A extends string, B extends string>(start: A, end: B) =>
  z.refine<Partial<Record<A | B, string | undefined>>>(
    (v) => {
      const a = v[start];
      const b = v[end];
      return a === undefined || b === undefined || Date.parse(a) < Date.parse(b);
    },
    { message: `must be after ${start}`, path: [end] },
  );
