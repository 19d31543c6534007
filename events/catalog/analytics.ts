import * as z from 'zod/mini';
import { entry, touchSchema, type CatalogEntry } from './shapes.ts';

/** Analytics: touches recorded for attribution and the metric store. */
export const analyticsCatalog = {
  'visit.recorded': entry({
    source: 'eventos.analytics',
    version: 1,
    description:
      "A visitor landed on an event's page with UTM parameters or a promoter link (POST /v1/events/{id}/visits); the touch is kept for attribution and counted in the `visits` metric.",
    data: () =>
      z.object({
        visitId: z.string(),
        eventId: z.string(),
        at: z.iso.datetime(),
        touch: touchSchema(),
        /** The visitor's contact, when the visit named a known email. */
        contactId: z.optional(z.string()),
      }),
    example: {
      visitId: '01JD0000000000000000000090',
      eventId: '01JD0000000000000000000001',
      at: '2026-11-25T09:58:00.000Z',
      touch: { channel: 'utm', at: '2026-11-25T09:58:00.000Z', utm: { source: 'instagram', medium: 'social', campaign: 'nye' } },
    },
  }),
} satisfies Record<string, CatalogEntry>;
