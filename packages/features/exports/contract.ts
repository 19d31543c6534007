import * as z from 'zod/mini';
import { IsoDateTime, Ulid } from '#packages/core/common-schemas.ts';

/** `inline`: the CSV is the answer (text/csv); `link`: it is stored and the answer is a short-lived presigned download link (large exports). */
const Delivery = z._default(z.enum(['inline', 'link']), 'inline');

export const ContactExportQuery = z.object({
  segmentId: z.optional(Ulid),
  tag: z.optional(z.string().check(z.trim(), z.toLowerCase(), z.minLength(1), z.maxLength(50))),
  leadSource: z.optional(z.string().check(z.trim(), z.toLowerCase(), z.minLength(1), z.maxLength(50))),
  companyId: z.optional(Ulid),
  delivery: Delivery,
});

export const OrderExportQuery = z.object({ status: z.optional(z.enum(['pending', 'paid', 'expired', 'canceled', 'refunded'])), delivery: Delivery });
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
