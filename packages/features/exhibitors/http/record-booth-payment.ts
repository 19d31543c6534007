import { invalid } from '#packages/core/errors.ts';
import { recordBoothPayment } from '#packages/features/exhibitors/booth-invoice.ts';
import { recordBoothPayment as route } from '#packages/features/exhibitors/routes.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx, event }) => {
  // Money is recorded once: a retry must carry the same key to be answered from it.
  if (!event.headers?.['idempotency-key'] && !event.headers?.['Idempotency-Key']) throw invalid('idempotency_key_required', 'Recording a payment needs an Idempotency-Key header');
  return created(await recordBoothPayment(params.id, params.exhibitorId, body, ctx));
});
