import type { EntityItem } from 'electrodb';
import type { sponsorTierEntity } from '#packages/core/db/entities/sponsor-tier.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { withId } from '#packages/core/views.ts';
import { loadEvent } from '#packages/features/events/index.ts';
import type { CreateSponsorTierInput, SponsorTierView } from './contract.ts';

export type TierItem = EntityItem<typeof sponsorTierEntity>;
export type TierBenefit = CreateSponsorTierInput['benefits'][number];

export const toTierView = (item: TierItem): SponsorTierView => withId(item, 'tierId') as SponsorTierView;

export async function createTier(eventId: string, input: CreateSponsorTierInput): Promise<SponsorTierView> {
  await loadEvent(eventId);
  if (input.passTicketTypeId) {
    const { data } = await db().entities.ticketType.get({ eventId, ticketTypeId: input.passTicketTypeId }).go();
    if (!data) throw unprocessable('ticket_type_not_found', `Event ${eventId} has no ticket type ${input.passTicketTypeId}`);
    if (data.price.amount !== 0) throw unprocessable('ticket_type_not_free', 'Sponsor passes need a ticket type of price 0');
  }
  const { data } = await db().entities.sponsorTier.create({ eventId, tierId: newId(), ...input }).go();
  return toTierView(data as TierItem);
}

export async function listTiers(eventId: string): Promise<SponsorTierView[]> {
  await loadEvent(eventId);
  const { data } = await db().entities.sponsorTier.query.byEvent({ eventId }).go({ pages: 'all' });
  return data.map(toTierView);
}

export async function loadTier(eventId: string, tierId: string): Promise<TierItem> {
  const { data } = await db().entities.sponsorTier.get({ eventId, tierId }).go();
  if (!data) throw unprocessable('tier_not_found', `Event ${eventId} has no sponsor tier ${tierId}`);
  return data;
}

export const tierBenefits = (tier: TierItem) => tier.benefits as TierBenefit[];

export async function tierOrThrow(eventId: string, tierId: string): Promise<TierItem> {
  const { data } = await db().entities.sponsorTier.get({ eventId, tierId }).go();
  if (!data) throw notFound('Sponsor tier', tierId);
  return data;
}
