import * as z from 'zod/mini';
import { IsoDateTime, ListQuery, Ulid } from '#packages/core/common-schemas.ts';

/** The contact fields a column can fill. */
export const ImportField = z.enum(['email', 'firstName', 'lastName', 'phone', 'leadSource', 'tags', 'externalId']);
export type ImportFieldName = z.infer<typeof ImportField>;

/** Column header → field; null (or absent) leaves the column out. */
export const ColumnMapping = z.record(z.string(), z.nullable(ImportField));
export type ColumnMappingT = z.infer<typeof ColumnMapping>;

export const MAX_CSV_BYTES = 5 * 1024 * 1024;

export const ImportOptions = z.object({
  /**
   * How a row finds the contact it is: by email (normalised: trimmed, lower-cased), by external id, or by phone
   * (normalised to E.164 as contacts store it; a number several contacts share refuses the row as ambiguous).
   */
  matchKey: z._default(z.enum(['email', 'externalId', 'phone']), 'email'),
  /** A row whose contact exists: `update` or `upsert` change it, `create` and `skip` leave it; one that does not: `create`/`upsert` create it. */
  onConflict: z._default(z.enum(['create', 'update', 'upsert', 'skip']), 'upsert'),
  /** An empty cell leaves the field as it is (`ignore`) or clears it (`clear`; never the email). */
  emptyCells: z._default(z.enum(['ignore', 'clear']), 'ignore'),
  /** The consent the rows' people gave (e.g. a signup sheet): a granted record per row, method `import`. */
  consent: z.optional(
    z.object({
      purpose: z.string().check(z.regex(/^[a-z][a-z0-9_]{1,47}$/)),
      legalBasis: z._default(z.enum(['consent', 'contract', 'legitimate_interest']), 'consent'),
      text: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
    }),
  ),
});
export type ImportOptionsT = z.infer<typeof ImportOptions>;

export const CreateImport = z
  .extend(ImportOptions, {
    resource: z.literal('contacts'),
    /** The file itself, UTF-8, header row first; at most 5 MB. Or: */
    csv: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_CSV_BYTES))),
    /** The id of a file uploaded by a presigned link (POST /v1/imports/uploads); at most 50 MB. */
    uploadId: z.optional(Ulid),
    fileName: z.optional(z.string().check(z.maxLength(200))),
    /** The suggested mapping (POST /v1/imports/mapping) when absent. */
    mapping: z.optional(ColumnMapping),
    /** Report what each row would do and write nothing. */
    dryRun: z._default(z.boolean(), false),
  })
  .check(z.refine((v) => (v.csv === undefined) !== (v.uploadId === undefined), { message: 'give exactly one of csv and uploadId' }))
  .register(z.globalRegistry, { id: 'CreateImport' });
export type CreateImportInput = z.infer<typeof CreateImport>;

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const ImportUpload = z
  .object({ uploadId: Ulid, url: z.string(), method: z.literal('PUT'), headers: z.record(z.string(), z.string()), expiresAt: IsoDateTime })
  .register(z.globalRegistry, { id: 'ImportUpload' });

export const SuggestMapping = z
  .object({ resource: z.literal('contacts'), csv: z.string().check(z.minLength(1), z.maxLength(MAX_CSV_BYTES)) })
  .register(z.globalRegistry, { id: 'SuggestMapping' });

export const MappingSuggestion = z
  .object({ headers: z.array(z.string()), mapping: ColumnMapping, unmapped: z.array(z.string()) })
  .register(z.globalRegistry, { id: 'MappingSuggestion' });

export const RowOutcome = z.enum(['created', 'updated', 'unchanged', 'skipped', 'failed']);
export type RowOutcomeT = z.infer<typeof RowOutcome>;

export const RowResult = z.object({
  /** The row's line in the file (the header is line 1). */
  line: z.int(),
  outcome: RowOutcome,
  contactId: z.optional(z.string()),
  reason: z.optional(z.string()),
});
export type RowResultT = z.infer<typeof RowResult>;

const Counts = {
  total: z.int(),
  processed: z.int(),
  created: z.int(),
  updated: z.int(),
  skipped: z.int(),
  failed: z.int(),
};

export const DryRunReport = z
  .object({ dryRun: z.literal(true), mapping: ColumnMapping, ...Counts, unchanged: z.int(), rows: z.array(RowResult) })
  .register(z.globalRegistry, { id: 'ImportDryRun' });

export const Import = z
  .object({
    id: Ulid,
    resource: z.literal('contacts'),
    status: z.enum(['running', 'done', 'undoing', 'undone']),
    fileName: z.optional(z.string()),
    matchKey: z.string(),
    onConflict: z.string(),
    emptyCells: z.string(),
    mapping: ColumnMapping,
    ...Counts,
    undoUntil: z.optional(IsoDateTime),
    /** Once undone (or undoing): contacts deleted, contacts put back as they were, contacts left because someone changed them since. */
    undo: z.optional(z.object({ deleted: z.int(), restored: z.int(), kept: z.int() })),
    finishedAt: z.optional(IsoDateTime),
    createdBy: z.string(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'Import' });
export type ImportView = z.infer<typeof Import>;

export const ImportListQuery = ListQuery;
