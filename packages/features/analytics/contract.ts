import * as z from 'zod/mini';
import { Currency, Email, IsoDateTime, Ulid } from '#packages/core/common-schemas.ts';
import { DIMENSIONS, INTERVALS, METRICS } from './metrics.ts';

const FilterValue = z.string().check(z.minLength(1), z.maxLength(100));

export const MetricQueryParams = z.object({
  metric: z.enum(METRICS),
  from: IsoDateTime,
  to: IsoDateTime,
  interval: z.enum(INTERVALS),
  groupBy: z.optional(z.enum(DIMENSIONS)),
  /** Money metrics (revenue, refunds): the currency, required for them. */
  currency: z.optional(Currency),
  /** Filters (one at a time): an event's or a promoter's figures. */
  event: z.optional(FilterValue),
  promoter: z.optional(FilterValue),
});

const Point = z.object({ t: IsoDateTime, value: z.number() });

export const MetricSeriesResult = z
  .object({
    metric: z.enum(METRICS),
    currency: z.nullable(z.string()),
    interval: z.enum(INTERVALS),
    /** `from` floored to the interval. */
    from: IsoDateTime,
    /** Exclusive. */
    to: IsoDateTime,
    groupBy: z.nullable(z.enum(DIMENSIONS)),
    filters: z.object({ event: z.optional(z.string()), promoter: z.optional(z.string()) }),
    total: z.number(),
    /** One per value of the grouped dimension (largest total first), or one with key null; empty buckets left out. */
    series: z.array(z.object({ key: z.nullable(z.string()), total: z.number(), points: z.array(Point) })),
    /** Aggregate items read (≈ 275 B each: the RCU is about itemsRead / 30, eventually consistent; docs/access-patterns.md AN2). */
    itemsRead: z.int(),
  })
  .register(z.globalRegistry, { id: 'MetricSeries' });

const UtmWord = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

/** UTM parameters as a landing page read them from its URL. */
export const Utm = z
  .object({
    source: UtmWord,
    medium: UtmWord,
    campaign: UtmWord,
    term: z.optional(UtmWord),
    content: z.optional(UtmWord),
  })
  .register(z.globalRegistry, { id: 'Utm' });

export const RecordVisit = z
  .object({
    utm: z.optional(Utm),
    /** The token of a promoter link click (GET /v1/promoter-links/{slug}/click) the visitor came with. */
    promoterToken: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(128))),
    /** The visitor's email when the page knows it: a known contact's visit joins its journey. */
    email: z.optional(Email),
  })
  .register(z.globalRegistry, { id: 'RecordVisit' });

export const Visit = z
  .object({
    visitId: Ulid,
    /** Name it as `visitToken` on the order (within 30 days) to attribute the order to this visit. */
    token: z.string(),
    at: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'Visit' });

const Touch = z.object({
  channel: z.enum(['campaign', 'promoter', 'utm', 'direct']),
  at: IsoDateTime,
  campaignId: z.optional(z.string()),
  promoterId: z.optional(z.string()),
  utm: z.optional(Utm),
});

export const OrderAttribution = z
  .object({ firstTouch: Touch, lastTouch: Touch })
  .register(z.globalRegistry, { id: 'OrderAttribution' });

export const JourneyItem = z
  .object({
    id: z.string(),
    step: z.enum(['touch', 'order', 'refund', 'attendance', 'feedback']),
    /** The timeline line's kind: `visit.recorded`, `campaign.clicked`, `order.paid`, `ticket.checked_in`, `feedback.submitted`, … */
    kind: z.string(),
    occurredAt: IsoDateTime,
    summary: z.string(),
    ref: z.nullable(z.object({ type: z.string(), id: z.string() })),
    data: z.record(z.string(), z.unknown()),
    attribution: z.optional(OrderAttribution),
  })
  .register(z.globalRegistry, { id: 'JourneyItem' });

export const Journey = z
  .object({ items: z.array(JourneyItem), nextCursor: z.nullable(z.string()), firstTouch: z.nullable(Touch) })
  .register(z.globalRegistry, { id: 'Journey' });
