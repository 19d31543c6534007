import { describe, expect, it } from 'vitest';
import { skipReasonOf } from '#packages/features/campaigns/eligibility.ts';
import { renderCampaignMessage } from '#packages/features/campaigns/message.ts';

const contact = { contactId: '01JD0000000000000000000001', email: 'ana@example.com', state: 'active' } as never;
const withFlag = (marketingConsent: boolean | undefined) => ({ ...(contact as object), marketingConsent }) as never;

describe('campaign subscription types', () => {
  it('a typed campaign goes by its own consent; a one-click unsubscribe from all marketing still wins', () => {
    expect(skipReasonOf(withFlag(undefined), false, 'granted')).toBeNull();
    expect(skipReasonOf(withFlag(true), false, null)).toBe('no_consent');
    expect(skipReasonOf(withFlag(true), false, 'pending')).toBe('no_consent');
    expect(skipReasonOf(withFlag(true), false, 'withdrawn')).toBe('unsubscribed');
    expect(skipReasonOf(withFlag(false), false, 'granted')).toBe('unsubscribed');
    expect(skipReasonOf(withFlag(true), true, 'granted')).toBe('suppressed');
  });

  it('the default type is the marketing flag, as before', () => {
    expect(skipReasonOf(withFlag(true), false)).toBeNull();
    expect(skipReasonOf(withFlag(undefined), false)).toBe('no_consent');
    expect(skipReasonOf(withFlag(false), false)).toBe('unsubscribed');
  });

  it('every campaign mail carries the preference centre link next to the one-click unsubscribe, in both bodies', () => {
    const mail = renderCampaignMessage({
      campaignId: 'c1',
      contactId: 'k1',
      to: 'ana@example.com',
      template: { subject: 'Hi', html: '<p>Hello</p>', text: 'Hello' },
      data: { email: 'ana@example.com' },
      unsubscribeUrl: 'https://api.example/v1/unsubscribe/tok',
      unsubscribeToken: 'tok',
      preferencesUrl: 'https://api.example/v1/preferences/ptok',
      recipientToken: 'rt',
    });
    expect(mail.html).toContain('<a href="https://api.example/v1/preferences/ptok">Manage preferences</a>');
    expect(mail.text).toContain('Manage preferences: https://api.example/v1/preferences/ptok');
    expect(mail.headers['List-Unsubscribe']).toContain('https://api.example/v1/unsubscribe/tok');
  });
});
