/** The catalog's building blocks: the entry type, lazy schemas, and the shapes several entries share. */
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
export const entry = <S extends z.ZodMiniType>({ data, ...rest }: CatalogDeclaration<S>): CatalogEntry<S> => {
  let schema: S | undefined;
  return {
    ...rest,
    get data() {
      return (schema ??= data());
    },
  };
};

/** A schema shared by several entries, built once, on first use. */
export const shared = <S>(build: () => S): (() => S) => {
  let schema: S | undefined;
  return () => (schema ??= build());
};

export const moneySchema = shared(() => z.object({ amount: z.int(), currency: z.string() }));

/**
 * The promoter an order was attributed to and the commission terms frozen at
 * sale: later changes to the promoter's plan never touch this order. A rule's
 * commission at net paid n is round(base × rateBps × n / (10000 × total)).
 */
export const promoterAttribution = shared(() =>
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

/** UTM parameters a buyer or visitor came with. */
export const utmSchema = shared(() =>
  z.object({
    source: z.string(),
    medium: z.string(),
    campaign: z.string(),
    term: z.optional(z.string()),
    content: z.optional(z.string()),
  }),
);

/** What brought a contact at one moment (analytics attribution): a campaign click, a promoter link, a UTM visit. */
export const touchSchema = shared(() =>
  z.object({
    channel: z.enum(['campaign', 'promoter', 'utm', 'direct']),
    at: z.iso.datetime(),
    campaignId: z.optional(z.string()),
    promoterId: z.optional(z.string()),
    utm: z.optional(utmSchema()),
  }),
);

/** What every order event carries: enough for a consumer to act without reading the order. */
export const orderSummary = shared(() =>
  z.object({
    orderId: z.string(),
    eventId: z.string(),
    status: z.enum(['pending', 'paid', 'expired', 'canceled', 'refunded']),
    /** `phone` as the buyer gave it: the CRM joins a contact known by that number only (contacts/adopt-email.ts). */
    buyer: z.object({ email: z.string(), firstName: z.optional(z.string()), lastName: z.optional(z.string()), phone: z.optional(z.string()) }),
    total: moneySchema(),
    admissions: z.int(),
    voucherCode: z.optional(z.string()),
    promoterCode: z.optional(z.string()),
    /** The campaign recipient token the buyer came with (unverified; the attribution consumer checks it). */
    campaignToken: z.optional(z.string()),
    promoter: z.optional(promoterAttribution()),
    /** UTM parameters given at checkout. */
    utm: z.optional(utmSchema()),
    /** First and last touch of the buyer's contact before this order (analytics attribution). */
    attribution: z.optional(z.object({ firstTouch: touchSchema(), lastTouch: touchSchema() })),
    /** The buyer ticked marketing consent at checkout (time, ip and user agent of that request). */
    marketingConsent: z.optional(z.object({ at: z.string(), ip: z.optional(z.string()), userAgent: z.optional(z.string()) })),
  }),
);

/** What every table booking event carries. */
export const tableBookingSummary = shared(() =>
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

export const tableBookingExample = (status: 'deposit_paid' | 'settled') => ({
  bookingId: '01JD0000000000000000000070',
  eventId: '01JD0000000000000000000002',
  tableId: '01JD0000000000000000000071',
  status,
  partySize: 6,
  booker: { name: 'Ada Vega', email: 'ada@example.com' },
  minimumSpend: { amount: 80000, currency: 'EUR' },
  deposit: { amount: 20000, currency: 'EUR' },
});

export const checkInData = shared(() =>
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

export function checkInExample(type: 'entry' | 'exit') {
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

export function orderExample(status: 'pending' | 'paid' | 'expired' | 'canceled' | 'refunded') {
  return {
    orderId: '01JD0000000000000000000009',
    eventId: '01JD0000000000000000000001',
    status,
    buyer: { email: 'ana@example.com', firstName: 'Ana' },
    total: { amount: 5000, currency: 'EUR' },
    admissions: 2,
  };
}
