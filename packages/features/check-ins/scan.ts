import { count } from '#packages/core/metrics.ts';
import { createHash } from 'node:crypto';
import type { AttendeeView, BatchScanResultView, CheckInBatchInput, CheckInRecordView } from './contract.ts';
import { logger } from '#packages/core/logger.ts';
import { encodeCrockford } from '#packages/tickets/crockford-base32.ts';
import { verifyTicketCode } from '#packages/tickets/ticket-code.ts';
import { putOnBus } from '#packages/core/bus/publish.ts';
import { domainEvent, type PendingEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso, toUtc } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { currentSecret } from '#packages/core/secrets/index.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, DomainError, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { admitGuest, isGuestCode } from '#packages/features/guest-lists/index.ts';
import { admit, presenceOn, type TicketItem } from './admission.ts';
import { checkInListRules, eventSnapshot, ticketTypeName, type CheckInListRules } from './check-in-lists.ts';
import { scanTimes, type ScanTimes } from './scan-time.ts';

export interface ScanInput {
  eventId: string;
  code: string;
  deviceId: string;
  listId?: string | undefined;
  scannedAt?: string | undefined;
  nonce?: string | undefined;
  type: 'entry' | 'exit';
  offline: boolean;
}

export interface ScanAnswer {
  status: 'ok' | 'duplicate';
  checkIn: CheckInRecordView;
  attendee: AttendeeView;
}

export type ScanOutcome =
  | { kind: 'admitted'; answer: ScanAnswer; event: PendingEvent }
  | { kind: 'refused'; error: DomainError };

const refuse = {
  invalid: () => new DomainError('not_found', 'invalid', 'Unknown or forged ticket code'),
  wrongEvent: (ticketEventId: string) => unprocessable('wrong_event', 'The ticket is for another event', { ticketEventId }),
  canceled: () => unprocessable('canceled', 'The ticket was canceled or refunded'),
  eventCanceled: () => unprocessable('canceled', 'The event was canceled; its tickets are void', { eventStatus: 'canceled' }),
  unpaid: () => unprocessable('unpaid', 'The order of this ticket is not paid'),
  invalidTime: (validFrom?: string, validUntil?: string) =>
    unprocessable('invalid_time', 'The list does not admit at this time', { ...(validFrom ? { validFrom } : {}), ...(validUntil ? { validUntil } : {}) }),
  product: (ticketTypeId: string) => unprocessable('product', 'This ticket type is not admitted on this list', { ticketTypeId }),
  already: (firstCheckedInAt?: string, firstDeviceId?: string) =>
    conflict('already_checked_in', 'The ticket was already admitted on this list', { firstCheckedInAt, firstDeviceId }),
  notInside: () => conflict('not_checked_in', 'The ticket is not inside, so it cannot exit'),
};

/**
 * A scan's id. With a nonce it is derived from (event, device, nonce), so a
 * retried scan or a re-uploaded offline batch gets the same id and the audit
 * (written idempotently by checkInId) gains nothing new. Admissions and
 * refusals use different salts so they never share an id.
 */
function scanId(input: ScanInput, outcome: 'admit' | 'refuse'): string {
  if (!input.nonce) return newId();
  const digest = createHash('sha256').update(`${input.eventId}|${input.deviceId}|${input.nonce}|${outcome}`).digest();
  return encodeCrockford(digest).slice(0, 26);
}

const nonceKey = (input: ScanInput) => (input.nonce ? `${input.deviceId}|${input.nonce}` : undefined);

/** Refused scans are audited by the request itself (admissions by the ticket.checked_in consumer). */
async function auditRefusal(input: ScanInput, listId: string, times: ScanTimes, error: DomainError, ticket?: { ticketId: string; ticketTypeId: string }) {
  try {
    await db()
      .entities.checkIn.create({
        checkInId: scanId(input, 'refuse'),
        eventId: input.eventId,
        listId,
        deviceId: input.deviceId,
        type: input.type,
        result: error.code,
        ...(ticket ? { ticketId: ticket.ticketId, ticketTypeId: ticket.ticketTypeId } : {}),
        scannedAt: times.scannedAt,
        receivedAt: times.receivedAt,
        ...(times.clientScannedAt ? { clientScannedAt: times.clientScannedAt } : {}),
        ...(input.nonce ? { nonce: input.nonce } : {}),
        offline: input.offline,
        detail: error.message,
      })
      .go();
  } catch (e) {
    // Same nonce again: the refusal is already on record.
    if (!isConditionFailure(e)) throw e;
  }
}

/**
 * What a scan learns from the ticket alone, in the contract's order: unknown
 * or not the current code → invalid, another event → wrong_event, void →
 * canceled. A ticket issued before the holder was copied onto it is checked
 * against its order (canceled, unpaid) and gets the holder now, so its next
 * scan takes the one-write path.
 */
async function ticketRefusal(item: TicketItem | null, input: ScanInput): Promise<DomainError | null> {
  if (!item || item.code !== input.code) return refuse.invalid();
  if (item.eventId !== input.eventId) return refuse.wrongEvent(item.eventId);
  if (item.status === 'void') return refuse.canceled();
  if (item.holderEmail) return null;
  const { data: order } = await db().entities.order.get({ orderId: item.orderId }).go();
  if (!order) return refuse.invalid();
  if (order.status === 'canceled' || order.status === 'refunded') return refuse.canceled();
  if (order.status !== 'paid') return refuse.unpaid();
  const holderName = [order.buyer.firstName, order.buyer.lastName].filter(Boolean).join(' ') || order.buyer.email;
  await db().entities.ticket.patch({ ticketId: item.ticketId }).set({ holderEmail: order.buyer.email, holderName }).go({ response: 'none' });
  return null;
}

/**
 * Decides one scan (online or from an offline batch). An admission is ONE
 * conditional UpdateItem on the ticket item (admission.ts): no read, lists,
 * ticket types and the event's status from the per-process cache, nothing
 * else written; the caller puts the returned event on the bus. A refusal
 * costs an audit put, and a GetItem of the ticket only when it is decided
 * before the write (unknown list, outside the list's window, an offline time
 * out of bounds, a canceled event, a code of another event).
 *
 * Online scans are judged by the server's clock; an offline scan by its
 * claimed time within bounds (scan-time.ts).
 */
export async function decideScan(input: ScanInput, ctx: Pick<RequestContext, 'correlationId'>, retried = false): Promise<ScanOutcome> {
  const times = scanTimes(input.offline, toUtc(input.scannedAt), nowIso());
  const { scannedAt, receivedAt } = times;
  const listId = input.listId ?? input.eventId;
  // The audit names the ticket only when the code is its current one.
  const refused = async (error: DomainError, ticket?: TicketItem | null): Promise<ScanOutcome> => {
    const named = ticket && ticket.code === input.code ? { ticketId: ticket.ticketId, ticketTypeId: ticket.ticketTypeId } : undefined;
    await auditRefusal(input, listId, times, error, named);
    count('ScansRefused', { reason: error.code });
    return { kind: 'refused', error };
  };

  const claims = verifyTicketCode(input.code, currentSecret('ticketSigningKey'));
  if (!claims) return refused(refuse.invalid());

  let list: CheckInListRules | null = null;
  let listError: DomainError | null = null;
  try {
    list = await checkInListRules(input.eventId, listId);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    listError = error;
  }
  // The snapshot checkInListRules just used (cached): no read of its own.
  const eventCanceled = (await eventSnapshot(input.eventId)).eventStatus === 'canceled';
  const outsideWindow =
    list !== null && input.type === 'entry' && ((list.validFrom !== undefined && scannedAt < list.validFrom) || (list.validUntil !== undefined && scannedAt > list.validUntil));
  if (!list || eventCanceled || times.refusal || outsideWindow || claims.eventId !== input.eventId) {
    // Decided before any write; the ticket's own reasons still come first.
    const { data: ticket } = await db().entities.ticket.get({ ticketId: claims.ticketId }).go();
    const item = ticket as TicketItem | null;
    const error =
      (await ticketRefusal(item, input)) ??
      (eventCanceled ? refuse.eventCanceled() : null) ??
      listError ??
      times.refusal ??
      (outsideWindow ? refuse.invalidTime(list?.validFrom, list?.validUntil) : refuse.wrongEvent(claims.eventId));
    return refused(error, item);
  }

  const nk = nonceKey(input);
  const checkInId = scanId(input, 'admit');
  const result = await admit({
    ticketId: claims.ticketId,
    code: input.code,
    eventId: input.eventId,
    listId,
    type: input.type,
    ticketTypeIds: list.ticketTypeIds,
    allowMultipleEntries: list.allowMultipleEntries,
    allowEntryAfterExit: list.allowEntryAfterExit,
    deviceId: input.deviceId,
    scannedAt,
    receivedAt,
    nonceKey: nk,
  });

  const clientTime = times.clientScannedAt ? { clientScannedAt: times.clientScannedAt } : {};
  const admitted = async (item: TicketItem, status: 'ok' | 'duplicate', at = { scannedAt, receivedAt }): Promise<ScanOutcome> => {
    const answer: ScanAnswer = {
      status,
      checkIn: {
        id: checkInId,
        eventId: input.eventId,
        listId,
        ticketId: item.ticketId,
        ticketTypeId: item.ticketTypeId,
        deviceId: input.deviceId,
        type: input.type,
        status,
        result: status,
        ...at,
        ...clientTime,
        offline: input.offline,
        ...(input.nonce ? { nonce: input.nonce } : {}),
      },
      attendee: {
        name: item.holderName ?? item.holderEmail!,
        email: (item.attendeeEmail as string | undefined) ?? item.holderEmail!,
        ticketTypeId: item.ticketTypeId,
        ticketTypeName: await ticketTypeName(input.eventId, item.ticketTypeId),
      },
    };
    const event = domainEvent(
      input.type === 'entry' ? 'ticket.checked_in' : 'ticket.checked_out',
      {
        checkInId,
        eventId: input.eventId,
        listId,
        ticketId: item.ticketId,
        ticketTypeId: item.ticketTypeId,
        orderId: item.orderId,
        buyerEmail: item.holderEmail!,
        ...(typeof item.attendeeEmail === 'string' ? { attendeeEmail: item.attendeeEmail } : {}),
        ...(typeof item.attendeeContactId === 'string' ? { attendeeContactId: item.attendeeContactId } : {}),
        deviceId: input.deviceId,
        type: input.type,
        scannedAt: answer.checkIn.scannedAt,
        receivedAt: answer.checkIn.receivedAt,
        ...clientTime,
        offline: input.offline,
        duplicate: status === 'duplicate',
      },
      ctx,
    );
    // A duplicate (a second scan within the re-entry window) is answered, not a new admission.
    if (answer.status === 'ok') count('ScansAdmitted');
    return { kind: 'admitted', answer, event };
  };

  if (result.admitted) return admitted(result.item, 'ok');

  // Refused: say why from the item as it was when the condition failed.
  const item = result.item;
  const ticketError = await ticketRefusal(item, input);
  if (ticketError) return refused(ticketError, item);
  const ticket = item!;
  // The holder was copied onto the ticket just now: once more, on the one-write path.
  if (!ticket.holderEmail) return retried ? refused(refuse.invalid(), ticket) : decideScan(input, ctx, true);
  if (list.ticketTypeIds.length > 0 && !list.ticketTypeIds.includes(ticket.ticketTypeId)) return refused(refuse.product(ticket.ticketTypeId), ticket);
  const presence = presenceOn(ticket, input.eventId, listId);
  if (nk && presence.seen(nk)) {
    // Same scan again: the first answer, and its event once more (it may never have reached the bus).
    return admitted(ticket, 'ok', presence.lastNonceTimes(nk));
  }
  if (input.type === 'exit') return refused(refuse.notInside(), ticket);
  // Two devices admitted the same person while offline: keep both, the later upload marked duplicate.
  if (input.offline) return admitted(ticket, 'duplicate');
  return refused(refuse.already(presence.first?.at, presence.first?.deviceId), ticket);
}

/** Puts events on the bus; a failure is logged, never fails the scans (a retry with the same nonce re-publishes). */
export async function publishScans(events: PendingEvent[]): Promise<void> {
  if (!events.length) return;
  try {
    const accepted = new Set(await putOnBus(events));
    const missing = events.filter((e) => !accepted.has(e.eventId));
    if (missing.length) logger.warn('check-in events not accepted by the bus', { count: missing.length });
  } catch (error) {
    logger.warn('check-in events not published', { error: (error as Error).message, count: events.length });
  }
}

/** POST /check-ins: the answer, or the refusal thrown as a problem. */
export async function scanOnline(input: Omit<ScanInput, 'offline'>, ctx: RequestContext): Promise<ScanAnswer> {
  // A guest list's code (guest-lists/guest-code.ts): admitted on the guest, not a ticket.
  if (isGuestCode(input.code)) return admitGuest(input, ctx);
  const outcome = await decideScan({ ...input, offline: false }, ctx);
  if (outcome.kind === 'refused') throw outcome.error;
  await publishScans([outcome.event]);
  return outcome.answer;
}

/**
 * One scan's result in a batch. A refusal carries the domain's kind of
 * error; the transport turns it into the `httpStatus` a single scan would
 * have answered, from the one table that maps kinds to HTTP.
 */
export type BatchScanOutcome = Omit<BatchScanResultView, 'httpStatus'> & { refusedAs?: DomainError['kind'] };
const BATCH_CONCURRENCY = 16;

/** A guest code in an offline upload: decided now, on the guest (guests enter once; a second device's upload is refused). */
async function guestInBatch(eventId: string, scan: CheckInBatchInput['scans'][number], deviceId: string, ctx: RequestContext): Promise<BatchScanOutcome> {
  try {
    const { status, checkIn, attendee } = await admitGuest({ eventId, code: scan.code, deviceId, listId: scan.listId, type: scan.type }, ctx);
    return { nonce: scan.nonce, status, code: status, checkIn: { ...checkIn, offline: true, nonce: scan.nonce }, attendee };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { nonce: scan.nonce, status: 'refused', code: error.code, refusedAs: error.kind, detail: error.message };
  }
}

/**
 * An offline upload. Scans of the same code are decided one after another in
 * scannedAt order (entry, exit, entry… keep their meaning); different codes
 * run in parallel. Events go on the bus together at the end.
 */
export async function scanBatch(eventId: string, batch: CheckInBatchInput, ctx: RequestContext): Promise<BatchScanOutcome[]> {
  const results: BatchScanOutcome[] = new Array(batch.scans.length);
  const groups = new Map<string, number[]>();
  batch.scans.forEach((s, i) => groups.set(s.code, [...(groups.get(s.code) ?? []), i]));
  const queue = [...groups.values()].map((idx) => idx.sort((a, b) => batch.scans[a]!.scannedAt.localeCompare(batch.scans[b]!.scannedAt)));
  const events: PendingEvent[] = [];

  async function worker() {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const i of group) {
        const scan = batch.scans[i]!;
        if (isGuestCode(scan.code)) {
          results[i] = await guestInBatch(eventId, scan, scan.deviceId ?? batch.deviceId, ctx);
          continue;
        }
        const outcome = await decideScan(
          { eventId, code: scan.code, deviceId: scan.deviceId ?? batch.deviceId, listId: scan.listId, scannedAt: scan.scannedAt, nonce: scan.nonce, type: scan.type, offline: true },
          ctx,
        );
        if (outcome.kind === 'admitted') {
          events.push(outcome.event);
          const { status, checkIn, attendee } = outcome.answer;
          results[i] = { nonce: scan.nonce, status, code: status, checkIn, attendee };
        } else {
          const { error } = outcome;
          const details = error.details as { firstCheckedInAt?: string; firstDeviceId?: string };
          results[i] = {
            nonce: scan.nonce,
            status: 'refused',
            code: error.code,
            refusedAs: error.kind,
            detail: error.message,
            ...(details.firstCheckedInAt ? { firstCheckedInAt: details.firstCheckedInAt } : {}),
            ...(details.firstDeviceId ? { firstDeviceId: details.firstDeviceId } : {}),
          };
        }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, queue.length) }, worker));
  await publishScans(events);
  return results;
}

