import type { CampaignItem } from '../campaign-store.ts';
import type { TemplateParts } from '../template.ts';
import type { AbTestInput } from './contract.ts';

/** The A/B test of a campaign item (stored as is from the validated input), or null. */
export const abTestOf = (campaign: Pick<CampaignItem, 'abTest'>): AbTestInput | null => (campaign.abTest as AbTestInput | undefined) ?? null;

interface Arm {
  variant?: string | undefined;
  abGroup?: 'test' | 'rest' | undefined;
}

/** What one recipient is mailed: its variant's subject and bodies where the variant has them, else the campaign's. */
export function contentFor(campaign: CampaignItem, recipient: Arm): TemplateParts {
  const variant = abTestOf(campaign)?.variants.find((v) => v.id === recipient.variant);
  return {
    subject: variant?.subject ?? campaign.subject,
    html: variant?.html ?? campaign.html,
    text: variant?.text ?? campaign.text,
  };
}

/** When a test recipient's variant may be mailed (its `sendAt`), or null: now. The rest goes as soon as it is decided. */
export function sendAtOf(campaign: CampaignItem, recipient: Arm): string | null {
  if (recipient.abGroup !== 'test') return null;
  return abTestOf(campaign)?.variants.find((v) => v.id === recipient.variant)?.sendAt ?? null;
}

export const isDue = (campaign: CampaignItem, recipient: Arm, now = Date.now()): boolean => {
  const at = sendAtOf(campaign, recipient);
  return at === null || Date.parse(at) <= now;
};
