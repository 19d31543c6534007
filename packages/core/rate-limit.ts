import { createHash } from 'node:crypto';
import { isConditionFailure } from './db/conditions.ts';
import { db } from './db/service.ts';
import { rateLimited } from './errors.ts';

/** A limit: at most `limit` requests per `windowSeconds` for one subject. `RATE_LIMIT_<NAME>` (upper case, `-` → `_`) overrides `limit`. */
export interface RateLimitRule {
  name: string;
  limit: number;
  windowSeconds: number;
}

function limitOf(rule: RateLimitRule): number {
  const override = Number(process.env[`RATE_LIMIT_${rule.name.toUpperCase().replace(/-/g, '_')}`]);
  return Number.isInteger(override) && override > 0 ? override : rule.limit;
}

/** A subject as it is stored: hashed, so the table keeps no client ip in plain text (the window's item expires anyway). */
const subjectKey = (rule: RateLimitRule, subject: string) => `${rule.name}#${createHash('sha256').update(subject).digest('base64url').slice(0, 22)}`;

/**
 * Counts one request against each (rule, subject), or refuses with 429
 * `rate_limited` and `Retry-After` (the seconds until the window reopens).
 * Each count is ONE UpdateItem: ADD 1 conditioned on the count being under
 * the limit, in DynamoDB, so all Lambda instances share it — never a counter
 * in a process's memory. Fixed windows: a client may send up to twice the
 * limit across a window's edge, which these limits (abuse guards) allow.
 */
export async function takeRateLimits(takes: ReadonlyArray<{ rule: RateLimitRule; subject: string }>, nowMs = Date.now()): Promise<void> {
  const nowSeconds = Math.floor(nowMs / 1000);
  const refusals = await Promise.all(
    takes.map(async ({ rule, subject }) => {
      const windowStart = nowSeconds - (nowSeconds % rule.windowSeconds);
      const limit = limitOf(rule);
      try {
        await db()
          .entities.rateWindow.update({ key: subjectKey(rule, subject), windowStart })
          .add({ count: 1 })
          .set({ ttl: windowStart + 2 * rule.windowSeconds })
          .where((a, op) => `${op.notExists(a.count)} OR ${op.lt(a.count, limit)}`)
          .go({ response: 'none' });
        return null;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        return { rule, retryAfter: Math.max(1, windowStart + rule.windowSeconds - nowSeconds) };
      }
    }),
  );
  const refused = refusals.filter((r) => r !== null);
  if (refused.length) {
    const retryAfter = Math.max(...refused.map((r) => r.retryAfter));
    throw rateLimited('rate_limited', `Too many requests (${refused.map((r) => r.rule.name).join(', ')}); try again in ${retryAfter} s`, { retryAfter });
  }
}
