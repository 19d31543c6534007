import * as z from 'zod/mini';
import { entry, type CatalogEntry } from './shapes.ts';

const engagementData = () =>
  z.object({
    campaignId: z.string(),
    contactId: z.string(),
    at: z.iso.datetime(),
    /** `campaign.clicked`: the first link clicked. */
    link: z.optional(z.string()),
    /** `campaign.bounced`: `Permanent`, `Transient` or `Undetermined`. */
    bounceType: z.optional(z.string()),
  });

/** A recipient's engagement with a campaign mail: each once per campaign and contact, in the transaction that records it. */
const engagementEntries = {
  'campaign.opened': entry({
    source: 'eventos.marketing',
    version: 1,
    description: 'A recipient opened a campaign mail for the first time (SES open event; later opens emit nothing).',
    data: engagementData,
    example: { campaignId: '01JD0000000000000000000040', contactId: '01JD0000000000000000000003', at: '2026-11-25T10:35:00.000Z' },
  }),
  'campaign.clicked': entry({
    source: 'eventos.marketing',
    version: 1,
    description: 'A recipient clicked a link in a campaign mail for the first time.',
    data: engagementData,
    example: { campaignId: '01JD0000000000000000000040', contactId: '01JD0000000000000000000003', at: '2026-11-25T10:36:00.000Z', link: 'https://example.com/tickets' },
  }),
  'campaign.bounced': entry({
    source: 'eventos.marketing',
    version: 1,
    description: "A campaign mail bounced (SES bounce event): once per recipient, and once more when a transient bounce turns permanent.",
    data: engagementData,
    example: { campaignId: '01JD0000000000000000000040', contactId: '01JD0000000000000000000003', at: '2026-11-25T10:31:00.000Z', bounceType: 'Permanent' },
  }),
  'campaign.unsubscribed': entry({
    source: 'eventos.marketing',
    version: 1,
    description: "A recipient unsubscribed through a campaign mail's link (or one-click): once per campaign and contact.",
    data: engagementData,
    example: { campaignId: '01JD0000000000000000000040', contactId: '01JD0000000000000000000003', at: '2026-11-25T10:40:00.000Z' },
  }),
} satisfies Record<string, CatalogEntry>;

/** Campaign sending. */
export const marketingCatalog = {
  'campaign.send_requested': entry({
    source: 'eventos.marketing',
    version: 1,
    description:
      'A campaign went from draft or scheduled to sending (by a user, or by the due job at its schedule time). The campaign-send consumer starts resolving its audience.',
    data: () => z.object({ campaignId: z.string(), requestedBy: z.string(), scheduled: z.boolean() }),
    example: { campaignId: '01JD0000000000000000000040', requestedBy: 'u1', scheduled: false },
  }),
  'campaign.send_chunk': entry({
    source: 'eventos.marketing',
    version: 1,
    description:
      "The next chunk of a campaign send (the campaign-send consumer's own continuation, or the due job's push of a stalled send). It runs only while `step` is the campaign's current one: `resolve` creates recipients from one audience page, `send` mails up to 50 recipients, `finish` closes the send.",
    data: () => z.object({
      campaignId: z.string(),
      phase: z.enum(['resolve', 'send', 'finish', 'wait']),
      /** Where the phase continues: an audience cursor (resolve) or the last contactId handled (send); null at its start. */
      cursor: z.nullable(z.string()),
      step: z.int().check(z.minimum(0)),
    }),
    example: { campaignId: '01JD0000000000000000000040', phase: 'send', cursor: '01JD0000000000000000000003', step: 12 },
  }),
  'campaign.sent': entry({
    source: 'eventos.marketing',
    version: 1,
    description:
      'Every recipient of a campaign has a final status (sent, skipped, failed or unknown). Emitted once per campaign, in the transaction that marks it sent; `totals` are its counters at that moment.',
    data: () => z.object({ campaignId: z.string(), sentAt: z.iso.datetime(), totals: z.record(z.string(), z.int()) }),
    example: {
      campaignId: '01JD0000000000000000000040',
      sentAt: '2026-11-25T10:30:00.000Z',
      totals: { audience: 3, sent: 2, skipped_unsubscribed: 1, skipped_suppressed: 0, skipped_no_consent: 0, skipped_invalid_email: 0, failed: 0, unknown: 0 },
    },
  }),
  ...engagementEntries,
} satisfies Record<string, CatalogEntry>;
