import * as z from 'zod/mini';
import { Currency, IsoDateTime } from '#packages/core/common-schemas.ts';
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
    /** Aggregate items read (≈ 0.3 KB each: the RCU is about itemsRead / 27, eventually consistent; docs/access-patterns.md AN2). */
    itemsRead: z.int(),
  })
  .register(z.globalRegistry, { id: 'MetricSeries' });
