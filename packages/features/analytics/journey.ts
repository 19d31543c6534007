import type { EntityItem } from 'electrodb';
import type { timelineEntryEntity } from '#packages/core/db/entities/timeline-entry.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import type { OrderAttribution, Touch } from './touches.ts';

type Entry = EntityItem<typeof timelineEntryEntity>;
export type JourneyStep = 'touch' | 'order' | 'refund' | 'attendance' | 'feedback';

/** The timeline kinds a journey shows, and what each is in it (the timeline's other lines are left out). */
const STEP_OF: Record<string, JourneyStep> = {
  'visit.recorded': 'touch',
  'campaign.opened': 'touch',
  'campaign.clicked': 'touch',
  'order.paid': 'order',
  'order.refunded': 'refund',
  'ticket.checked_in': 'attendance',
  'session.checked_in': 'attendance',
  'feedback.submitted': 'feedback',
};

export interface JourneyItem {
  id: string;
  step: JourneyStep;
  kind: string;
  occurredAt: string;
  summary: string;
  ref: { type: string; id: string } | null;
  data: Record<string, unknown>;
  /** Orders only: the order's first- and last-touch attribution (absent for orders placed before it was recorded). */
  attribution?: OrderAttribution;
}

export interface Journey extends Page<JourneyItem> {
  /** What first brought the contact; null when none was recorded. */
  firstTouch: Touch | null;
}

/**
 * A contact's journey, oldest first: its CRM timeline lines (one Query of
 * the timeline entries on the contact's key, gsi5) that are touches, orders,
 * refunds, attendance or feedback, each order with its attribution (one
 * BatchGetItem of the page's orders), and its first touch (a GetItem). Other
 * kinds of line are dropped, so a page may hold fewer than `limit` steps while
 * the cursor leads on.
 */
export async function contactJourney(contactId: string, page: PageRequest): Promise<Journey> {
  const [{ data: contact }, { data: first }] = await Promise.all([
    db().entities.contact.get({ contactId }).go({ attributes: ['contactId'] }),
    db().entities.firstTouch.get({ contactId }).go(),
  ]);
  if (!contact) throw notFound('Contact', contactId);
  const { data, cursor } = await db()
    .entities.timelineEntry.query.timeline({ contactId })
    .go({ order: 'asc', limit: page.limit, cursor: checkedCursor(page.cursor) });
  const steps = data.filter((e) => STEP_OF[e.kind] !== undefined);
  const orderIds = [...new Set(steps.filter((e) => e.kind === 'order.paid' && e.refId).map((e) => e.refId!))];
  const attributions = new Map<string, OrderAttribution>();
  if (orderIds.length) {
    const { data: orders } = await db()
      .entities.order.get(orderIds.map((orderId) => ({ orderId })))
      .go({ attributes: ['orderId', 'attribution'] });
    for (const o of orders) if (o.attribution) attributions.set(o.orderId, o.attribution as OrderAttribution);
  }
  return {
    items: steps.map((e) => item(e, attributions)),
    nextCursor: cursor,
    firstTouch: (first?.touch as Touch | undefined) ?? null,
  };
}

function item(e: Entry, attributions: ReadonlyMap<string, OrderAttribution>): JourneyItem {
  const attribution = e.kind === 'order.paid' && e.refId ? attributions.get(e.refId) : undefined;
  return {
    id: e.entryId,
    step: STEP_OF[e.kind]!,
    kind: e.kind,
    occurredAt: e.occurredAt,
    summary: e.summary,
    ref: e.refType && e.refId ? { type: e.refType, id: e.refId } : null,
    data: (e.data as Record<string, unknown> | undefined) ?? {},
    ...(attribution ? { attribution } : {}),
  };
}
