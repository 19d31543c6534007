import { randomBytes } from 'node:crypto';
import type { AddGuestInput, GuestSignUpInput, GuestView } from './contract.ts';
import type { Principal } from '#packages/auth/principal.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, invalid, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { toE164 } from '#packages/core/phone.ts';
import { encodeCrockford } from '#packages/tickets/crockford-base32.ts';
import { assertCanActFor, loadLink, loadPlan, loadPromoter, promoterOfUser, type PromoterItem } from '#packages/features/promoters/index.ts';
import { GUEST_CODE_PREFIX } from './guest-code.ts';
import { loadGuestList } from './guest-list-service.ts';
import { toGuestView, type GuestItem } from './guest-view.ts';

/** The guard keys of one person: normalised email and phone, each unique per event. */
export function identitiesOf(guest: { email?: string | undefined; phone?: string | undefined }): string[] {
  return [...(guest.email ? [`e:${guest.email.trim().toLowerCase()}`] : []), ...(guest.phone ? [`p:${toE164(guest.phone) ?? guest.phone}`] : [])];
}

/** Per-check-in commission of the promoter's plan for guests, frozen on the guest when added. */
async function guestCommission(promoter: PromoterItem, eventEndsAt: string) {
  const plan = promoter.planId ? await loadPlan(promoter.planId) : null;
  const rules = (plan?.rules ?? []).filter((r) => r.scope === 'guest_list' && r.basis === 'per_check_in' && r.amount && r.currency);
  if (!plan || !rules.length) return undefined;
  return {
    approveAfter: new Date(Date.parse(eventEndsAt) + plan.holdDays * 86_400_000).toISOString(),
    currency: rules[0]!.currency!,
    rules: rules.filter((r) => r.currency === rules[0]!.currency).map((r) => ({ ruleId: r.ruleId, beneficiaryId: promoter.promoterId, amount: r.amount! })),
  };
}

const duplicateGuest = () => conflict('duplicate_guest', 'This person is already on a guest list for this event');

interface NewGuest {
  guestListId: string;
  tierId: string;
  promoter: PromoterItem;
  person: GuestSignUpInput;
  source: 'promoter' | 'link';
}

/**
 * Puts a guest on a tier. The place is taken first by ONE conditional
 * UpdateItem (`taken < quota`), so concurrent sign-ups queue on the item
 * instead of racing a read. Then the guest and its identity guards (event +
 * email, event + phone: `attribute_not_exists`) and `guest.added` in one
 * transaction; if a guard refuses (the person is already on a list of this
 * event: the first promoter keeps them) the place is given back. A crash
 * between the two leaves one place taken and unused — the quota can run
 * short by it, never over.
 */
async function putGuest({ guestListId, tierId, promoter, person, source }: NewGuest, ctx: RequestContext): Promise<GuestView> {
  const list = await loadGuestList(guestListId);
  const tier = list.tiers.find((t) => t.tierId === tierId);
  if (!tier) throw unprocessable('tier_unknown', `The guest list has no tier ${tierId}`, { tierId });
  const now = nowIso();
  if (now > tier.deadline) throw unprocessable('guest_list_closed', 'The tier closed at its deadline', { deadline: tier.deadline });
  if (promoter.status !== 'active') throw unprocessable('promoter_inactive', 'The promoter is inactive');
  const { data: event } = await db().entities.event.get({ eventId: list.eventId }).go();
  if (!event) throw unprocessable('event_unknown', 'The event of this list is gone');
  const identities = identitiesOf(person);
  if (!identities.length) throw invalid('email_or_phone', 'Give an email or a phone');

  // Fast refusal of a known duplicate without taking a place; the guards' conditional puts below decide races.
  const { data: known } = await db().entities.guestIdentity.get(identities.map((identity) => ({ eventId: list.eventId, identity }))).go();
  if (known.length) throw duplicateGuest();

  try {
    await db()
      .entities.guestTierCount.update({ guestListId, tierId })
      .add({ taken: 1 })
      // The tier's quota is fixed when the list is made, so the list's copy is the counter's.
      .where((a, op) => op.lt(a.taken, tier.quota))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('guest_list_full', 'This tier of the guest list is full', { tierId, quota: tier.quota });
    throw error;
  }

  const guestId = newId();
  const commission = await guestCommission(promoter, event.endsAt);
  const guest: GuestItem = {
    guestId,
    eventId: list.eventId,
    guestListId,
    tierId,
    promoterId: promoter.promoterId,
    name: person.name,
    ...(person.email ? { email: person.email } : {}),
    ...(person.phone ? { phone: toE164(person.phone) ?? person.phone } : {}),
    code: `${GUEST_CODE_PREFIX}${guestId}.${encodeCrockford(randomBytes(10))}`,
    source,
    ...(commission ? { commission } : {}),
    createdAt: now,
    updatedAt: now,
  };
  const added = domainEvent(
    'guest.added',
    {
      guestId,
      eventId: list.eventId,
      guestListId,
      tierId,
      promoterId: promoter.promoterId,
      promoterCode: promoter.code,
      name: guest.name,
      ...(guest.email ? { email: guest.email } : {}),
      ...(guest.phone ? { phone: guest.phone } : {}),
      source,
    },
    ctx,
  );
  const result = await transactWithEvents(
    (entities) => [
      entities.guest.create(guest).commit(),
      ...identities.map((identity) => entities.guestIdentity.create({ eventId: list.eventId, identity, guestId, promoterId: promoter.promoterId }).commit()),
    ],
    [added],
  );
  if (!result.canceled) return toGuestView(guest, event.endsAt, now);
  // Give the place back, whatever refused the guest.
  await db().entities.guestTierCount.update({ guestListId, tierId }).add({ taken: -1 }).go();
  const reasons = result.data.map((r) => (r as { code?: string }).code);
  if (reasons.slice(1, 1 + identities.length).includes('ConditionalCheckFailed')) {
    throw duplicateGuest();
  }
  throw conflict('concurrent_update', 'The guest could not be added; try again');
}

/** A promoter adds a guest to its own list; an organiser names the promoter. */
export async function addGuest(guestListId: string, input: AddGuestInput, principal: Principal, ctx: RequestContext): Promise<GuestView> {
  const { tierId, promoterId: named, ...person } = input;
  let promoterId = named;
  if (!promoterId) {
    const self = await promoterOfUser(principal.userId);
    if (!self) throw invalid('promoter_required', 'Name the promoter whose guest this is (promoterId)');
    promoterId = self.promoterId;
  }
  await assertCanActFor(principal, promoterId);
  return putGuest({ guestListId, tierId, promoter: await loadPromoter(promoterId), person, source: 'promoter' }, ctx);
}

/** A guest signs up through a promoter's link that points at a guest list tier. */
export async function signUpThroughLink(slug: string, person: GuestSignUpInput, ctx: RequestContext): Promise<GuestView> {
  const link = await loadLink(slug);
  if (!link.guestListId || !link.tierId) throw unprocessable('link_without_guest_list', 'This link has no guest list');
  return putGuest({ guestListId: link.guestListId, tierId: link.tierId, promoter: await loadPromoter(link.promoterId), person, source: 'link' }, ctx);
}
