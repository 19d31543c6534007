import type { RateLimitRule } from '#packages/core/rate-limit.ts';

/**
 * Limits on the anonymous visit route, per client ip and per event, like the
 * promoter-link clicks (a venue's wifi shares one ip): they cap what one
 * script can stuff into an event's visits. `RATE_LIMIT_<NAME>` overrides one.
 */
export const publicVisitLimits = {
  visitPerIp: { name: 'visit-per-ip', limit: 120, windowSeconds: 60 },
  visitPerEvent: { name: 'visit-per-event', limit: 3000, windowSeconds: 60 },
} as const satisfies Record<string, RateLimitRule>;
