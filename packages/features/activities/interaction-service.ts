import type { EntityItem } from 'electrodb';
import { textOf } from './interactions-contract.ts';
import type {
  CreateInteractionInput,
  InteractionListRequest,
  InteractionView,
  UpdateInteractionInput,
} from './interactions-contract.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import type { interactionEntity } from '#packages/core/db/entities/interaction.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page } from '#packages/core/pagination.ts';
import { withId } from '#packages/core/views.ts';
import { assertContactExists, patched, utcIso } from './contact-link.ts';

type InteractionItem = EntityItem<typeof interactionEntity>;

/** Stored `''` means "no opportunity" (the sparse index needs the attribute present); the API just omits it. */
export function toInteractionView({ opportunityId, ...item }: InteractionItem): InteractionView {
  return { ...withId(item, 'interactionId'), ...(opportunityId ? { opportunityId } : {}), ...(item.content ? { body: item.content } : {}) } as InteractionView;
}

export async function createInteraction(input: CreateInteractionInput, ctx: RequestContext): Promise<InteractionView> {
  await assertContactExists(input.contactId);
  const at = nowIso();
  const item: InteractionItem = {
    ...textOf(input),
    opportunityId: input.opportunityId ?? '',
    interactionId: newId(),
    occurredAt: input.occurredAt === undefined ? at : utcIso(input.occurredAt),
    createdBy: ctx.actorId,
    createdAt: at,
    updatedAt: at,
  };
  await db().entities.interaction.create(item).go();
  return toInteractionView(item);
}

async function find(id: string, consistent = false): Promise<InteractionItem> {
  const { data } = await db().entities.interaction.get({ interactionId: id }).go({ consistent });
  if (!data) throw notFound('Interaction', id);
  return data;
}

export async function getInteraction(id: string): Promise<InteractionView> {
  return toInteractionView(await find(id));
}

/**
 * Read, change, put back the whole item, on condition that nobody wrote in
 * between (same updatedAt). A put rebuilds every index key from the item, so
 * a new occurredAt moves the interaction in the lists and the timeline, and
 * a cleared opportunityId drops it from the sparse opportunity index.
 */
export async function updateInteraction(id: string, input: UpdateInteractionInput): Promise<InteractionView> {
  const current = await find(id, true);
  const text = textOf(input);
  const changes = text.occurredAt === undefined ? text : { ...text, occurredAt: utcIso(text.occurredAt) };
  const merged = patched(current, changes);
  const next = { ...merged, opportunityId: merged.opportunityId ?? '', updatedAt: nowIso() };
  try {
    await db()
      .entities.interaction.put(next)
      .where((attr, op) => op.eq(attr.updatedAt, current.updatedAt))
      .go({ response: 'none' });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    await find(id, true);
    throw conflict('concurrent_update', 'The interaction changed meanwhile; read it and try again');
  }
  return toInteractionView(next);
}

export async function deleteInteraction(id: string): Promise<void> {
  try {
    await db().entities.interaction.remove({ interactionId: id }).go({ response: 'none' });
  } catch (error) {
    if (isConditionFailure(error)) throw notFound('Interaction', id);
    throw error;
  }
}

export async function listInteractions(query: InteractionListRequest): Promise<Page<InteractionView>> {
  const options = { order: 'desc', limit: query.limit, cursor: checkedCursor(query.cursor) } as const;
  const { data, cursor } =
    query.contactId !== undefined
      ? await db().entities.interaction.query.byContact({ contactId: query.contactId }).go(options)
      : await db().entities.interaction.query.byOpportunity({ opportunityId: query.opportunityId! }).go(options);
  return { items: data.map(toInteractionView), nextCursor: cursor };
}
