import * as z from 'zod/mini';

export interface CatalogEntry<S extends z.ZodMiniType = z.ZodMiniType> {
  source: string;
  version: number;
  description: string;
  data: S;
  example: z.infer<S>;
}

/** An entry as declared: its schema built by a function, on first use. */
interface CatalogDeclaration<S extends z.ZodMiniType> extends Omit<CatalogEntry<S>, 'data'> {
  data: () => S;
}

/**
 * Each entry's zod schema is built the first time its `data` is read, not at
 * import: every consumer and publisher imports the catalog, and building every
 * detail-type's schema cost each of them in its cold import (bench: bundles),
 * though a function parses one or two detail-types.
 */
const entry = <S extends z.ZodMiniType>({ data, ...rest }: CatalogDeclaration<S>): CatalogEntry<S> => {
  let schema: S | undefined;
  return {
    ...rest,
    get data() {
      return (schema ??= data());
    },
  };
};

/** A schema shared by several entries, built once, on first use. */
const shared = <S>(build: () => S): (() => S) => {
  let schema: S | undefined;
  return () => (schema ??= build());
};

const moneySchema = shared(() => z.object({ amount: z.int(), currency: z.string() }));

/**
 * The promoter an order was attributed to and the commission terms frozen at
 * sale: later changes to the promoter's plan never touch this order. A rule's
 * commission at net paid n is round(base × rateBps × n / (10000 × total)).
 */
const promoterAttribution = shared(() =>
  z.object({
    promoterId: z.string(),
    code: z.string(),
    source: z.enum(['code', 'link']),
    slug: z.optional(z.string()),
    leaderId: z.optional(z.string()),
    /** Lines are approved from here on (event end + the plan's hold). */
    approveAfter: z.iso.datetime(),
    rules: z.array(
      z.object({
        ruleId: z.string(),
        basis: z.enum(['fixed_per_ticket', 'percent_of_net', 'per_check_in']),
        /** Who earns it: the promoter, or its leader for the override. */
        beneficiaryId: z.string(),
        base: z.int(),
        rateBps: z.int(),
        /** per_check_in: the ticket types it pays for (empty: all). */
        ticketTypeIds: z.optional(z.array(z.string())),
      }),
    ),
  }),
);

/** What every order event carries: enough for a consumer to act without reading the order. */
const orderSummary = shared(() =>
  z.object({
    orderId: z.string(),
    eventId: z.string(),
    status: z.enum(['pending', 'paid', 'expired', 'canceled', 'refunded']),
    buyer: z.object({ email: z.string(), firstName: z.optional(z.string()), lastName: z.optional(z.string()) }),
    total: moneySchema(),
    admissions: z.int(),
    voucherCode: z.optional(z.string()),
    promoterCode: z.optional(z.string()),
    /** The campaign recipient token the buyer came with (unverified; the attribution consumer checks it). */
    campaignToken: z.optional(z.string()),
    promoter: z.optional(promoterAttribution()),
    /** The buyer ticked marketing consent at checkout (time, ip and user agent of that request). */
    marketingConsent: z.optional(z.object({ at: z.string(), ip: z.optional(z.string()), userAgent: z.optional(z.string()) })),
  }),
);

/** What every table booking event carries. */
const tableBookingSummary = shared(() =>
  z.object({
    bookingId: z.string(),
    eventId: z.string(),
    tableId: z.string(),
    status: z.enum(['requested', 'approved', 'deposit_paid', 'arrived', 'settled', 'no_show', 'canceled']),
    partySize: z.int(),
    booker: z.object({ name: z.string(), email: z.string(), phone: z.optional(z.string()) }),
    minimumSpend: moneySchema(),
    deposit: moneySchema(),
  }),
);

const tableBookingExample = (status: 'deposit_paid' | 'settled') => ({
  bookingId: '01JD0000000000000000000070',
  eventId: '01JD0000000000000000000002',
  tableId: '01JD0000000000000000000071',
  status,
  partySize: 6,
  booker: { name: 'Ada Vega', email: 'ada@example.com' },
  minimumSpend: { amount: 80000, currency: 'EUR' },
  deposit: { amount: 20000, currency: 'EUR' },
});

const checkInData = shared(() =>
  z.object({
    checkInId: z.string(),
    eventId: z.string(),
    listId: z.string(),
    ticketId: z.string(),
    ticketTypeId: z.string(),
    orderId: z.string(),
    buyerEmail: z.string(),
    /** The ticket's named attendee, when one was given: attendance credits their contact, not the buyer's. */
    attendeeEmail: z.optional(z.string()),
    attendeeContactId: z.optional(z.string()),
    deviceId: z.string(),
    type: z.enum(['entry', 'exit']),
    /** The time the scan was judged by: the server's for online scans, the device's (within bounds) for offline ones. */
    scannedAt: z.iso.datetime(),
    /** When the server received the scan. */
    receivedAt: z.optional(z.iso.datetime()),
    /** What the device claimed, when it sent a time. */
    clientScannedAt: z.optional(z.iso.datetime()),
    offline: z.boolean(),
    duplicate: z.boolean(),
  }),
);

function checkInExample(type: 'entry' | 'exit') {
  return {
    checkInId: '01JD0000000000000000000020',
    eventId: '01JD0000000000000000000001',
    listId: '01JD0000000000000000000001',
    ticketId: '01JD0000000000000000000010',
    ticketTypeId: '01JD0000000000000000000005',
    orderId: '01JD0000000000000000000009',
    buyerEmail: 'ana@example.com',
    deviceId: 'gate-1',
    type,
    scannedAt: '2026-12-31T21:30:00.000Z',
    receivedAt: '2026-12-31T21:30:00.000Z',
    offline: false,
    duplicate: false,
  };
}

function orderExample(status: 'pending' | 'paid' | 'expired' | 'canceled' | 'refunded') {
  return {
    orderId: '01JD0000000000000000000009',
    eventId: '01JD0000000000000000000001',
    status,
    buyer: { email: 'ana@example.com', firstName: 'Ana' },
    total: { amount: 5000, currency: 'EUR' },
    admissions: 2,
  };
}

/**
 * Every domain event the product emits: detail-type → source, version, the
 * zod schema of `detail.data` and an example (a test parses each example).
 */
export const catalog = {
  'event.published': entry({
    source: 'eventos.ticketing',
    version: 1,
    description: 'An event went from draft to published and is on sale.',
    data: () => z.object({
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
  'event.canceled': entry({
    source: 'eventos.ticketing',
    version: 1,
    description:
      "An event was canceled: its tickets are void for scanning at once, and the event-cancellation consumer starts the job that cancels its pending orders and refunds and emails every paid one (step 0 of the job; the progress is on GET /v1/events/{id} as `cancellation`).",
    data: () => z.object({
      eventId: z.string(),
      venueId: z.string(),
      name: z.string(),
      startsAt: z.iso.datetime(),
      canceledAt: z.iso.datetime(),
      canceledBy: z.string(),
      /** The event's status before: `draft` or `published`. */
      previousStatus: z.enum(['draft', 'published']),
    }),
    example: {
      eventId: '01JD0000000000000000000001',
      venueId: '01JD0000000000000000000002',
      name: 'Opening night',
      startsAt: '2026-12-31T21:00:00.000Z',
      canceledAt: '2026-12-20T09:00:00.000Z',
      canceledBy: 'u1',
      previousStatus: 'published',
    },
  }),
  'event.cancellation_chunk': entry({
    source: 'eventos.ticketing',
    version: 1,
    description:
      "The next chunk of an event's cancellation job (the consumer's own continuation, or the due job's push of a stalled one). It runs only while `step` is the cancellation's current one: `pending` cancels a page of pending orders, `paid` refunds and emails a page of paid orders, `finish` settles what is left and closes the job.",
    data: () => z.object({
      eventId: z.string(),
      phase: z.enum(['pending', 'paid', 'finish']),
      /** The last orderId handled in the phase; null at its start. */
      cursor: z.nullable(z.string()),
      step: z.int().check(z.minimum(0)),
    }),
    example: { eventId: '01JD0000000000000000000001', phase: 'paid', cursor: '01JD0000000000000000000009', step: 4 },
  }),
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
    description: 'A contact was deleted for good (hard delete); consumers drop what they hold about it.',
    data: () => z.object({ contactId: z.string(), email: z.string() }),
    example: { contactId: '01JD0000000000000000000003', email: 'ana@example.com' },
  }),
  'order.created': entry({
    source: 'eventos.ticketing',
    version: 1,
    description:
      'A buyer reserved seats; the order is pending payment (or paid at once when free). A pending order\'s is published by the outbox relay, one to two minutes after the order (no consumer needs it sooner); a free order\'s at once, with its order.paid.',
    data: () => orderSummary(),
    example: orderExample('pending'),
  }),
  'order.paid': entry({
    source: 'eventos.ticketing',
    version: 1,
    description: 'Payment succeeded (or the order was free): the seats are sold and tickets issued.',
    data: () => z.extend(orderSummary(), {
      tickets: z.array(z.object({ ticketId: z.string(), ticketTypeId: z.string() })),
      paidAt: z.iso.datetime(),
    }),
    example: { ...orderExample('paid'), tickets: [{ ticketId: '01JD0000000000000000000010', ticketTypeId: '01JD0000000000000000000005' }], paidAt: '2026-11-25T10:05:00.000Z' },
  }),
  'order.expired': entry({
    source: 'eventos.ticketing',
    version: 1,
    description: 'A pending order was not paid in time; its seats and voucher usage were released.',
    data: () => orderSummary(),
    example: orderExample('expired'),
  }),
  'order.canceled': entry({
    source: 'eventos.ticketing',
    version: 1,
    description: 'An order was canceled; its seats and voucher usage were released.',
    data: () => orderSummary(),
    example: orderExample('canceled'),
  }),
  'order.refunded': entry({
    source: 'eventos.ticketing',
    version: 1,
    description: 'Money went back to the buyer. `full` means the whole order: its tickets were voided and seats released.',
    data: () => z.extend(orderSummary(), { refundId: z.string(), amount: moneySchema(), refundedTotal: moneySchema(), full: z.boolean() }),
    example: { ...orderExample('refunded'), refundId: 're_123', amount: { amount: 5000, currency: 'EUR' }, refundedTotal: { amount: 5000, currency: 'EUR' }, full: true },
  }),
  'payment.mismatch': entry({
    source: 'eventos.ticketing',
    version: 1,
    description:
      'A correctly signed Stripe event did not fit the order it named (another PaymentIntent, less received than the total, another currency, a refund that is not positive or exceeds the charge or what was paid) or named an order that does not exist. Nothing was applied; the order, when it exists, lists the anomaly under `paymentAnomalies`.',
    data: () => z.object({
      /** The order the event named (metadata or PaymentIntent); null when it named none we could read. */
      orderId: z.nullable(z.string()),
      reason: z.enum([
        'unknown_order',
        'wrong_payment_intent',
        'amount_short',
        'currency_mismatch',
        'refund_not_positive',
        'refund_exceeds_charge',
        'refund_exceeds_paid',
        'refund_currency_mismatch',
      ]),
      stripeEventId: z.string(),
      stripeEventType: z.string(),
      paymentIntentId: z.nullable(z.string()),
      refundId: z.optional(z.string()),
      /** What the event said was received or refunded. */
      amount: z.nullable(moneySchema()),
      /** What the order expected; null for an unknown order. */
      expected: z.nullable(z.object({ paymentIntentId: z.nullable(z.string()), total: moneySchema() })),
    }),
    example: {
      orderId: '01JD0000000000000000000009',
      reason: 'amount_short',
      stripeEventId: 'evt_123',
      stripeEventType: 'payment_intent.succeeded',
      paymentIntentId: 'pi_123',
      amount: { amount: 100, currency: 'EUR' },
      expected: { paymentIntentId: 'pi_123', total: { amount: 5000, currency: 'EUR' } },
    },
  }),
  'ticket.issued': entry({
    source: 'eventos.ticketing',
    version: 1,
    description: "An order's tickets were issued, one per admission (one event per order, listing them all).",
    data: () => z.object({
      orderId: z.string(),
      eventId: z.string(),
      tickets: z.array(z.object({ ticketId: z.string(), ticketTypeId: z.string() })),
    }),
    example: { orderId: '01JD0000000000000000000009', eventId: '01JD0000000000000000000001', tickets: [{ ticketId: '01JD0000000000000000000010', ticketTypeId: '01JD0000000000000000000005' }] },
  }),
  'ticket.checked_in': entry({
    source: 'eventos.access',
    version: 1,
    description:
      'A ticket was admitted on a check-in list (online, or uploaded from an offline scanner). `duplicate`: an offline scan of a ticket already admitted — kept for the audit, counted once in attendance.',
    data: () => checkInData(),
    example: checkInExample('entry'),
  }),
  'ticket.checked_out': entry({
    source: 'eventos.access',
    version: 1,
    description: 'A ticket left through an exit scan on a check-in list.',
    data: () => checkInData(),
    example: checkInExample('exit'),
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
      phase: z.enum(['resolve', 'send', 'finish']),
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
  'table.booked': entry({
    source: 'eventos.nightlife',
    version: 1,
    description: 'A VIP table booking is confirmed: its deposit was paid (verified with Stripe). The table is the booking\'s until it is canceled or a no-show releases it.',
    data: () => tableBookingSummary(),
    example: tableBookingExample('deposit_paid'),
  }),
  'table.settled': entry({
    source: 'eventos.nightlife',
    version: 1,
    description:
      'A VIP table booking is closed: `settled` after the night (spend recorded, `shortfall` = max(0, minimum spend − spend − deposit) to collect), or `no_show` (deposit kept once, table released for resale).',
    data: () => z.extend(tableBookingSummary(), { outcome: z.enum(['settled', 'no_show']), spend: moneySchema(), shortfall: moneySchema(), depositKept: moneySchema() }),
    example: { ...tableBookingExample('settled'), outcome: 'settled', spend: { amount: 90000, currency: 'EUR' }, shortfall: { amount: 0, currency: 'EUR' }, depositKept: { amount: 0, currency: 'EUR' } },
  }),
  'promoter.commission_earned': entry({
    source: 'eventos.promoters',
    version: 1,
    description:
      "A line was added to a promoter's commission ledger: a sale, a check-in, a leader's override, or a negative line for a refund (`amount` below zero). Lines are never changed; a refund after payout nets against the next payout.",
    data: () => z.object({
      lineId: z.string(),
      promoterId: z.string(),
      eventId: z.string(),
      orderId: z.optional(z.string()),
      guestId: z.optional(z.string()),
      ruleId: z.string(),
      kind: z.string(),
      amount: moneySchema(),
      status: z.enum(['pending', 'approved']),
    }),
    example: {
      lineId: 'o:01JD0000000000000000000009:r1:sale',
      promoterId: '01JD0000000000000000000030',
      eventId: '01JD0000000000000000000001',
      orderId: '01JD0000000000000000000009',
      ruleId: 'r1',
      kind: 'sale',
      amount: { amount: 500, currency: 'EUR' },
      status: 'pending',
    },
  }),
  'promoter.payout_made': entry({
    source: 'eventos.promoters',
    version: 1,
    description: "A payout took a promoter's approved lines (now paid) for accounting; its CSV is at GET /v1/promoters/{id}/payouts/{payoutId}/csv.",
    data: () => z.object({ payoutId: z.string(), promoterId: z.string(), amount: moneySchema(), lineCount: z.int(), createdBy: z.string() }),
    example: { payoutId: '01JD0000000000000000000040', promoterId: '01JD0000000000000000000030', amount: { amount: 4200, currency: 'EUR' }, lineCount: 7, createdBy: 'u1' },
  }),
  'guest.added': entry({
    source: 'eventos.promoters',
    version: 1,
    description: "A guest was put on a promoter's guest list (by the promoter, or signing up through the promoter's link); the CRM makes them a contact with the promoter as lead source.",
    data: () => z.object({
      guestId: z.string(),
      eventId: z.string(),
      guestListId: z.string(),
      tierId: z.string(),
      promoterId: z.string(),
      promoterCode: z.string(),
      name: z.string(),
      email: z.optional(z.string()),
      phone: z.optional(z.string()),
      source: z.enum(['promoter', 'link']),
    }),
    example: {
      guestId: '01JD0000000000000000000050',
      eventId: '01JD0000000000000000000001',
      guestListId: '01JD0000000000000000000051',
      tierId: 'vip',
      promoterId: '01JD0000000000000000000030',
      promoterCode: 'MARTA',
      name: 'Ana Ruiz',
      email: 'ana@example.com',
      source: 'link',
    },
  }),
  'guest.checked_in': entry({
    source: 'eventos.access',
    version: 1,
    description: 'A guest was admitted at the door by their guest code (first admission only); counts for per-check-in commission.',
    data: () => z.object({
      guestId: z.string(),
      eventId: z.string(),
      guestListId: z.string(),
      tierId: z.string(),
      promoterId: z.string(),
      name: z.string(),
      email: z.optional(z.string()),
      deviceId: z.string(),
      checkedInAt: z.iso.datetime(),
    }),
    example: {
      guestId: '01JD0000000000000000000050',
      eventId: '01JD0000000000000000000001',
      guestListId: '01JD0000000000000000000051',
      tierId: 'vip',
      promoterId: '01JD0000000000000000000030',
      name: 'Ana Ruiz',
      email: 'ana@example.com',
      deviceId: 'gate-1',
      checkedInAt: '2026-12-31T23:30:00.000Z',
    },
  }),
  'attendee.assigned': entry({
    source: 'eventos.conference',
    version: 1,
    description:
      "A ticket was given its named attendee (by the buyer's signed link or by staff), or the attendee changed. `contactId` is the attendee's contact (deduplicated by email); the ticket is mailed to `email`.",
    data: () => z.object({
      ticketId: z.string(),
      eventId: z.string(),
      orderId: z.string(),
      ticketTypeId: z.string(),
      contactId: z.string(),
      email: z.string(),
      name: z.string(),
      assignedBy: z.enum(['buyer', 'staff']),
    }),
    example: {
      ticketId: '01JD0000000000000000000010',
      eventId: '01JD0000000000000000000001',
      orderId: '01JD0000000000000000000002',
      ticketTypeId: '01JD0000000000000000000005',
      contactId: '01JD0000000000000000000003',
      email: 'ana@example.com',
      name: 'Ana Ruiz',
      assignedBy: 'buyer',
    },
  }),
  'session.rescheduled': entry({
    source: 'eventos.conference',
    version: 1,
    description:
      "A scheduled session moved (times) or was canceled. Its registrations are re-checked: an attendee whose confirmed sessions now overlap loses this one (the seat goes to the waitlist) and is told.",
    data: () => z.object({
      eventId: z.string(),
      sessionId: z.string(),
      startsAt: z.iso.datetime(),
      endsAt: z.iso.datetime(),
      state: z.enum(['draft', 'scheduled', 'canceled']),
    }),
    example: { eventId: '01JD0000000000000000000001', sessionId: '01JD0000000000000000000050', startsAt: '2026-12-01T10:00:00.000Z', endsAt: '2026-12-01T11:00:00.000Z', state: 'scheduled' },
  }),
  'session.registered': entry({
    source: 'eventos.conference',
    version: 1,
    description: 'A ticket holder registered for a session: `confirmed` (a seat) or `waitlisted` (with its position).',
    data: () => z.object({
      eventId: z.string(),
      sessionId: z.string(),
      ticketId: z.string(),
      contactId: z.optional(z.string()),
      status: z.enum(['confirmed', 'waitlisted']),
      position: z.optional(z.int()),
    }),
    example: { eventId: '01JD0000000000000000000001', sessionId: '01JD0000000000000000000050', ticketId: '01JD0000000000000000000010', contactId: '01JD0000000000000000000003', status: 'confirmed' },
  }),
  'session.seat_released': entry({
    source: 'eventos.conference',
    version: 1,
    description:
      'A seat of a session came free (a confirmed registration canceled, an offer declined or expired, a schedule conflict): the next waitlisted attendee, if any, is offered it.',
    data: () => z.object({ eventId: z.string(), sessionId: z.string(), ticketId: z.string(), reason: z.enum(['canceled', 'offer_declined', 'offer_expired', 'schedule_conflict']) }),
    example: { eventId: '01JD0000000000000000000001', sessionId: '01JD0000000000000000000050', ticketId: '01JD0000000000000000000010', reason: 'canceled' },
  }),
  'session.waitlist_promoted': entry({
    source: 'eventos.conference',
    version: 1,
    description: 'The first waitlisted attendee of a session was offered a freed seat, held for them until `offerExpiresAt`.',
    data: () => z.object({ eventId: z.string(), sessionId: z.string(), ticketId: z.string(), contactId: z.optional(z.string()), position: z.int(), offerExpiresAt: z.iso.datetime() }),
    example: {
      eventId: '01JD0000000000000000000001',
      sessionId: '01JD0000000000000000000050',
      ticketId: '01JD0000000000000000000011',
      contactId: '01JD0000000000000000000004',
      position: 1,
      offerExpiresAt: '2026-12-01T09:00:00.000Z',
    },
  }),
  'session.checked_in': entry({
    source: 'eventos.conference',
    version: 1,
    description: "A ticket was admitted at a session's door (the session's own check-in list); counted once per ticket and session.",
    data: () => z.object({ eventId: z.string(), sessionId: z.string(), ticketId: z.string(), contactId: z.optional(z.string()), email: z.string(), scannedAt: z.iso.datetime() }),
    example: {
      eventId: '01JD0000000000000000000001',
      sessionId: '01JD0000000000000000000050',
      ticketId: '01JD0000000000000000000010',
      contactId: '01JD0000000000000000000003',
      email: 'ana@example.com',
      scannedAt: '2026-12-01T10:02:00.000Z',
    },
  }),
  'feedback.submitted': entry({
    source: 'eventos.conference',
    version: 1,
    description: "An attendee gave (or changed) feedback on a session or the event. `target` is the session's id or `event`.",
    data: () => z.object({
      eventId: z.string(),
      target: z.string(),
      ticketId: z.string(),
      contactId: z.optional(z.string()),
      email: z.string(),
      rating: z.optional(z.int()),
      nps: z.optional(z.int()),
      submittedAt: z.iso.datetime(),
    }),
    example: {
      eventId: '01JD0000000000000000000001',
      target: 'event',
      ticketId: '01JD0000000000000000000010',
      contactId: '01JD0000000000000000000003',
      email: 'ana@example.com',
      rating: 5,
      nps: 9,
      submittedAt: '2026-12-01T18:00:00.000Z',
    },
  }),
} satisfies Record<string, CatalogEntry>;

export type PromoterAttribution = z.infer<ReturnType<typeof promoterAttribution>>;
export type DetailType = keyof typeof catalog;
export type EventData<T extends DetailType> = z.infer<(typeof catalog)[T]['data']>;

export const detailTypes = Object.keys(catalog) as DetailType[];
