import type { CreateVenueInput, UpdateVenueInput, VenueView } from '../../api/schemas/venues.ts';
import { db } from '../db/service.ts';
import { notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { checkedCursor, toPage, type Page, type PageRequest } from '../pagination.ts';

import type { EntityItem } from 'electrodb';
import type { venueEntity } from '../db/entities/venue.ts';

type VenueItem = EntityItem<typeof venueEntity>;

export function toVenueView(item: VenueItem): VenueView {
  const { venueId, ...rest } = item;
  return { id: venueId, ...rest };
}

export async function createVenue(input: CreateVenueInput): Promise<VenueView> {
  const { data } = await db().entities.venue.create({ venueId: newId(), ...input }).go();
  return toVenueView(data);
}

export async function getVenue(id: string): Promise<VenueView> {
  const { data } = await db().entities.venue.get({ venueId: id }).go();
  if (!data) throw notFound('Venue', id);
  return toVenueView(data);
}

export async function listVenues(page: PageRequest): Promise<Page<VenueView>> {
  const result = await db().entities.venue.query.all({}).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { ...toPage(result), items: result.data.map(toVenueView) };
}

export async function updateVenue(id: string, input: UpdateVenueInput): Promise<VenueView> {
  try {
    const { data } = await db().entities.venue.patch({ venueId: id }).set(input).go({ response: 'all_new' });
    return toVenueView(data as VenueItem);
  } catch (error) {
    if (isConditionFailure(error)) throw notFound('Venue', id);
    throw error;
  }
}

export function isConditionFailure(error: unknown): boolean {
  const cause = (error as { cause?: { name?: string } })?.cause;
  return cause?.name === 'ConditionalCheckFailedException' || (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}
