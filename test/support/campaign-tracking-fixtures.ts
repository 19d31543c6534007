import { counterAdd } from '#packages/features/campaigns/campaign-counters.ts';
import { signRecipientToken, signUnsubscribeToken } from '#packages/features/campaigns/tokens.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { givenContacts } from './campaign-fixtures.ts';
import type { ApiCaller } from './local-api.ts';

/**
 * A campaign as the send engine leaves it (status sent, one `sent` recipient
 * with an SES message id per contact, the audience and sent counters), written
 * straight to the table: the tracking, unsubscribe and stats tests start
 * after the send, whatever the send engine's state.
 */
export interface SentRecipient {
  contactId: string;
  email: string;
  messageId: string;
  unsubscribeToken: string;
  recipientToken: string;
}

export async function givenSentCampaign(
  call: ApiCaller,
  count: number,
  options: { budget?: { amount: number; currency: string }; sentAt?: string; skipped?: Record<string, number> } = {},
): Promise<{ campaignId: string; recipients: SentRecipient[] }> {
  const contacts = await givenContacts(call, count, (i) => ({ firstName: `R${i}` }));
  const campaignId = newId();
  const sentAt = options.sentAt ?? new Date().toISOString();
  await db()
    .entities.campaign.create({
      campaignId,
      name: 'Tracked newsletter',
      type: 'newsletter',
      subject: 'News',
      html: '<p>Hi</p>',
      text: 'Hi',
      audience: { kind: 'segment', segmentId: newId() },
      status: 'sent',
      // The `due` index needs every composite even when its condition drops the keys.
      dueAt: sentAt,
      sentAt,
      ...(options.budget && { budget: options.budget }),
    })
    .go();
  const recipients: SentRecipient[] = [];
  for (const contact of contacts) {
    const messageId = `local-${newId().toLowerCase()}`;
    await db()
      .entities.campaignRecipient.create({ campaignId, contactId: contact.id, email: contact.email, status: 'sent', messageId, sentAt })
      .go();
    recipients.push({
      contactId: contact.id,
      email: contact.email,
      messageId,
      unsubscribeToken: await signUnsubscribeToken({ contactId: contact.id, campaignId }),
      recipientToken: await signRecipientToken({ campaignId, contactId: contact.id }),
    });
  }
  const skipped = options.skipped ?? {};
  const audience = count + Object.values(skipped).reduce((a, b) => a + b, 0);
  await db().transaction.write((entities) => [counterAdd(entities, campaignId, { audience, sent: count, ...skipped })]).go();
  return { campaignId, recipients };
}

/** What SES would publish about a message, through the local dev endpoint (→ the bus → campaign-track). */
export async function sesEvent(
  call: ApiCaller,
  messageId: string,
  type: 'Delivery' | 'Open' | 'Click' | 'Bounce' | 'Complaint',
  extra: { bounceType?: string; link?: string; timestamp?: string; userAgent?: string; ipAddress?: string } = {},
) {
  const res = await call('POST', '/dev/ses-events', { body: { messageId, type, ...extra }, role: null });
  if (res.status !== 202) throw new Error(`ses event: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function statsOf(call: ApiCaller, campaignId: string) {
  const res = await call('GET', `/v1/campaigns/${campaignId}/stats`);
  if (res.status !== 200) throw new Error(`stats: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function contactOf(call: ApiCaller, contactId: string) {
  const res = await call('GET', `/v1/contacts/${contactId}`);
  if (res.status !== 200) throw new Error(`contact: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function consentRecordsOf(contactId: string) {
  const { data } = await db().entities.consentRecord.query.byContact({ contactId }).go({ pages: 'all' });
  return data;
}

/** One-click unsubscribe as a mail client sends it (RFC 8058). */
export function oneClick(call: ApiCaller, token: string, headers: Record<string, string> = {}) {
  return call('POST', `/v1/unsubscribe/${token}`, {
    role: null,
    rawBody: 'List-Unsubscribe=One-Click',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}
