import { db } from '#packages/core/db/service.ts';
import { batchGetAll } from '#packages/core/db/batch-get.ts';
import { listContacts } from '#packages/features/contacts/index.ts';
import { listAttendees } from '#packages/features/attendees/index.ts';
import type { Column } from './csv-writer.ts';

/** Rows per page read: one Query (or a Query and a BatchGet) each. */
const PAGE = 100;

type Paged<T> = (cursor: string | null) => Promise<{ data: T[]; cursor: string | null }>;

export async function* pages<T>(read: Paged<T>): AsyncIterable<T[]> {
  let cursor: string | null = null;
  do {
    const page: { data: T[]; cursor: string | null } = await read(cursor);
    yield page.data;
    cursor = page.cursor;
  } while (cursor);
}

type ContactRow = Record<string, unknown>;

export const contactColumns: Column<ContactRow>[] = [
  { header: 'id', value: (c) => c.id ?? c.contactId },
  { header: 'email', value: (c) => c.email },
  { header: 'firstName', value: (c) => c.firstName },
  { header: 'lastName', value: (c) => c.lastName },
  { header: 'phone', value: (c) => c.phone },
  { header: 'tags', value: (c) => c.tags },
  { header: 'leadSource', value: (c) => c.leadSource },
  { header: 'marketingConsent', value: (c) => c.marketingConsent },
  { header: 'ordersCount', value: (c) => c.ordersCount },
  { header: 'lifetimeValueAmount', value: (c) => c.lifetimeValueAmount },
  { header: 'lifetimeValueCurrency', value: (c) => c.lifetimeValueCurrency },
  { header: 'engagementScore', value: (c) => c.engagementScore },
  { header: 'createdAt', value: (c) => c.createdAt },
];

/**
 * Contacts by segment (its member items, then the contacts 100 to a
 * BatchGetItem; trashed ones left out) or by the list filters of
 * GET /v1/contacts (tag, leadSource, companyId, …), which page on their own
 * index.
 */
export function contactPages(filter: { segmentId?: string; tag?: string; leadSource?: string; companyId?: string }): AsyncIterable<ContactRow[]> {
  const { segmentId, ...listFilter } = filter;
  if (segmentId) {
    return pages(async (cursor) => {
      const members = await db().entities.segmentMember.query.bySegment({ segmentId }).go({ cursor, limit: PAGE });
      const contacts = await batchGetAll(
        members.data.map(({ contactId }) => ({ contactId })),
        (batch) => db().entities.contact.get(batch).go(),
      );
      return { data: contacts.filter((c) => c.state === 'active') as ContactRow[], cursor: members.cursor };
    });
  }
  return pages(async (cursor) => {
    const page = await listContacts({ ...listFilter, limit: PAGE, ...(cursor ? { cursor } : {}) } as never);
    return { data: page.items as ContactRow[], cursor: page.nextCursor };
  });
}

type OrderRow = Record<string, any>;
export const orderColumns: Column<OrderRow>[] = [
  { header: 'id', value: (o) => o.orderId },
  { header: 'status', value: (o) => o.status },
  { header: 'buyerEmail', value: (o) => o.buyer?.email },
  { header: 'buyerFirstName', value: (o) => o.buyer?.firstName },
  { header: 'buyerLastName', value: (o) => o.buyer?.lastName },
  { header: 'tickets', value: (o) => (o.lines as { quantity: number }[] | undefined)?.reduce((n, l) => n + l.quantity, 0) },
  { header: 'totalAmount', value: (o) => o.total?.amount },
  { header: 'refundedAmount', value: (o) => o.refunded?.amount },
  { header: 'currency', value: (o) => o.total?.currency },
  { header: 'voucherCode', value: (o) => o.voucherCode },
  { header: 'createdAt', value: (o) => o.createdAt },
  { header: 'paidAt', value: (o) => o.paidAt },
];
export const orderPages = (eventId: string, status?: string) =>
  pages<OrderRow>((cursor) =>
    status
      ? db().entities.order.query.byEventStatus({ eventId, status: status as never }).go({ cursor, limit: PAGE })
      : db().entities.order.query.byEvent({ eventId }).go({ cursor, limit: PAGE }),
  );

type CheckInRow = Record<string, any>;
export const checkInColumns: Column<CheckInRow>[] = [
  { header: 'id', value: (c) => c.checkInId },
  { header: 'type', value: (c) => c.type },
  { header: 'result', value: (c) => c.result },
  { header: 'ticketId', value: (c) => c.ticketId },
  { header: 'ticketTypeId', value: (c) => c.ticketTypeId },
  { header: 'listId', value: (c) => c.listId },
  { header: 'deviceId', value: (c) => c.deviceId },
  { header: 'scannedAt', value: (c) => c.scannedAt },
  { header: 'offline', value: (c) => c.offline },
];
export const checkInPages = (eventId: string) => pages<CheckInRow>((cursor) => db().entities.checkIn.query.byEvent({ eventId }).go({ cursor, limit: PAGE }));

type RecipientRow = Record<string, any>;
export const recipientColumns: Column<RecipientRow>[] = [
  { header: 'contactId', value: (r) => r.contactId },
  { header: 'email', value: (r) => r.email },
  { header: 'status', value: (r) => r.status },
  { header: 'skipReason', value: (r) => r.skipReason },
  { header: 'sentAt', value: (r) => r.sentAt },
  { header: 'messageId', value: (r) => r.messageId },
];
export const recipientPages = (campaignId: string) =>
  pages<RecipientRow>((cursor) => db().entities.campaignRecipient.query.byCampaign({ campaignId }).go({ cursor, limit: PAGE }));

type AttendeeRow = Record<string, any>;
export const attendeeColumns: Column<AttendeeRow>[] = [
  { header: 'ticketId', value: (a) => a.ticketId },
  { header: 'orderId', value: (a) => a.orderId },
  { header: 'ticketTypeId', value: (a) => a.ticketTypeId },
  { header: 'status', value: (a) => a.status },
  { header: 'firstName', value: (a) => a.attendee?.firstName },
  { header: 'lastName', value: (a) => a.attendee?.lastName },
  { header: 'email', value: (a) => a.attendee?.email },
  { header: 'company', value: (a) => a.attendee?.company },
  { header: 'jobTitle', value: (a) => a.attendee?.jobTitle },
  { header: 'contactId', value: (a) => a.attendee?.contactId },
  { header: 'checkedIn', value: (a) => a.checkedIn },
];
/** The attendees list's own pages (paid orders, then their tickets), with its filters. */
export const attendeePages = (eventId: string, filter: { ticketTypeId?: string | undefined; checkedIn?: 'true' | 'false' | undefined }) =>
  pages<AttendeeRow>(async (cursor) => {
    const page = await listAttendees(eventId, { ...filter, limit: PAGE, ...(cursor ? { cursor } : {}) });
    return { data: page.items, cursor: page.nextCursor };
  });

type CommissionRow = Record<string, any>;
export const commissionColumns: Column<CommissionRow>[] = [
  { header: 'lineId', value: (l) => l.lineId },
  { header: 'promoterId', value: (l) => l.promoterId },
  { header: 'eventId', value: (l) => l.eventId },
  { header: 'orderId', value: (l) => l.orderId },
  { header: 'guestId', value: (l) => l.guestId },
  { header: 'bookingId', value: (l) => l.bookingId },
  { header: 'kind', value: (l) => l.kind },
  { header: 'cause', value: (l) => l.cause },
  { header: 'amount', value: (l) => l.amount },
  { header: 'currency', value: (l) => l.currency },
  { header: 'status', value: (l) => l.status },
  { header: 'approveAfter', value: (l) => l.approveAfter },
  { header: 'payoutId', value: (l) => l.payoutId },
  { header: 'createdAt', value: (l) => l.createdAt },
  { header: 'approvedAt', value: (l) => l.approvedAt },
  { header: 'paidAt', value: (l) => l.paidAt },
];
/** One promoter's commission ledger, oldest first (the ledger route's Query). */
export const commissionPages = (promoterId: string) =>
  pages<CommissionRow>((cursor) => db().entities.commissionLine.query.byPromoter({ promoterId }).go({ cursor, limit: PAGE }));
