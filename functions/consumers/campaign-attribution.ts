import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { attributePaidOrder, attributeRefund } from '#packages/features/campaigns/attribution.ts';

/** Orders that came through a campaign link (recipient token), paid within the window → the campaign's revenue, net of refunds. */
export const handler = consumerHandler(consumers.campaignAttribution, async (event) => {
  switch (event.detailType) {
    case 'order.paid':
      await attributePaidOrder(event.data);
      break;
    case 'order.refunded':
      await attributeRefund(event.data);
      break;
  }
});
