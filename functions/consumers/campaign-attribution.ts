import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { attributePaidOrder, attributeRefund } from '#packages/core/campaigns/attribution.ts';

/** Orders that came through a campaign link (recipient token), paid within the window → the campaign's revenue, net of refunds. */
export const handler = consumerHandler('campaign-attribution', ['order.paid', 'order.refunded'], async (event) => {
  if (event.detailType === 'order.paid') await attributePaidOrder(event.data as never);
  else await attributeRefund(event.data as never);
});
