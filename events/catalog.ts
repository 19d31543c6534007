import * as z from 'zod/mini';

export interface CatalogEntry<S extends z.ZodMiniType = z.ZodMiniType> {
  source: string;
  version: number;
  description: string;
  data: S;
  example: z.infer<S>;
}

const entry = <S extends z.ZodMiniType>(e: CatalogEntry<S>) => e;

/**
 * Every domain event the product emits: detail-type → source, version, the
 * zod schema of `detail.data` and an example (a test parses each example).
 */
export const catalog = {
  'event.published': entry({
    source: 'eventos.ticketing',
    version: 1,
    description: 'An event went from draft to published and is on sale.',
    data: z.object({
      eventId: z.string(),
      venueId: z.string(),
      name: z.string(),
      startsAt: z.iso.datetime(),
      endsAt: z.iso.datetime(),
      publishedAt: z.iso.datetime(),
    }),
    example: {
      eventId: '01JD0000000000000000000001',
      venueId: '01JD0000000000000000000002',
      name: 'Opening night',
      startsAt: '2026-12-31T21:00:00.000Z',
      endsAt: '2027-01-01T05:00:00.000Z',
      publishedAt: '2026-11-25T10:00:00.000Z',
    },
  }),
  'contact.created': entry({
    source: 'eventos.crm',
    version: 1,
    description: 'A contact was created (by a user, an import or a purchase).',
    data: z.object({
      contactId: z.string(),
      createdBy: z.string(),
    }),
    example: { contactId: '01JD0000000000000000000003', createdBy: 'u1' },
  }),
} satisfies Record<string, CatalogEntry>;

export type DetailType = keyof typeof catalog;
export type EventData<T extends DetailType> = z.infer<(typeof catalog)[T]['data']>;

export const detailTypes = Object.keys(catalog) as DetailType[];
