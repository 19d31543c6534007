import type { CheckInRecordView, ScannerBundleView } from './contract.ts';
import { ticketCodeDigest } from '#packages/tickets/ticket-code.ts';
import { nowIso, toUtc } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { eventSnapshot, listCheckInLists } from './check-in-lists.ts';

type CheckInItem = Awaited<ReturnType<ReturnType<ReturnType<typeof db>['entities']['checkIn']['get']>['go']>>['data'] & {};

function toRecordView(c: CheckInItem): CheckInRecordView {
  const { checkInId, ...rest } = c;
  return { id: checkInId, ...rest, ...scanStatusOf(c.result) };
}

/** The audit row's stored `result` (`ok`, `duplicate` or a refusal's code) in the words of a scan's answer. */
export function scanStatusOf(result: string): Pick<CheckInRecordView, 'status' | 'code'> {
  return result === 'ok' || result === 'duplicate' ? { status: result } : { status: 'refused', code: result };
}

export interface CheckInFilter {
  deviceId?: string | undefined;
  listId?: string | undefined;
  since?: string | undefined;
}

/** The audit trail from the checkIn indexes: byDevice, byList or byEvent; `since` is a lower bound on receivedAt. */
export async function listCheckIns(eventId: string, filter: CheckInFilter, page: PageRequest): Promise<Page<CheckInRecordView>> {
  const options = { limit: page.limit, cursor: checkedCursor(page.cursor) };
  const since = toUtc(filter.since);
  const checkIn = db().entities.checkIn;
  const query = filter.deviceId
    ? checkIn.query.byDevice({ eventId, deviceId: filter.deviceId })
    : filter.listId
      ? checkIn.query.byList({ eventId, listId: filter.listId })
      : checkIn.query.byEvent({ eventId });
  const ranged = since ? query.gte({ receivedAt: since }) : query;
  // byDevice with a listId too: the list is a filter on that device's scans.
  const filtered = filter.deviceId && filter.listId ? ranged.where((a, { eq }) => eq(a.listId, filter.listId!)) : ranged;
  const { data, cursor } = await filtered.go(options);
  return { items: data.map(toRecordView), nextCursor: cursor };
}

const TICKET_QUERY_CONCURRENCY = 16;

/**
 * Everything an offline scanner needs, and nothing that could mint a ticket:
 * SHA-256 digests of the codes, never the signing key. There is no
 * tickets-by-event index: the event's paid orders (byEventStatus) and then
 * each order's tickets (byOrder). Cost ≈ 1 query per paid order — fine for a
 * download before doors open, not for a hot path.
 */
export async function scannerBundle(eventId: string): Promise<ScannerBundleView> {
  const snapshot = await eventSnapshot(eventId, true);
  if (!snapshot.eventExists) throw notFound('Event', eventId);
  const lists = await listCheckInLists(eventId);
  const orderIds: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: Array<{ orderId: string }>; cursor: string | null } = await db()
      .entities.order.query.byEventStatus({ eventId, status: 'paid' })
      .go({ cursor, attributes: ['orderId'], limit: 500 });
    orderIds.push(...page.data.map((o) => o.orderId));
    cursor = page.cursor;
  } while (cursor);

  const tickets: ScannerBundleView['tickets'] = [];
  const queue = [...orderIds];
  async function worker() {
    for (let orderId = queue.shift(); orderId; orderId = queue.shift()) {
      const { data } = await db().entities.ticket.query.byOrder({ orderId }).go({ pages: 'all' });
      for (const t of data) {
        tickets.push({ digest: ticketCodeDigest(t.code), ticketId: t.ticketId, ticketTypeId: t.ticketTypeId, status: t.status });
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(TICKET_QUERY_CONCURRENCY, queue.length) }, worker));
  tickets.sort((a, b) => a.ticketId.localeCompare(b.ticketId));

  return {
    format: 'eventos-scanner-bundle/1',
    eventId,
    generatedAt: nowIso(),
    digestAlgorithm: 'sha256-hex',
    ticketTypes: [...snapshot.ticketTypes.values()],
    lists,
    tickets,
  };
}
