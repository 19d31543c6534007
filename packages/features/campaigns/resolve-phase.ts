import { audiencePage } from './audience.ts';
import type { CampaignItem } from './campaign-store.ts';
import { decide, isPhoneOnly } from './eligibility.ts';
import type { Position } from './progress.ts';
import { commitChanges, createRecipient, MAX_CHANGES } from './recipient-writes.ts';
import { placementsFor } from './ab/split.ts';

/** Audience entries per resolve chunk: their recipients and the counts fit one transaction. */
export const RESOLVE_PAGE = MAX_CHANGES;

/**
 * Phase 1, one audience page: a recipient item per contact not seen before
 * (put only if absent, so a retried page or a contact met twice adds nothing),
 * pending or skipped with its reason, counted in the same transaction. A
 * contact known by phone only gets none. Returns where the send goes next.
 */
export async function resolvePage(campaign: CampaignItem, cursor: string | null): Promise<Position> {
  const page = await audiencePage(campaign.audience, cursor, RESOLVE_PAGE);
  // An A/B test takes its test share first, the rest after the decision (ab/split.ts).
  const placements = new Map(placementsFor(campaign, [...new Set(page.contactIds)]).map((p) => [p.contactId, p]));
  if (placements.size) {
    // Eventually consistent: the send re-checks every pending recipient strongly consistent anyway.
    const decisions = await decide([...placements.keys()], false, campaign.subscriptionType);
    await commitChanges(
      campaign.campaignId,
      decisions.filter((d) => !isPhoneOnly(d.contact)).map((d) => {
        const { contactId: _, ...arm } = placements.get(d.contactId)!;
        return createRecipient(campaign.campaignId, d.contactId, d.contact?.email, d.skipReason, arm);
      }),
    );
  }
  return page.nextCursor ? { phase: 'resolve', cursor: page.nextCursor } : { phase: 'send', cursor: null };
}
