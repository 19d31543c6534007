import * as z from 'zod/mini';
import { IsoDateTime, ListQuery } from '#packages/core/common-schemas.ts';

const Day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, YYYY-MM-DD'));

export const AuditChangeView = z.object({
  field: z.string(),
  old: z.optional(z.unknown()),
  new: z.optional(z.unknown()),
  personal: z.optional(z.literal(true)),
});

export const AuditEventView = z
  .object({
    id: z.string(),
    at: IsoDateTime,
    actor: z.string(),
    action: z.string(),
    target: z.string(),
    changes: z.array(AuditChangeView),
    requestId: z.string(),
    ip: z.optional(z.string()),
    userAgent: z.optional(z.string()),
    hash: z.string(),
  })
  .register(z.globalRegistry, { id: 'AuditEvent', description: 'One audit event: personal data only by reference' });

/** The filters of the audit log: actor, target or action is answered by one Query; time alone by one per shard, merged (audit-shard-reads.ts). */
export const AuditFilters = {
  /** `user:<id>`, `system:<job>`, `workflow:<id>`. */
  actor: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /** `<entity>:<id>`, e.g. `venue:01K…`. */
  target: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /** `resource.verb`, e.g. `venues.create`. */
  action: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  from: z.optional(IsoDateTime),
  to: z.optional(IsoDateTime),
};

export const ListAuditQuery = z.object({ ...ListQuery.shape, ...AuditFilters });
export type ListAuditQuery = z.infer<typeof ListAuditQuery>;

export const ExportAuditQuery = z.object({
  ...AuditFilters,
  format: z._default(z.enum(['csv', 'jsonl']), 'csv'),
});
export type ExportAuditQuery = z.infer<typeof ExportAuditQuery>;

export const VerifyAuditQuery = z.object({ day: Day });

export const AuditVerification = z.object({
  day: Day,
  ok: z.boolean(),
  /** Whether the day's seal (the keyed chain) exists yet: a day is sealed after it ends. */
  sealed: z.boolean(),
  count: z.int(),
  /** The first item that fails: its content no longer matches its hash, or the chain no longer matches the seal. */
  firstBroken: z.optional(z.object({ id: z.nullable(z.string()), reason: z.string() })),
});
