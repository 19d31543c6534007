import * as z from 'zod/mini';
import { entry, type CatalogEntry } from './shapes.ts';

/** Contacts, companies, segments, lead scoring and imports. */
export const crmCatalog = {
  'contact.created': entry({
    source: 'eventos.crm',
    version: 1,
    description: 'A contact was created (by a user, an import or a purchase).',
    data: () => z.object({
      contactId: z.string(),
      createdBy: z.string(),
    }),
    example: { contactId: '01JD0000000000000000000003', createdBy: 'u1' },
  }),
  'contact.updated': entry({
    source: 'eventos.crm',
    version: 1,
    description:
      'Something segments filter on changed for a contact (fields, tags, purchases, attendance, lead status, consent, trash). Consumers re-read the contact: the event says which, not what.',
    data: () => z.object({
      contactId: z.string(),
      /** Why, for logs and debugging: `fields`, `purchase`, `attendance`, `lead`, `consent`, `trashed`, `restored`. */
      reason: z.string(),
      /** The contact attributes this change gave a new value (a workflow trigger watches some); absent when not known. */
      fields: z.optional(z.array(z.string())),
    }),
    example: { contactId: '01JD0000000000000000000003', reason: 'fields', fields: ['firstName', 'tags'] },
  }),
  'contact.deleted': entry({
    source: 'eventos.crm',
    version: 1,
    description: 'A contact was deleted for good (hard delete); consumers drop what they hold about it. `email` is absent for a contact known only by phone.',
    data: () => z.object({ contactId: z.string(), email: z.optional(z.string()) }),
    example: { contactId: '01JD0000000000000000000003', email: 'ana@example.com' },
  }),
  'segment.build_requested': entry({
    source: 'eventos.crm',
    version: 1,
    description:
      "Evaluate the next chunk of contacts for a segment's membership (emitted on create, on a filter change and by each chunk for the next one). The resume point lives on the segment; a request for an older version is ignored.",
    data: () => z.object({ segmentId: z.string(), version: z.int() }),
    example: { segmentId: '01JD0000000000000000000030', version: 1 },
  }),
  'segment.built': entry({
    source: 'eventos.crm',
    version: 1,
    description: "A segment's build finished: every contact was evaluated and the membership is ready to use.",
    data: () => z.object({ segmentId: z.string(), version: z.int(), builtAt: z.iso.datetime() }),
    example: { segmentId: '01JD0000000000000000000030', version: 1, builtAt: '2026-11-25T10:00:00.000Z' },
  }),
  'segment.deleted': entry({
    source: 'eventos.crm',
    version: 1,
    description: 'A segment was deleted; its member items are purged in the background.',
    data: () => z.object({ segmentId: z.string() }),
    example: { segmentId: '01JD0000000000000000000030' },
  }),
  'segment.purge_requested': entry({
    source: 'eventos.crm',
    version: 1,
    description: "Delete the next chunk of a deleted segment's member items (emitted by each purge chunk while some remain).",
    data: () => z.object({ segmentId: z.string() }),
    example: { segmentId: '01JD0000000000000000000030' },
  }),
  'segment.entered': entry({
    source: 'eventos.crm',
    version: 1,
    description:
      "A contact became a member of a segment (a refresh after the contact changed, or a rebuild after the segment's filter changed; a new segment's first build announces nothing). Emitted in the transaction that writes the member item, so once per join; a workflow with a segment trigger starts from it.",
    data: () => z.object({ segmentId: z.string(), contactId: z.string() }),
    example: { segmentId: '01JD0000000000000000000030', contactId: '01JD0000000000000000000003' },
  }),
  'segment.left': entry({
    source: 'eventos.crm',
    version: 1,
    description: "A contact stopped being a member of a segment (it changed, was trashed or deleted, or the segment's filter changed). Once per leave, like segment.entered.",
    data: () => z.object({ segmentId: z.string(), contactId: z.string() }),
    example: { segmentId: '01JD0000000000000000000030', contactId: '01JD0000000000000000000003' },
  }),
  'company.updated': entry({
    source: 'eventos.crm',
    version: 1,
    description:
      "A company's facts changed (industry, size, revenue, account type, …). Consumers re-read the company; lead scoring rescores the company's leads.",
    data: () => z.object({ companyId: z.string(), reason: z.string() }),
    example: { companyId: '01JD0000000000000000000004', reason: 'fields' },
  }),
  'lead_scoring_rules.changed': entry({
    source: 'eventos.crm',
    version: 1,
    description: 'A lead-scoring rule was created, changed or deleted, or the cap changed: every open lead is rescored.',
    data: () => z.object({
      /** `created`, `updated`, `deleted` or `settings`. */
      reason: z.string(),
      ruleId: z.optional(z.string()),
    }),
    example: { reason: 'created', ruleId: '01JD0000000000000000000040' },
  }),
  'import.chunk': entry({
    source: 'eventos.crm',
    version: 1,
    description:
      "The next chunk of a CSV import or of its undo (the imports-run consumer's own continuation). It runs only while `step` is the import's current one: `import` applies up to 250 rows of the file, `undo` reverts up to 100 of the import's changes.",
    data: () => z.object({ importId: z.string(), mode: z.enum(['import', 'undo']), step: z.int().check(z.minimum(0)) }),
    example: { importId: '01JD0000000000000000000070', mode: 'import', step: 3 },
  }),
  'contact.data_export_requested': entry({
    source: 'eventos.crm',
    version: 1,
    description:
      "A data-subject access request was made (POST /v1/contacts/{id}/data-export): the data-export-build consumer gathers the contact's data into a JSON and CSV bundle in the tenant's bucket and marks the request ready. Ids only.",
    data: () => z.object({ exportId: z.string(), contactId: z.string() }),
    example: { exportId: '01JD0000000000000000000090', contactId: '01JD0000000000000000000003' },
  }),
  'export.requested': entry({
    source: 'eventos.crm',
    version: 1,
    description:
      'A CSV export job was asked for (POST /v1/exports): the exports-run consumer claims it, streams its rows into the tenant\'s bucket and marks it done. Ids only: the kind and filter are on the job.',
    data: () => z.object({ exportId: z.string() }),
    example: { exportId: '01JD0000000000000000000091' },
  }),
} satisfies Record<string, CatalogEntry>;
