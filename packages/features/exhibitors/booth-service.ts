import type { EntityItem } from 'electrodb';
import type { Principal } from '#packages/auth/principal.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { nowIso } from '#packages/core/clock.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import type { boothEntity } from '#packages/core/db/entities/booth.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { definedOnly } from '#packages/core/views.ts';
import { logger } from '#packages/core/logger.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { loadEvent } from '#packages/features/events/index.ts';
import { publishedBooths } from '#packages/features/seating/index.ts';
import { deliverPendingBenefitOfKind, prepareBoothBilling } from '#packages/features/sponsors/index.ts';
import type { BoothView } from './contract.ts';
import { exhibitorFor, type ExhibitorItem } from './access.ts';

type BoothItem = EntityItem<typeof boothEntity>;

export const toBoothView = (b: BoothItem): BoothView =>
  definedOnly({
    eventId: b.eventId,
    boothGuid: b.boothGuid,
    name: b.name,
    position: { x: b.x, y: b.y },
    size: { width: b.width, height: b.height },
    price: b.price,
    state: b.state,
    exhibitorId: b.exhibitorId,
    bookedAt: b.bookedAt,
  }) as BoothView;

/**
 * Puts a booth drawn on the published map on sale at a price (size and
 * location from the map). A booked booth keeps its booking: only the price
 * of an available one changes.
 */
export async function putBoothOnSale(eventId: string, boothGuid: string, price: { amount: number; currency: string }): Promise<BoothView> {
  const onMap = (await publishedBooths(eventId)).find((b) => b.boothGuid.toLowerCase() === boothGuid.toLowerCase());
  if (!onMap) throw unprocessable('booth_not_on_map', `The published map of event ${eventId} has no booth ${boothGuid}`);
  const described = { name: onMap.name, x: onMap.position.x, y: onMap.position.y, width: onMap.size.width, height: onMap.size.height, price };
  try {
    const { data } = await db()
      .entities.booth.create({ eventId, boothGuid: onMap.boothGuid, state: 'available', ...described })
      .go();
    return toBoothView(data as BoothItem);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  try {
    const { data } = await db()
      .entities.booth.patch({ eventId, boothGuid: onMap.boothGuid })
      .set(described)
      .where((a, op) => op.eq(a.state, 'available'))
      .go({ response: 'all_new' });
    return toBoothView(data as BoothItem);
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('booth_booked', 'The booth is booked; its price no longer changes');
    throw error;
  }
}

/** Every booth of the event (404 for an unknown event, never an empty list). */
export async function listBooths(eventId: string): Promise<BoothView[]> {
  await loadEvent(eventId);
  const { data } = await db().entities.booth.query.byEvent({ eventId }).go({ pages: 'all' });
  return data.map(toBoothView);
}

/**
 * Books a booth for an exhibitor: the booth's write is conditioned on
 * `state = available` and the exhibitor's on having no booth yet, in ONE
 * transaction with `booth.booked`. Of any number of racing bookings exactly
 * one commits; the others are refused 409 `booth_taken` — no "first to pay wins".
 *
 * The booth is sold on account, not paid by card at booking: trade-show
 * organisers invoice booth space (exhibitors pay by bank transfer against an
 * invoice, often with the sponsorship package), so the booking is what
 * commits the money. In the same transaction its price goes on the bill: the
 * exhibitor's sponsorship (its amount, booth lines and opportunity amount,
 * while its invoice is not yet issued — sponsors/booth-billing.ts), else the
 * exhibitor's own `boothCharge`.
 */
export async function bookBooth(eventId: string, boothGuid: string, exhibitorId: string, principal: Principal, ctx: RequestContext): Promise<BoothView> {
  const exhibitor = await exhibitorFor(principal, eventId, exhibitorId);
  // Only the sponsorship's bill is retried: two of its exhibitors booking at once both go on it, one after the other.
  const outcome = await withRaceRetries(() => attemptBooking(eventId, boothGuid, exhibitor, ctx), 4);
  if (outcome === RETRY) throw conflict('concurrent_update', "The exhibitor's sponsorship kept changing meanwhile; try again");
  if (exhibitor.sponsorshipId) await deliverSponsorBooth(eventId, exhibitor.sponsorshipId, ctx);
  return outcome;
}

async function attemptBooking(eventId: string, boothGuid: string, exhibitor: ExhibitorItem, ctx: RequestContext): Promise<BoothView | typeof RETRY> {
  const { exhibitorId } = exhibitor;
  const { data: booth } = await db().entities.booth.get({ eventId, boothGuid }).go({ consistent: true });
  if (!booth) throw notFound('Booth', boothGuid);
  if (booth.state === 'booked') {
    if (booth.exhibitorId === exhibitorId) return toBoothView(booth);
    throw conflict('booth_taken', 'The booth is already booked');
  }
  const at = nowIso();
  const billing = exhibitor.sponsorshipId
    ? await prepareBoothBilling(eventId, exhibitor.sponsorshipId, { boothGuid: booth.boothGuid, exhibitorId, price: booth.price }, ctx, at)
    : null;
  const billedTo = billing?.onSponsorship ? ('sponsorship' as const) : ('exhibitor' as const);
  const tx = namedTransaction<'booth' | 'exhibitor' | 'sponsorship'>();
  tx.add(
    'booth',
    tx.entities.booth
      .patch({ eventId, boothGuid: booth.boothGuid })
      .set({ state: 'booked', exhibitorId, bookedAt: at, ...(exhibitor.sponsorshipId ? { sponsorshipId: exhibitor.sponsorshipId } : {}) })
      .where((a, op) => `${op.eq(a.state, 'available')} AND ${op.eq(a.updatedAt, booth.updatedAt)}`)
      .commit(),
  ).add(
    'exhibitor',
    tx.entities.exhibitor
      .patch({ eventId, exhibitorId })
      .set({ boothGuid: booth.boothGuid, boothCharge: { ...booth.price, billedTo } })
      .where((a, op) => op.notExists(a.boothGuid))
      .commit(),
  );
  if (billing?.onSponsorship) tx.add('sponsorship', ...billing.items(tx.entities));
  const event = domainEvent('booth.booked', definedOnly({ eventId, boothGuid: booth.boothGuid, exhibitorId, sponsorshipId: exhibitor.sponsorshipId, price: booth.price, billedTo }) as never, ctx);
  const result = await transactWithEvents(() => tx.items, [event]);
  if (result.canceled) {
    if (tx.rejected(result, 'booth')) {
      const { data: now } = await db().entities.booth.get({ eventId, boothGuid: booth.boothGuid }).go({ consistent: true });
      if (now?.state === 'booked') throw conflict('booth_taken', 'The booth is already booked');
      return RETRY; // its price changed meanwhile: book it at the new one
    }
    if (tx.rejected(result, 'exhibitor')) throw conflict('exhibitor_has_booth', 'The exhibitor already has a booth');
    return RETRY;
  }
  return toBoothView({ ...booth, state: 'booked', exhibitorId, bookedAt: at });
}

/**
 * A sponsor's exhibitor booked its booth: the sponsorship's booth benefit is
 * delivered. After the booking's commit and never failing it — if this
 * write is lost, the benefit stays pending and the overdue job reminds its owner.
 */
async function deliverSponsorBooth(eventId: string, sponsorshipId: string, ctx: RequestContext): Promise<void> {
  try {
    await deliverPendingBenefitOfKind(eventId, sponsorshipId, 'booth', ctx);
  } catch (error) {
    logger.warn('booth booked, but its sponsor benefit could not be marked delivered', { sponsorshipId, error: (error as Error).message });
  }
}
