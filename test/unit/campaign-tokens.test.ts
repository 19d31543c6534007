import { describe, expect, it } from 'vitest';
import { runWithSecrets } from '#packages/core/secrets/index.ts';
import {
  currentMarketingTokenKey,
  signRecipientToken,
  signUnsubscribeToken,
  unsubscribeUrl,
  verifyRecipientToken,
  verifyUnsubscribeToken,
  withRecipientToken,
} from '#packages/features/campaigns/tokens.ts';

const key = 'k'.repeat(32);
const other = 'o'.repeat(32);
const claims = { contactId: '01JD0000000000000000000003', campaignId: '01JD0000000000000000000040' };

describe('campaign tokens', () => {
  it('round-trips an unsubscribe token and a recipient token', async () => {
    const u = await signUnsubscribeToken(claims, key);
    expect(u).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(await verifyUnsubscribeToken(u, key)).toEqual(claims);
    const r = await signRecipientToken(claims, key);
    expect(await verifyRecipientToken(r, key)).toEqual({ campaignId: claims.campaignId, contactId: claims.contactId });
  });

  it('is deterministic, so the same mail always carries the same link', async () => {
    expect(await signUnsubscribeToken(claims, key)).toBe(await signUnsubscribeToken(claims, key));
  });

  it('refuses a token of the other kind (a click token cannot unsubscribe, and back)', async () => {
    expect(await verifyUnsubscribeToken(await signRecipientToken(claims, key), key)).toBeNull();
    expect(await verifyRecipientToken(await signUnsubscribeToken(claims, key), key)).toBeNull();
  });

  it('refuses another key, a tampered payload or MAC, and junk', async () => {
    const token = await signUnsubscribeToken(claims, key);
    const [payload, mac] = token.split('.') as [string, string];
    expect(await verifyUnsubscribeToken(token, other)).toBeNull();
    const forgedPayload = Buffer.from(JSON.stringify({ k: 'u', c: '01JD0000000000000000000099', m: claims.campaignId })).toString('base64url');
    expect(await verifyUnsubscribeToken(`${forgedPayload}.${mac}`, key)).toBeNull();
    const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
    expect(await verifyUnsubscribeToken(`${payload}.${flipped}`, key)).toBeNull();
    for (const junk of ['', '.', 'abc', `${payload}.`, `.${mac}`, `${token}.x`, `${payload}.${mac}!`, 'x'.repeat(600), 42, null, undefined]) {
      expect(await verifyUnsubscribeToken(junk, key)).toBeNull();
    }
  });

  it('never expires: a token signed long ago still verifies (links in old mail must keep working)', async () => {
    // Nothing time-based is in the token: signing today and verifying later is the same computation.
    const token = await signUnsubscribeToken(claims, key);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ k: 'u', c: claims.contactId, m: claims.campaignId });
  });

  it('refuses ids that are not ids when signing', async () => {
    await expect(signUnsubscribeToken({ contactId: 'a.b', campaignId: claims.campaignId }, key)).rejects.toThrow(TypeError);
  });

  it('signs with the marketing key of the current route or consumer, and only one it declared', async () => {
    const bytes = new TextEncoder().encode(key);
    expect(runWithSecrets({ marketingTokenKey: bytes }, currentMarketingTokenKey)).toBe(bytes);
    const token = await runWithSecrets({ marketingTokenKey: bytes }, () => signUnsubscribeToken(claims));
    expect(await verifyUnsubscribeToken(token, key)).toEqual(claims);
    await expect(runWithSecrets({}, () => signUnsubscribeToken(claims))).rejects.toThrow(/marketingTokenKey secret is not in the secrets/);
  });

  it('builds the unsubscribe URL from PUBLIC_BASE_URL and adds rt to links', () => {
    expect(unsubscribeUrl('abc.def', { PUBLIC_BASE_URL: 'https://api.example.com/' })).toBe('https://api.example.com/v1/unsubscribe/abc.def');
    expect(() => unsubscribeUrl('t', {})).toThrow(/PUBLIC_BASE_URL/);
    expect(withRecipientToken('https://shop.example.com/e/1?utm=x', 'r.t')).toBe('https://shop.example.com/e/1?utm=x&rt=r.t');
    expect(withRecipientToken('mailto:a@b.c', 'r.t')).toBe('mailto:a@b.c');
  });
});
