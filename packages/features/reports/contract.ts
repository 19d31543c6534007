import * as z from 'zod/mini';
import { Currency, IsoDateTime, Ulid } from '#packages/core/common-schemas.ts';

const ATTRIBUTION_DIMENSIONS = ['channel', 'promoter', 'campaign', 'utmSource', 'leadSource'] as const;

/** `csv` answers text/csv (as does `Accept: text/csv`); the default is JSON. */
const Format = z.optional(z.enum(['json', 'csv']));

export const PeriodQuery = z
  .object({ from: IsoDateTime, to: IsoDateTime, format: Format })
  .check(z.refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] }));

export const RevenueQuery = z
  .object({ from: IsoDateTime, to: IsoDateTime, interval: z._default(z.enum(['day', 'week', 'month']), 'day'), format: Format })
  .check(z.refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] }));

export const AttributionQuery = z
  .object({ from: IsoDateTime, to: IsoDateTime, by: z._default(z.enum(ATTRIBUTION_DIMENSIONS), 'channel'), format: Format })
  .check(z.refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] }));

export const TopCustomersQuery = z
  .object({
    from: IsoDateTime,
    to: IsoDateTime,
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500)), 20),
    format: Format,
  })
  .check(z.refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] }));

export const FormatQuery = z.object({ format: Format });
export const PeriodHtmlQuery = z
  .object({ from: IsoDateTime, to: IsoDateTime })
  .check(z.refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] }));

const Rate = z.number();
const Nullable = <T extends z.ZodMiniType>(t: T) => z.nullable(t);

export const EventReportRow = z.object({
  eventId: Ulid,
  name: z.string(),
  startsAt: IsoDateTime,
  currency: Currency,
  capacity: z.int(),
  ticketsSold: z.int(),
  sellThrough: Rate,
  revenue: z.int(),
  orders: z.int(),
  checkedIn: z.int(),
  attendanceRate: Rate,
  noShowRate: Rate,
});

export const RevenueRow = z.object({ periodStart: IsoDateTime, currency: Currency, orders: z.int(), tickets: z.int(), gross: z.int(), refunds: z.int(), net: z.int() });
export const VelocityRow = z.object({ daysBefore: z.int(), tickets: Nullable(z.int()), earlierAverage: Nullable(z.number()) });
export const CohortRow = z.object({ eventId: Ulid, name: z.string(), startsAt: IsoDateTime, size: z.int(), returned: z.int(), returnRate: Rate });
export const CustomerRow = z.object({ email: z.string(), currency: Currency, orders: z.int(), events: z.int(), tickets: z.int(), spent: z.int() });
export const AttributionRow = z.object({
  key: z.string(),
  currency: Currency,
  orders: z.int(),
  tickets: z.int(),
  revenue: z.int(),
  cost: Nullable(z.int()),
  roi: Nullable(z.number()),
});

export const EventsReport = z
  .object({ from: IsoDateTime, to: IsoDateTime, rows: z.array(EventReportRow) })
  .register(z.globalRegistry, { id: 'EventsReport' });

export const RevenueReport = z
  .object({
    from: IsoDateTime,
    to: IsoDateTime,
    interval: z.enum(['day', 'week', 'month']),
    rows: z.array(RevenueRow),
  })
  .register(z.globalRegistry, { id: 'RevenueReport' });

export const VelocityReport = z
  .object({
    event: EventReportRow,
    earlier: z.array(z.object({ eventId: Ulid, name: z.string(), startsAt: IsoDateTime, ticketsSold: z.int() })),
    rows: z.array(VelocityRow),
  })
  .register(z.globalRegistry, { id: 'VelocityReport' });

export const CohortsReport = z
  .object({
    from: IsoDateTime,
    to: IsoDateTime,
    attendees: z.int(),
    repeatAttendees: z.int(),
    repeatAttendeeRate: Rate,
    rows: z.array(CohortRow),
  })
  .register(z.globalRegistry, { id: 'CohortsReport' });

export const TopCustomersReport = z
  .object({
    from: IsoDateTime,
    to: IsoDateTime,
    customers: z.int(),
    repeatCustomers: z.int(),
    rows: z.array(CustomerRow),
  })
  .register(z.globalRegistry, { id: 'TopCustomersReport' });

export const AttributionReport = z
  .object({
    from: IsoDateTime,
    to: IsoDateTime,
    by: z.enum(ATTRIBUTION_DIMENSIONS),
    rows: z.array(AttributionRow),
  })
  .register(z.globalRegistry, { id: 'AttributionReport' });
