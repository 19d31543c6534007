import * as z from 'zod/mini';
import { entry, moneySchema, type CatalogEntry } from './shapes.ts';

/** Sponsors, exhibitors and booths, badge scans, networking meetings. */
export const tradeshowCatalog = {
  'sponsor.signed': entry({
    source: 'eventos.tradeshow',
    version: 1,
    description: "A sponsorship's contract was signed: its opportunity moved to the pipeline's won stage and its benefits are owed from now on.",
    data: () => z.object({ sponsorshipId: z.string(), eventId: z.string(), companyId: z.string(), tierId: z.string(), opportunityId: z.string(), amount: moneySchema() }),
    example: {
      sponsorshipId: '01JD0000000000000000000070',
      eventId: '01JD0000000000000000000001',
      companyId: '01JD0000000000000000000071',
      tierId: '01JD0000000000000000000072',
      opportunityId: '01JD0000000000000000000073',
      amount: { amount: 500000, currency: 'EUR' },
    },
  }),
  'sponsor.benefit_delivered': entry({
    source: 'eventos.tradeshow',
    version: 1,
    description: 'One benefit of a sponsorship (booth, passes, logo, talk, lead-scanner seats) was delivered; `late` when after its due date.',
    data: () =>
      z.object({
        sponsorshipId: z.string(),
        eventId: z.string(),
        benefitId: z.string(),
        kind: z.enum(['booth', 'passes', 'logo', 'talk', 'lead_scanner', 'other']),
        dueAt: z.iso.datetime(),
        deliveredAt: z.iso.datetime(),
        late: z.boolean(),
      }),
    example: {
      sponsorshipId: '01JD0000000000000000000070',
      eventId: '01JD0000000000000000000001',
      benefitId: '01JD0000000000000000000074',
      kind: 'logo',
      dueAt: '2026-11-20T00:00:00.000Z',
      deliveredAt: '2026-11-18T09:30:00.000Z',
      late: false,
    },
  }),
  'sponsor.invoiced': entry({
    source: 'eventos.tradeshow',
    version: 1,
    description: "A sponsorship's invoice was issued (its status is invoiced): number, amount (the tier's price plus booths booked before it) and currency a payment must match.",
    data: () =>
      z.object({ sponsorshipId: z.string(), eventId: z.string(), companyId: z.string(), opportunityId: z.string(), invoiceNumber: z.string(), amount: moneySchema(), issuedAt: z.iso.datetime() }),
    example: {
      sponsorshipId: '01JD0000000000000000000070',
      eventId: '01JD0000000000000000000001',
      companyId: '01JD0000000000000000000071',
      opportunityId: '01JD0000000000000000000073',
      invoiceNumber: 'SP-0000000070',
      amount: { amount: 650000, currency: 'EUR' },
      issuedAt: '2026-11-02T10:00:00.000Z',
    },
  }),
  'sponsor.paid': entry({
    source: 'eventos.tradeshow',
    version: 1,
    description: "A payment matching a sponsorship's invoice (amount and currency) was recorded: its status is paid.",
    data: () =>
      z.object({
        sponsorshipId: z.string(),
        eventId: z.string(),
        companyId: z.string(),
        opportunityId: z.string(),
        invoiceNumber: z.string(),
        amount: moneySchema(),
        method: z.string(),
        reference: z.string(),
      }),
    example: {
      sponsorshipId: '01JD0000000000000000000070',
      eventId: '01JD0000000000000000000001',
      companyId: '01JD0000000000000000000071',
      opportunityId: '01JD0000000000000000000073',
      invoiceNumber: 'SP-0000000070',
      amount: { amount: 650000, currency: 'EUR' },
      method: 'bank_transfer',
      reference: 'BANK-2026-11-20-0042',
    },
  }),
  'booth.booked': entry({
    source: 'eventos.tradeshow',
    version: 1,
    description:
      "A booth of the event map was booked by an exhibitor (of a sponsorship or not): the one booking it will ever have. `billedTo` says whose bill its price went on: the sponsorship's (before its invoice) or the exhibitor's.",
    data: () =>
      z.object({
        eventId: z.string(),
        boothGuid: z.string(),
        exhibitorId: z.string(),
        sponsorshipId: z.optional(z.string()),
        price: moneySchema(),
        billedTo: z.optional(z.enum(['sponsorship', 'exhibitor'])),
      }),
    example: { eventId: '01JD0000000000000000000001', boothGuid: 'A-12', exhibitorId: '01JD0000000000000000000075', price: { amount: 120000, currency: 'EUR' } },
  }),
  'booth.visited': entry({
    source: 'eventos.tradeshow',
    version: 1,
    description:
      "Exhibitor staff scanned an attendee's badge at a booth: a lead for the exhibitor. `shared` says whether the attendee let exhibitors have their details; `contactId` is the organiser's CRM contact of the attendee (when named), the trigger for follow-up automation.",
    data: () =>
      z.object({
        eventId: z.string(),
        exhibitorId: z.string(),
        boothGuid: z.optional(z.string()),
        leadId: z.string(),
        ticketId: z.string(),
        contactId: z.optional(z.string()),
        shared: z.boolean(),
        scannedAt: z.iso.datetime(),
      }),
    example: {
      eventId: '01JD0000000000000000000001',
      exhibitorId: '01JD0000000000000000000075',
      boothGuid: 'A-12',
      leadId: 'Q4ZC5T8M2N1P0R7S6V3W9X4Y5A',
      ticketId: '01JD0000000000000000000010',
      contactId: '01JD0000000000000000000003',
      shared: true,
      scannedAt: '2026-12-01T10:15:00.000Z',
    },
  }),
  'meeting.accepted': entry({
    source: 'eventos.tradeshow',
    version: 1,
    description: 'A networking meeting request was accepted: both attendees hold the slot (neither can be booked twice in it) and it is in both iCalendar agendas.',
    data: () =>
      z.object({
        eventId: z.string(),
        meetingId: z.string(),
        requesterTicketId: z.string(),
        recipientTicketId: z.string(),
        startsAt: z.iso.datetime(),
        endsAt: z.iso.datetime(),
        location: z.optional(z.string()),
      }),
    example: {
      eventId: '01JD0000000000000000000001',
      meetingId: '01JD0000000000000000000076',
      requesterTicketId: '01JD0000000000000000000010',
      recipientTicketId: '01JD0000000000000000000011',
      startsAt: '2026-12-01T11:00:00.000Z',
      endsAt: '2026-12-01T11:30:00.000Z',
      location: 'Table 4',
    },
  }),
} satisfies Record<string, CatalogEntry>;
