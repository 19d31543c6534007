import { createHash } from 'node:crypto';
import type { AttendeeView, BatchScanResultView, CheckInBatchInput, CheckInRecordView } from '../../api/schemas/check-ins.ts';
import { logger } from '../../http/logger.ts';
import { encodeCrockford } from '../../tickets/crockford-base32.ts';
import { resolveTicketSigningKey, verifyTicketCode } from '../../tickets/ticket-code.ts';
import { putOnBus } from '../bus/publish.ts';
import { domainEvent, type PendingEvent } from '../bus/pending-event.ts';
import { nowIso, toUtc } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { isConditionFailure } from '../db/conditions.ts';
import { db } from '../db/service.ts';
import { conflict, DomainError, unprocessable } from '../errors.ts';
import { newId } from '../ids.ts';
import { checkInListRules, ticketTypeName } from './check-in-lists.ts';

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
async function auditRefusal(input: ScanInput, listId: string, scannedAt: string, receivedAt: string, error: DomainError, ticket?: { ticketId: string; ticketTypeId: string }) {
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
        scannedAt,
        receivedAt,
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
 * Decides one scan (online or from an offline batch). Budget on an admission:
 * one ticket GetItem, eventually consistent (0.5 RCU for an item under
 * 4 KB; the holder is copied onto the ticket at issue), lists/types from the per-process cache, ONE conditional
 * UpdateItem on ticketPresence (≤ 2 WCU), no other write: the caller puts the
 * returned event on the bus. Refusals cost a conditional audit put (and, for
 * a failed update, a consistent GetItem of the presence to say why).
 */
export async function decideScan(input: ScanInput, ctx: Pick<RequestContext, 'correlationId'>): Promise<ScanOutcome> {
  const receivedAt = nowIso();
  const scannedAt = toUtc(input.scannedAt) ?? receivedAt;
  const listId = input.listId ?? input.eventId;
  let ticketRef: { ticketId: string; ticketTypeId: string } | undefined;
  const refused = async (error: DomainError): Promise<ScanOutcome> => {
    await auditRefusal(input, listId, scannedAt, receivedAt, error, ticketRef);
    return { kind: 'refused', error };
  };

  const claims = verifyTicketCode(input.code, await resolveTicketSigningKey());
  if (!claims) return refused(refuse.invalid());
  const { data: ticket } = await db().entities.ticket.get({ ticketId: claims.ticketId }).go();
  if (!ticket || ticket.code !== input.code) return refused(refuse.invalid());
  ticketRef = { ticketId: ticket.ticketId, ticketTypeId: ticket.ticketTypeId };
  if (ticket.eventId !== input.eventId) return refused(refuse.wrongEvent(ticket.eventId));
  if (ticket.status === 'void') return refused(refuse.canceled());
  // Tickets exist only once their order is paid, and a refund or cancel voids
  // them, so `void` already says canceled; the order is read only for tickets
  // issued before the holder was copied onto them.
  let holder = ticket.holderEmail ? { email: ticket.holderEmail, name: ticket.holderName ?? ticket.holderEmail } : null;
  if (!holder) {
    const { data: order } = await db().entities.order.get({ orderId: ticket.orderId }).go();
    if (!order) return refused(refuse.invalid());
    if (order.status === 'canceled' || order.status === 'refunded') return refused(refuse.canceled());
    if (order.status !== 'paid') return refused(refuse.unpaid());
    holder = { email: order.buyer.email, name: [order.buyer.firstName, order.buyer.lastName].filter(Boolean).join(' ') || order.buyer.email };
  }

  let list;
  try {
    list = await checkInListRules(input.eventId, listId);
  } catch (error) {
    if (error instanceof DomainError) return refused(error);
    throw error;
  }
  if (input.type === 'entry' && ((list.validFrom && scannedAt < list.validFrom) || (list.validUntil && scannedAt > list.validUntil))) {
    return refused(refuse.invalidTime(list.validFrom, list.validUntil));
  }
  if (list.ticketTypeIds.length > 0 && !list.ticketTypeIds.includes(ticket.ticketTypeId)) return refused(refuse.product(ticket.ticketTypeId));

  const attendee: AttendeeView = {
    name: holder.name,
    email: holder.email,
    ticketTypeId: ticket.ticketTypeId,
    ticketTypeName: await ticketTypeName(input.eventId, ticket.ticketTypeId),
  };
  const answerOf = (status: 'ok' | 'duplicate'): ScanAnswer => ({
    status,
    checkIn: {
      id: scanId(input, 'admit'),
      eventId: input.eventId,
      listId,
      ticketId: ticket.ticketId,
      ticketTypeId: ticket.ticketTypeId,
      deviceId: input.deviceId,
      type: input.type,
      result: status,
      scannedAt,
      receivedAt,
      offline: input.offline,
      ...(input.nonce ? { nonce: input.nonce } : {}),
    },
    attendee,
  });
  const eventOf = (answer: ScanAnswer): PendingEvent =>
    domainEvent(
      input.type === 'entry' ? 'ticket.checked_in' : 'ticket.checked_out',
      {
        checkInId: answer.checkIn.id,
        eventId: input.eventId,
        listId,
        ticketId: ticket.ticketId,
        ticketTypeId: ticket.ticketTypeId,
        orderId: ticket.orderId,
        buyerEmail: holder.email,
        deviceId: answer.checkIn.deviceId,
        type: answer.checkIn.type,
        scannedAt: answer.checkIn.scannedAt,
        offline: answer.checkIn.offline,
        duplicate: answer.status === 'duplicate',
      },
      ctx,
    );

  const answer = answerOf('ok');
  const nk = nonceKey(input);
  try {
    await db()
      .entities.ticketPresence.update({ ticketId: ticket.ticketId, listId })
      .data((a, op) => {
        op.set(a.eventId, input.eventId);
        op.set(a.inside, input.type === 'entry');
        op.set(a.lastScanAt, scannedAt);
        if (input.type === 'entry') {
          op.add(a.entries, 1);
          op.ifNotExists(a.firstCheckInId, answer.checkIn.id);
          op.ifNotExists(a.firstCheckedInAt, scannedAt);
          op.ifNotExists(a.firstDeviceId, input.deviceId);
        }
        if (nk) {
          op.set(a.lastNonce, nk);
          op.set(a.lastAnswer, JSON.stringify(answer));
          op.add(a.seenNonces, [nk]);
        }
      })
      .where((a, { eq, notExists, notContains }) => {
        const rules: string[] = [];
        if (nk) rules.push(`${notContains(a.seenNonces, nk)}`);
        if (input.type === 'exit') rules.push(eq(a.inside, true));
        else if (!list.allowMultipleEntries) {
          rules.push(`(${notExists(a.inside)} OR ${eq(a.inside, false)})`);
          if (!list.allowEntryAfterExit) rules.push(`(${notExists(a.entries)} OR ${eq(a.entries, 0)})`);
        }
        return rules.join(' AND ');
      })
      .go({ response: 'none' });
    return { kind: 'admitted', answer, event: eventOf(answer) };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }

  // The update was refused: say why from the item as it is now.
  const { data: presence } = await db().entities.ticketPresence.get({ ticketId: ticket.ticketId, listId }).go({ consistent: true });
  if (nk && presence?.seenNonces?.includes(nk)) {
    // Same scan again: the first answer, and its event once more (it may never have reached the bus).
    const first: ScanAnswer = presence.lastNonce === nk && presence.lastAnswer ? (JSON.parse(presence.lastAnswer) as ScanAnswer) : answer;
    return { kind: 'admitted', answer: first, event: eventOf(first) };
  }
  if (input.type === 'exit') return refused(refuse.notInside());
  if (input.offline) {
    // Two devices admitted the same person while offline: keep both, the later upload marked duplicate.
    const duplicate = answerOf('duplicate');
    return { kind: 'admitted', answer: duplicate, event: eventOf(duplicate) };
  }
  return refused(refuse.already(presence?.firstCheckedInAt, presence?.firstDeviceId));
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
  const outcome = await decideScan({ ...input, offline: false }, ctx);
  if (outcome.kind === 'refused') throw outcome.error;
  await publishScans([outcome.event]);
  return outcome.answer;
}

const STATUS: Record<DomainError['kind'], number> = { invalid: 400, not_found: 404, conflict: 409, unprocessable: 422, unavailable: 503 };
const BATCH_CONCURRENCY = 16;

/**
 * An offline upload. Scans of the same code are decided one after another in
 * scannedAt order (entry, exit, entry… keep their meaning); different codes
 * run in parallel. Events go on the bus together at the end.
 */
export async function scanBatch(eventId: string, batch: CheckInBatchInput, ctx: RequestContext): Promise<BatchScanResultView[]> {
  const results: BatchScanResultView[] = new Array(batch.scans.length);
  const groups = new Map<string, number[]>();
  batch.scans.forEach((s, i) => groups.set(s.code, [...(groups.get(s.code) ?? []), i]));
  const queue = [...groups.values()].map((idx) => idx.sort((a, b) => batch.scans[a]!.scannedAt.localeCompare(batch.scans[b]!.scannedAt)));
  const events: PendingEvent[] = [];

  async function worker() {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const i of group) {
        const scan = batch.scans[i]!;
        const outcome = await decideScan(
          { eventId, code: scan.code, deviceId: scan.deviceId ?? batch.deviceId, listId: scan.listId, scannedAt: scan.scannedAt, nonce: scan.nonce, type: scan.type, offline: true },
          ctx,
        );
        if (outcome.kind === 'admitted') {
          events.push(outcome.event);
          const { status, checkIn, attendee } = outcome.answer;
          results[i] = { nonce: scan.nonce, status, code: status, httpStatus: 201, checkIn, attendee };
        } else {
          const { error } = outcome;
          const details = error.details as { firstCheckedInAt?: string; firstDeviceId?: string };
          results[i] = {
            nonce: scan.nonce,
            status: 'refused',
            code: error.code,
            httpStatus: STATUS[error.kind],
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

