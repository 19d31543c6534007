import { invalid } from '#packages/core/errors.ts';
import { recordPayment } from '#packages/features/sponsors/invoice-service.ts';
import { recordSponsorPayment as route } from '#packages/features/sponsors/routes.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx, event }) => {
  // Money is recorded once: a retry must carry the same key to be answered from it.
  if (!event.headers?.['idempotency-key'] && !event.headers?.['Idempotency-Key']) throw invalid('idempotency_key_required', 'Recording a payment needs an Idempotency-Key header');
  return created(await recordPayment(params.id, params.sponsorshipId, body, ctx));
});
