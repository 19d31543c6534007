import type { EntityItem } from 'electrodb';
import type { sponsorBenefitEntity } from '#packages/core/db/entities/sponsor-benefit.ts';
import type { sponsorshipEntity } from '#packages/core/db/entities/sponsorship.ts';
import { definedOnly, withId } from '#packages/core/views.ts';
import type { BenefitView, SponsorshipView } from './contract.ts';

export type SponsorshipItem = EntityItem<typeof sponsorshipEntity>;
export type BenefitItem = EntityItem<typeof sponsorBenefitEntity>;

export function toBenefitView(item: BenefitItem): BenefitView {
  return definedOnly({
    id: item.benefitId,
    sponsorshipId: item.sponsorshipId,
    kind: item.kind,
    description: item.description,
    quantity: item.quantity,
    dueAt: item.dueAt,
    status: item.status,
    ownerId: item.ownerId,
    deliveredAt: item.deliveredAt,
    taskId: item.taskId,
  }) as BenefitView;
}

export const toSponsorshipView = (item: SponsorshipItem, benefits?: readonly BenefitItem[]): SponsorshipView => ({
  ...(withId(item, 'sponsorshipId') as SponsorshipView),
  ...(benefits ? { benefits: benefits.map(toBenefitView) } : {}),
});
