import { signUpGuest as route } from '#packages/features/guest-lists/routes.ts';
import { signUpThroughLink } from '#packages/features/guest-lists/add-guest.ts';
import { publicLinkLimits } from '#packages/features/promoters/index.ts';
import { takeRateLimits } from '#packages/core/rate-limit.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx, event }) => {
  await takeRateLimits([
    { rule: publicLinkLimits.signUpPerIp, subject: event.requestContext?.http?.sourceIp ?? 'unknown' },
    { rule: publicLinkLimits.signUpPerLink, subject: params.slug.toLowerCase() },
  ]);
  return created(await signUpThroughLink(params.slug, body, ctx));
});
