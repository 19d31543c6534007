import type { CampaignItem } from '../campaign-store.ts';
import { assign } from './assignment.ts';
import type { AbDecisionView } from './contract.ts';
import { abTestOf } from './variant-content.ts';

export interface Placement {
  contactId: string;
  variant?: string;
  abGroup?: 'test' | 'rest';
}

/**
 * The contacts of an audience page this round of the send takes, with their arm. Without a test: all of them.
 * Before the decision (the test round): only the test share, each in its variant. After it (the rest round):
 * only the others, all with the decided variant. Test-share contacts met in the rest round (a segment member
 * who joined late) are left out: their group was the test's, which is over.
 */
export function placementsFor(campaign: CampaignItem, contactIds: readonly string[]): Placement[] {
  const test = abTestOf(campaign);
  if (!test) return contactIds.map((contactId) => ({ contactId }));
  const decision = campaign.abDecision as AbDecisionView | undefined;
  const ids = test.variants.map((v) => v.id);
  const out: Placement[] = [];
  for (const contactId of contactIds) {
    const a = assign(campaign.campaignId, contactId, test.testShare, ids);
    if (!decision && a.group === 'test') out.push({ contactId, variant: a.variant, abGroup: 'test' });
    if (decision && a.group === 'rest') out.push({ contactId, variant: decision.variant, abGroup: 'rest' });
  }
  return out;
}
