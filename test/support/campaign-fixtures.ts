import { randomUUID } from 'node:crypto';
import type { ApiCaller, ApiResponse } from './local-api.ts';

/**
 * Given/when helpers for the campaign tests. The SES emulator is shared by
 * every test file, so each test mails addresses of its own (`mailbox()`) and
 * reads back only those.
 */

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: Array<{ name: string; value: string }>;
  at: number;
}

/** A fresh address no other test uses. */
export const mailbox = (tag = 'cmp') => `${tag}.${randomUUID().slice(0, 12)}@example.com`;

export async function givenContacts(
  call: ApiCaller,
  count: number,
  body: (i: number) => Record<string, unknown> = () => ({}),
): Promise<Array<{ id: string; email: string }>> {
  const made: Array<{ id: string; email: string }> = [];
  for (let i = 0; i < count; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, async (_, j) => {
        const res = await call('POST', '/v1/contacts', { body: { email: mailbox(), marketingConsent: true, ...body(i + j) } });
        if (res.status !== 201) throw new Error(`contact: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body as { id: string; email: string };
      }),
    );
    made.push(...batch);
  }
  return made;
}

/** A segment on `tag`, built (the caller drains the bus first if it made contacts just now). */
export async function givenReadySegment(call: ApiCaller, drain: () => Promise<void>, tag: string): Promise<string> {
  const res = await call('POST', '/v1/segments', { body: { name: `Segment ${tag}`, filter: { tag } } });
  if (res.status !== 201) throw new Error(`segment: ${res.status} ${JSON.stringify(res.body)}`);
  await drain();
  const got = await call('GET', `/v1/segments/${res.body.id}`);
  if (got.body.status !== 'ready') throw new Error(`segment ${res.body.id} is ${got.body.status} after draining the bus`);
  return res.body.id as string;
}

export const campaignBody = (over: Record<string, unknown> = {}) => ({
  name: 'Spring newsletter',
  type: 'newsletter',
  subject: 'Hi {{firstName}}, news for you',
  html: '<html><body><p>Hello {{firstName}} {{lastName}}!</p><p><a href="https://shop.example.com/tickets?utm=spring">Get tickets</a></p></body></html>',
  text: 'Hello {{firstName}} {{lastName}}!\nGet tickets: https://shop.example.com/tickets?utm=spring',
  budget: { amount: 10_000, currency: 'EUR' },
  ...over,
});

export async function givenCampaign(call: ApiCaller, body: Record<string, unknown>) {
  const res = await call('POST', '/v1/campaigns', { body: campaignBody(body) });
  if (res.status !== 201) throw new Error(`campaign: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string };
}

/** Every message the emulator holds for these addresses, grouped by address. */
export async function mailFor(
  mailUrl: string,
  addresses: readonly string[],
  which: (email: StoredEmail) => boolean = () => true,
): Promise<Map<string, StoredEmail[]>> {
  const res = await fetch(`${mailUrl}/store`);
  const { emails } = (await res.json()) as { emails: StoredEmail[] };
  const wanted = new Set(addresses.map((a) => a.toLowerCase()));
  const byAddress = new Map<string, StoredEmail[]>(addresses.map((a) => [a.toLowerCase(), []]));
  for (const email of emails.filter(which)) {
    for (const to of email.destination.to) {
      const address = to.toLowerCase();
      if (wanted.has(address)) byAddress.get(address)!.push(email);
    }
  }
  return byAddress;
}

export const header = (email: StoredEmail, name: string) => email.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

/** Every recipient of a campaign through the API. */
export async function recipientsOf(call: ApiCaller, campaignId: string) {
  const items: Array<{ contactId: string; email?: string; status: string; skipReason?: string; messageId?: string; sentAt?: string; variant?: string; abGroup?: string }> = [];
  let cursor: string | null = null;
  do {
    const res: ApiResponse = await call('GET', `/v1/campaigns/${campaignId}/recipients?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (res.status !== 200) throw new Error(`recipients: ${res.status} ${JSON.stringify(res.body)}`);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}
