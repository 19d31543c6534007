import type { EntityItem } from 'electrodb';
import type { CreateVenueInput, UpdateVenueInput, VenueView } from './contract.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { assertRevision, bump, revisionCondition, type ExpectedRevision } from '#packages/core/db/revisions.ts';
import type { venueEntity } from '#packages/core/db/entities/venue.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { withId } from '#packages/core/views.ts';

type VenueItem = EntityItem<typeof venueEntity>;

const toView = (item: VenueItem): VenueView => withId(item, 'venueId');

export async function createVenue(input: CreateVenueInput): Promise<VenueView> {
  const { data } = await db().entities.venue.create({ venueId: newId(), ...input }).go();
  return toView(data);
}

export async function getVenue(id: string): Promise<VenueView> {
  const { data } = await db().entities.venue.get({ venueId: id }).go();
  if (!data) throw notFound('Venue', id);
  return toView(data);
}

export async function listVenues(page: PageRequest): Promise<Page<VenueView>> {
  const { data, cursor } = await db().entities.venue.query.all({}).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toView), nextCursor: cursor };
}

/** `ifMatch`: the revision the caller read; the write is conditional on it (412 when someone changed it since). */
export async function updateVenue(id: string, input: UpdateVenueInput, ifMatch?: ExpectedRevision): Promise<VenueView> {
  try {
    const { data } = await db()
      .entities.venue.patch({ venueId: id })
      .set(input)
      .add(bump)
      .where((attr, op) => revisionCondition(attr, op, ifMatch))
      .go({ response: 'all_new' });
    return toView(data as VenueItem);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    assertRevision('Venue', id, await getVenue(id), ifMatch);
    throw error;
  }
}
