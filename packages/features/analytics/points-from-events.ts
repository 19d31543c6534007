import type { EventData } from '#events/catalog.ts';
import type { SesEventRecord } from '#events/ses.ts';
import type { Dimensions, MetricPoint } from './metrics.ts';

type Paid = EventData<'order.paid'>;
type Refunded = EventData<'order.refunded'>;

/** An order's dimensions: its event, its last touch's channel, promoter, campaign and UTM (the order's own UTM first). */
export function orderDimensions(order: Paid | Refunded): Dimensions {
  const last = order.attribution?.lastTouch;
  const utm = order.utm ?? last?.utm;
  return {
    event: order.eventId,
    channel: last?.channel ?? (order.promoter ? 'promoter' : order.utm ? 'utm' : 'direct'),
    promoter: order.promoter?.promoterId ?? last?.promoterId,
    campaign: last?.campaignId,
    utmSource: utm?.source,
    utmMedium: utm?.medium,
    utmCampaign: utm?.campaign,
  };
}

export function paidPoints(paid: Paid): MetricPoint[] {
  const dims = orderDimensions(paid);
  const at = paid.paidAt;
  const perType = new Map<string, number>();
  for (const t of paid.tickets) perType.set(t.ticketTypeId, (perType.get(t.ticketTypeId) ?? 0) + 1);
  return [
    { metric: 'orders', at, value: 1, dims },
    { metric: 'revenue', currency: paid.total.currency, at, value: paid.total.amount, dims },
    ...[...perType].map(([ticketType, n]): MetricPoint => ({ metric: 'tickets_sold', at, value: n, dims: { ...dims, ticketType } })),
  ];
}

/** `at`: when the refund was published (the event's occurredAt); the order event carries no refund time. */
export function refundPoints(refunded: Refunded, at: string): MetricPoint[] {
  const dims = orderDimensions(refunded);
  const { amount, currency } = refunded.amount;
  return [
    { metric: 'revenue', currency, at, value: -amount, dims },
    { metric: 'refunds', currency, at, value: amount, dims },
    ...(refunded.full ? [{ metric: 'tickets_refunded', at, value: refunded.admissions, dims } satisfies MetricPoint] : []),
  ];
}

export function checkInPoints(scan: EventData<'ticket.checked_in'>): MetricPoint[] {
  if (scan.duplicate || scan.type !== 'entry') return [];
  return [{ metric: 'check_ins', at: scan.scannedAt, value: 1, dims: { event: scan.eventId, ticketType: scan.ticketTypeId } }];
}

export function visitPoints(visit: EventData<'visit.recorded'>): MetricPoint[] {
  return [
    {
      metric: 'visits',
      at: visit.at,
      value: 1,
      dims: {
        event: visit.eventId,
        channel: visit.touch.channel,
        promoter: visit.touch.promoterId,
        campaign: visit.touch.campaignId,
        utmSource: visit.touch.utm?.source,
        utmMedium: visit.touch.utm?.medium,
        utmCampaign: visit.touch.utm?.campaign,
      },
    },
  ];
}

export function leadPoints(at: string, leadSource: string | undefined): MetricPoint[] {
  return [{ metric: 'leads_created', at, value: 1, dims: { leadSource: leadSource ?? 'none' } }];
}

const SES_METRIC = { Delivery: 'emails_delivered', Open: 'emails_opened', Click: 'emails_clicked' } as const;

/** A campaign mail's delivery, open or click; bounces and complaints are not counted here. */
export function sesPoints(record: SesEventRecord, campaignId: string | undefined): MetricPoint[] {
  const at =
    record.eventType === 'Delivery' ? record.delivery.timestamp : record.eventType === 'Open' ? record.open.timestamp : record.eventType === 'Click' ? record.click.timestamp : undefined;
  if (!at || !(record.eventType in SES_METRIC)) return [];
  const metric = SES_METRIC[record.eventType as keyof typeof SES_METRIC];
  return [{ metric, at: new Date(at).toISOString(), value: 1, dims: { campaign: campaignId ?? 'none', channel: 'campaign' } }];
}

/**
 * SES's own records carry no id of ours, and SES may publish one twice under
 * two EventBridge ids: the dedupe key is the message, the kind and SES's time.
 */
export function sesPointSource(record: SesEventRecord): string {
  const at = record.eventType === 'Delivery' ? record.delivery.timestamp : record.eventType === 'Open' ? record.open.timestamp : record.eventType === 'Click' ? record.click.timestamp : '';
  return `ses:${record.mail.messageId}:${record.eventType}:${at}`;
}
