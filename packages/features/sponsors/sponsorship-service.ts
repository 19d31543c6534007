import type { RequestContext } from '#packages/core/context.ts';
import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { loadEvent } from '#packages/features/events/index.ts';
import { opportunityCreation } from '#packages/features/opportunities/index.ts';
import { pipelineOrDefault } from '#packages/features/pipelines/index.ts';
import type { CreateSponsorshipInput, SponsorshipView } from './contract.ts';
import { stageForStatus } from './contract-stages.ts';
import { toSponsorshipView, type BenefitItem, type SponsorshipItem } from './sponsorship-view.ts';
import { loadTier, tierBenefits } from './tier-service.ts';

const DAY_MS = 24 * 3600_000;

/**
 * A company becomes a sponsorship lead at a tier: the sponsorship, its CRM
 * opportunity (amount = the tier's price, in the stage for `lead`, closing
 * when the event starts) and one benefit item per tier benefit (due the
 * tier's days before the event) in ONE transaction.
 */
export async function createSponsorship(eventId: string, input: CreateSponsorshipInput, ctx: RequestContext): Promise<SponsorshipView> {
  const [event, tier, company] = await Promise.all([loadEvent(eventId), loadTier(eventId, input.tierId), db().entities.company.get({ companyId: input.companyId }).go()]);
  if (!company.data) throw unprocessable('company_not_found', `Company ${input.companyId} does not exist`);
  const pipeline = await pipelineOrDefault(input.pipelineId, ctx).catch((error: { kind?: string }) => {
    throw error.kind === 'not_found' ? unprocessable('pipeline_not_found', `Pipeline ${input.pipelineId} does not exist`) : error;
  });
  const ownerId = input.ownerId ?? ctx.actorId;
  const at = nowIso();
  const benefits = tierBenefits(tier);
  const opportunity = opportunityCreation(
    { name: `Sponsorship: ${tier.name} — ${event.name}`, companyId: input.companyId, amount: tier.price, expectedCloseDate: event.startsAt.slice(0, 10), assignedTo: ownerId },
    pipeline,
    stageForStatus(pipeline, 'lead'),
    ctx,
    at,
  );
  const sponsorship: SponsorshipItem = {
    sponsorshipId: newId(),
    eventId,
    companyId: input.companyId,
    tierId: tier.tierId,
    status: 'lead',
    opportunityId: opportunity.item.opportunityId,
    ownerId,
    amount: tier.price,
    passesAllowed: benefits.filter((b) => b.kind === 'passes').reduce((sum, b) => sum + b.quantity, 0),
    passesIssued: 0,
    createdAt: at,
    updatedAt: at,
  };
  const benefitItems: BenefitItem[] = benefits.map((b) => ({
    sponsorshipId: sponsorship.sponsorshipId,
    benefitId: newId(),
    eventId,
    kind: b.kind,
    description: b.description,
    quantity: b.quantity,
    dueAt: new Date(Date.parse(event.startsAt) - b.dueDaysBeforeEvent * DAY_MS).toISOString(),
    status: 'pending',
    ownerId,
    createdAt: at,
    updatedAt: at,
  }));
  const result = await db()
    .transaction.write((entities) => [
      entities.sponsorship.create(sponsorship).commit(),
      ...opportunity.items(entities),
      ...benefitItems.map((b) => entities.sponsorBenefit.create(b).commit()),
    ])
    .go();
  if (result.canceled) throw conflict('concurrent_update', 'The sponsorship could not be created; try again');
  return toSponsorshipView(sponsorship, benefitItems);
}

export async function loadSponsorship(eventId: string, sponsorshipId: string, consistent = false): Promise<SponsorshipItem> {
  const { data } = await db().entities.sponsorship.get({ sponsorshipId }).go({ consistent });
  if (!data || data.eventId !== eventId) throw notFound('Sponsorship', sponsorshipId);
  return data;
}

export async function benefitsOf(sponsorshipId: string, consistent = false): Promise<BenefitItem[]> {
  const { data } = await db().entities.sponsorBenefit.query.bySponsorship({ sponsorshipId }).go({ pages: 'all', consistent });
  return data;
}

export async function getSponsorship(eventId: string, sponsorshipId: string): Promise<SponsorshipView> {
  const item = await loadSponsorship(eventId, sponsorshipId);
  return toSponsorshipView(item, await benefitsOf(sponsorshipId));
}

/** A page of the event's sponsorships (404 for an unknown event, never an empty list). */
export async function listSponsorships(eventId: string, page: PageRequest): Promise<Page<SponsorshipView>> {
  await loadEvent(eventId);
  const { data, cursor } = await db().entities.sponsorship.query.byEvent({ eventId }).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map((s) => toSponsorshipView(s)), nextCursor: cursor };
}
