import type { EventData } from '#events/catalog.ts';
import { writtenIfCondition } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';

type Order = EventData<'order.created'>;
export type Touch = NonNullable<Order['attribution']>['firstTouch'];
export type Utm = NonNullable<Order['utm']>;
export interface OrderAttribution {
  firstTouch: Touch;
  lastTouch: Touch;
}

/** A visit's token names its touch this long (the promoter links' window). */
export const VISIT_WINDOW_MS = 30 * 24 * 3600 * 1000;

export interface AttributionInput {
  eventId: string;
  email: string;
  now: string;
  utm?: Utm | undefined;
  /** The promoter the order was attributed to (code or link), already checked by promoters. */
  promoterId?: string | undefined;
  /** The order came by a campaign link (its token is checked by the campaign-attribution consumer, not here). */
  campaignToken?: string | undefined;
  /** A visit recorded by POST /v1/events/{id}/visits. */
  visitToken?: string | undefined;
}

async function visitTouch(token: string | undefined, eventId: string, now: string): Promise<Touch | null> {
  if (!token) return null;
  const { data } = await db().entities.visit.get({ visitId: token }).go();
  if (!data || data.eventId !== eventId || Date.parse(now) - Date.parse(data.at) > VISIT_WINDOW_MS) return null;
  return data.touch as Touch;
}

/** The contact's recorded first touch, by the buyer's email (two key lookups; none for a new buyer). */
export async function firstTouchOf(email: string): Promise<Touch | null> {
  const { data: guard } = await db().entities.contactEmail.get({ email: email.trim().toLowerCase() }).go();
  if (!guard) return null;
  const { data } = await db().entities.firstTouch.get({ contactId: guard.contactId }).go();
  return (data?.touch as Touch | undefined) ?? null;
}

/** What the order itself came with, beyond the reads `attributionReads` starts. */
export type AttributionClaims = Pick<AttributionInput, 'utm' | 'promoterId' | 'campaignToken'>;

/** A read started now and awaited later: its failure is handled where it is awaited, never reported as unhandled meanwhile. */
function started<T>(read: Promise<T>): Promise<T> {
  read.catch(() => {});
  return read;
}

/**
 * An order's first- and last-touch attribution, its reads started at once so
 * they overlap the order's other reads (the checkout waits for the slowest,
 * not for their sum); the returned function settles it once the claims are
 * known. The last touch is what the order itself came with, strongest first:
 * a promoter (code or link), a campaign link, UTM parameters, the visit it
 * names, else direct. The first touch is the contact's recorded one, or for a
 * first-time buyer this last one.
 */
export function attributionReads(input: Pick<AttributionInput, 'eventId' | 'email' | 'now' | 'visitToken'>): (claims: AttributionClaims) => Promise<OrderAttribution> {
  const recorded = started(firstTouchOf(input.email));
  const visit = started(visitTouch(input.visitToken, input.eventId, input.now));
  return async (claims) => {
    const at = input.now;
    let lastTouch: Touch;
    if (claims.promoterId) lastTouch = { channel: 'promoter', at, promoterId: claims.promoterId, ...(claims.utm ? { utm: claims.utm } : {}) };
    else if (claims.campaignToken) lastTouch = { channel: 'campaign', at, ...(claims.utm ? { utm: claims.utm } : {}) };
    else if (claims.utm) lastTouch = { channel: 'utm', at, utm: claims.utm };
    else lastTouch = (await visit) ?? { channel: 'direct', at };
    const firstTouch = (await recorded) ?? lastTouch;
    return { firstTouch, lastTouch };
  };
}

/** Keeps `touch` as the contact's first touch unless one is recorded (put if absent; a lost race keeps the other). */
export async function keepFirstTouch(contactId: string, touch: Touch, now: string): Promise<void> {
  await writtenIfCondition(() => db().entities.firstTouch.create({ contactId, touch, recordedAt: now }).go());
}

/**
 * The first touch of a contact being created, as an item of the creating
 * transaction: the order that creates a brand-new buyer's contact carries it
 * (order.paid `attribution.firstTouch`), so the contact never exists without it.
 */
export function firstTouchItem(entities: TransactionEntities, contactId: string, touch: Touch, now: string): TransactionItem {
  return entities.firstTouch.put({ contactId, touch, recordedAt: now }).commit();
}
