import type { EventData, PromoterAttribution } from '#events/catalog.ts';
import { admissionsOf, type OrderItem } from './order-item.ts';

type OrderStatus = OrderItem['status'];
type OrderTouches = EventData<'order.created'>;

/** The common part of every order.* event. */
export function orderSummary(order: OrderItem, status: OrderStatus = order.status): EventData<'order.created'> {
  const { email, firstName, lastName, phone } = order.buyer;
  return {
    orderId: order.orderId,
    eventId: order.eventId,
    status,
    buyer: { email, ...(firstName ? { firstName } : {}), ...(lastName ? { lastName } : {}), ...(phone ? { phone } : {}) },
    total: order.total,
    admissions: admissionsOf(order),
    ...(order.voucherCode ? { voucherCode: order.voucherCode } : {}),
    ...(order.promoterCode ? { promoterCode: order.promoterCode } : {}),
    ...(order.campaignToken ? { campaignToken: order.campaignToken } : {}),
    ...(order.utm ? { utm: order.utm as OrderTouches['utm'] } : {}),
    ...(order.attribution ? { attribution: order.attribution as OrderTouches['attribution'] } : {}),
    ...(order.promoter ? { promoter: order.promoter as PromoterAttribution } : {}),
    ...(order.marketingConsent ? { marketingConsent: order.marketingConsent } : {}),
  };
}
