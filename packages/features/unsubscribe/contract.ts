import * as z from 'zod/mini';

/** Signed tokens are ≈ 110 URL-safe characters; the bound keeps junk out before any work. */
export const UnsubscribeParams = z.object({ token: z.string().check(z.minLength(1), z.maxLength(512)) });

export const UnsubscribeResult = z
  .object({ status: z.enum(['unsubscribed', 'already_unsubscribed']) })
  .register(z.globalRegistry, { id: 'UnsubscribeResult' });
