import type { EntityItem } from 'electrodb';
import type { consentPurposeEntity } from '#packages/core/db/entities/consent-purpose.ts';
import { createHash } from 'node:crypto';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import type { ConsentPurposeView, PutConsentPurposeInput } from './contract.ts';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

type BuiltIn = Omit<ConsentPurposeView, 'id' | 'textHash' | 'builtIn'>;

/**
 * The purposes every tenant has without storing anything. A tenant's PUT
 * overrides the wording (a new text is a new hash: records given to the old
 * text keep pointing at it) or adds purposes of its own. The email ones are
 * the subscription types of the preference centre and of campaigns.
 */
export const BUILT_IN_PURPOSES: Record<string, BuiltIn> = {
  marketing_email: {
    name: 'Newsletter and marketing email',
    text: 'I would like to receive news and offers by email. I can unsubscribe at any time.',
    channel: 'email',
  },
  event_announcements: {
    name: 'Event announcements',
    text: 'Tell me by email when new events are announced. I can unsubscribe at any time.',
    channel: 'email',
  },
  promoter_offers: {
    name: 'Offers from promoters',
    text: "Send me our promoters' offers by email. I can unsubscribe at any time.",
    channel: 'email',
  },
  sms: { name: 'Text messages', text: 'I would like to receive news and offers by text message.', channel: 'sms' },
  exhibitor_sharing: {
    name: 'Sharing with exhibitors',
    text: 'Exhibitors whose stand I visit may receive my name and email to contact me.',
    channel: 'none',
  },
  photography: {
    name: 'Photography',
    text: 'Photos and video in which I appear may be used to promote the event.',
    channel: 'none',
  },
};

function builtInView(id: string, p: BuiltIn): ConsentPurposeView {
  return { id, ...p, textHash: sha256Hex(p.text), builtIn: true };
}

type PurposeItem = EntityItem<typeof consentPurposeEntity>;

function storedView(item: PurposeItem): ConsentPurposeView {
  return {
    id: item.purposeId,
    name: item.name,
    text: item.text,
    textHash: item.textHash,
    channel: item.channel,
    builtIn: item.purposeId in BUILT_IN_PURPOSES,
  };
}

/** Every purpose of the tenant: the built-in ones (as overridden) and its own, by id. */
export async function listPurposes(): Promise<ConsentPurposeView[]> {
  const { data } = await db().entities.consentPurpose.query.all({}).go({ pages: 'all' });
  const byId = new Map<string, ConsentPurposeView>(Object.entries(BUILT_IN_PURPOSES).map(([id, p]) => [id, builtInView(id, p)]));
  for (const item of data) byId.set(item.purposeId, storedView(item));
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export async function getPurpose(id: string): Promise<ConsentPurposeView> {
  const { data } = await db().entities.consentPurpose.get({ purposeId: id }).go();
  if (data) return storedView(data);
  const builtIn = BUILT_IN_PURPOSES[id];
  if (!builtIn) throw notFound('Consent purpose', id);
  return builtInView(id, builtIn);
}

/** Stores the purpose and its text (keyed by hash, written once: the text a record points at never changes). */
export async function putPurpose(id: string, input: PutConsentPurposeInput): Promise<ConsentPurposeView> {
  const textHash = sha256Hex(input.text);
  await db()
    .transaction.write(({ consentPurpose, consentText }) => [
      consentPurpose.put({ purposeId: id, name: input.name, text: input.text, textHash, channel: input.channel }).commit(),
      consentText.put({ textHash, text: input.text }).commit(),
    ])
    .go();
  return getPurpose(id);
}
