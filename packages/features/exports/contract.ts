import * as z from 'zod/mini';
import { IsoDateTime, Ulid } from '#packages/core/common-schemas.ts';

/** `inline`: the CSV is the answer (text/csv); `link`: it is stored and the answer is a short-lived presigned download link (large exports). */
const Delivery = z._default(z.enum(['inline', 'link']), 'inline');

/** Which contacts: one segment's members, or the list filters of GET /v1/contacts. */
export const ContactExportFilter = z.object({
  segmentId: z.optional(Ulid),
  tag: z.optional(z.string().check(z.trim(), z.toLowerCase(), z.minLength(1), z.maxLength(50))),
  leadSource: z.optional(z.string().check(z.trim(), z.toLowerCase(), z.minLength(1), z.maxLength(50))),
  companyId: z.optional(Ulid),
});
export const ContactExportQuery = z.extend(ContactExportFilter, { delivery: Delivery });

const OrderStatus = z.enum(['pending', 'paid', 'expired', 'canceled', 'refunded']);
export const OrderExportQuery = z.object({ status: z.optional(OrderStatus), delivery: Delivery });
export const PlainExportQuery = z.object({ delivery: Delivery });

export const ExportLink = z
  .object({ url: z.string(), expiresAt: IsoDateTime, rows: z.int(), bytes: z.int() })
  .register(z.globalRegistry, { id: 'ExportLink' });

export const DataExportRequest = z
  .object({
    id: Ulid,
    contactId: Ulid,
    /** `pending` until the bundle is built (the data-export-build consumer), then `ready` (or `failed`). */
    status: z.enum(['pending', 'ready', 'failed']),
    requestedAt: IsoDateTime,
    readyAt: z.optional(IsoDateTime),
    counts: z.optional(z.record(z.string(), z.int())),
    error: z.optional(z.string()),
    /** Once ready, minted by each GET: short-lived presigned links, the whole bundle as JSON and one CSV per section. */
    files: z.optional(z.array(z.object({ name: z.string(), url: z.string(), bytes: z.int() }))),
    expiresAt: z.optional(IsoDateTime),
  })
  .register(z.globalRegistry, { id: 'DataExportRequest' });

/** The export job's kinds, each with the filter of its synchronous export or list route. */
export const ExportKind = z.enum(['contacts', 'orders', 'attendees', 'check-ins', 'campaign-recipients', 'commissions']);
export type ExportKindName = z.infer<typeof ExportKind>;

export const CreateExport = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('contacts'), filter: z._default(ContactExportFilter, {}) }),
    z.object({ kind: z.literal('orders'), filter: z.object({ eventId: Ulid, status: z.optional(OrderStatus) }) }),
    z.object({ kind: z.literal('attendees'), filter: z.object({ eventId: Ulid, ticketTypeId: z.optional(Ulid), checkedIn: z.optional(z.enum(['true', 'false'])) }) }),
    z.object({ kind: z.literal('check-ins'), filter: z.object({ eventId: Ulid }) }),
    z.object({ kind: z.literal('campaign-recipients'), filter: z.object({ campaignId: Ulid }) }),
    z.object({ kind: z.literal('commissions'), filter: z.object({ promoterId: Ulid }) }),
  ])
  .register(z.globalRegistry, { id: 'CreateExport' });
export type ExportRequestBody = z.infer<typeof CreateExport>;

export const ExportJob = z
  .object({
    id: Ulid,
    kind: ExportKind,
    filter: z.record(z.string(), z.string()),
    /** `queued` until the exports-run consumer claims it; `running` while rows stream into the file; then `done` or `failed`. */
    state: z.enum(['queued', 'running', 'done', 'failed']),
    /** Rows written so far (updated every few pages while running), then the file's rows. */
    rows: z.int(),
    bytes: z.int(),
    requestedAt: IsoDateTime,
    startedAt: z.optional(IsoDateTime),
    finishedAt: z.optional(IsoDateTime),
    error: z.optional(z.string()),
    /** Once done: a presigned link minted by this GET, for callers holding the kind's permission; it lives 5 minutes. */
    download: z.optional(z.object({ url: z.string(), expiresAt: IsoDateTime, fileName: z.string() })),
  })
  .register(z.globalRegistry, { id: 'ExportJob' });
