import type { RateLimitRule } from '#packages/core/rate-limit.ts';

/**
 * Limits on the anonymous promoter-link routes, per client ip and per link.
 * Generous per ip: a club's queue shares a carrier's NAT or the venue's wifi.
 * Per link, they cap what one script can stuff into one promoter's clicks or
 * guest list. `RATE_LIMIT_<NAME>` overrides a limit (e.g. RATE_LIMIT_GUEST_SIGNUP_PER_IP=300).
 */
export const publicLinkLimits = {
  clickPerIp: { name: 'link-click-per-ip', limit: 120, windowSeconds: 60 },
  clickPerLink: { name: 'link-click-per-link', limit: 1200, windowSeconds: 60 },
  signUpPerIp: { name: 'guest-signup-per-ip', limit: 60, windowSeconds: 60 },
  signUpPerLink: { name: 'guest-signup-per-link', limit: 300, windowSeconds: 60 },
} as const satisfies Record<string, RateLimitRule>;
