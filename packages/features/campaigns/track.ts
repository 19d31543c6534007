import { count } from '#packages/core/metrics.ts';
import type { EntityItem } from 'electrodb';
import type { SesEventRecord } from '#events/ses.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent, type PendingEvent } from '#packages/core/bus/pending-event.ts';
import { ENGAGEMENT_POINTS, raisedScore, scoreUnchanged } from '#packages/features/contacts/index.ts';
import type { RequestContext } from '#packages/core/context.ts';
import type { campaignEngagementEntity } from '#packages/core/db/entities/campaign-engagement.ts';
import { db, type Db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { counterAdd, type CampaignCounts } from './campaign-counters.ts';
import { hasMarketingConsent, withdrawalItems, type ContactItem } from './consent.ts';
import { normalizeEmail, suppressionPut } from './suppression.ts';
import { withOpenKind } from './ab/open-kind.ts';
import { armOf, variantCounterAdd, type VariantCounts } from './ab/variant-counters.ts';

type Engagement = EntityItem<typeof campaignEngagementEntity>;
type EngagementPatch = Partial<Pick<Engagement, 'deliveredAt' | 'openedAt' | 'humanOpenedAt' | 'machineOpenedAt' | 'clickedAt' | 'firstLink' | 'bouncedAt' | 'bounceType' | 'complainedAt'>>;
/** ElectroDB's condition callback for an update of the engagement item. */
type EngagementWhere = Parameters<ReturnType<ReturnType<Db['entities']['campaignEngagement']['update']>['set']>['where']>[0];

export type TrackOutcome = 'recorded' | 'duplicate' | 'not_campaign';

interface Recipient {
  campaignId: string;
  contactId: string;
  email?: string;
  /** A/B tests: the recipient's arm (a variant, or `rest`), and when its mail was sent. */
  arm?: string;
  sentAt?: string;
}

/**
 * What one SES event changes, decided from the engagement item and the
 * contact as they are now. null: it was recorded before (a duplicate, or a
 * delivery after a permanent bounce) — nothing to write.
 */
interface Plan {
  set: EngagementPatch;
  /** The engagement item must still be as read: a concurrent duplicate cancels the transaction. */
  where: EngagementWhere;
  counts: CampaignCounts;
  contact?: (entities: TransactionEntities) => TransactionItem[];
  suppress?: string[];
  timeline?: { kind: 'campaign.opened' | 'campaign.clicked' | 'campaign.bounced'; occurredAt: string; summary: string; data?: Record<string, unknown> };
  reason?: 'engagement' | 'email_status' | 'consent';
  /** A/B tests: what it counts for the recipient's arm. */
  armCounts?: VariantCounts;
}

/** The recipient an SES message was sent to: G1's `byMessage` index, else the message's tags. */
async function recipientOf(record: SesEventRecord): Promise<Recipient | null> {
  const { data } = await db().entities.campaignRecipient.query.byMessage({ messageId: record.mail.messageId }).go({ limit: 1 });
  const found = data[0];
  const arm = found && armOf(found);
  if (found) return { campaignId: found.campaignId, contactId: found.contactId, email: found.email, ...(arm && { arm }), ...(found.sentAt && { sentAt: found.sentAt }) };
  const tags = record.mail.tags ?? {};
  const campaignId = tags.campaignId?.[0];
  const contactId = tags.contactId?.[0];
  return campaignId && contactId ? { campaignId, contactId } : null;
}

function addressesOf(record: SesEventRecord, fallback: string | undefined): string[] {
  const listed =
    record.eventType === 'Bounce'
      ? record.bounce.bouncedRecipients?.map((r) => r.emailAddress)
      : record.eventType === 'Complaint'
        ? record.complaint.complainedRecipients?.map((r) => r.emailAddress)
        : undefined;
  const all = listed?.length ? listed : record.mail.destination?.length ? record.mail.destination : fallback ? [fallback] : [];
  return [...new Set(all.map(normalizeEmail))];
}

function engagementRaise(contact: ContactItem, points: number, counter: 'emailOpens' | 'emailClicks') {
  return (entities: TransactionEntities) => [
    entities.contact
      .patch({ contactId: contact.contactId })
      .add({ [counter]: 1 })
      .set({ ...raisedScore(contact, points) })
      .where(scoreUnchanged(contact))
      .commit(),
  ];
}

function planFor(record: SesEventRecord, e: Engagement | null, contact: ContactItem | null, recipient: Recipient, campaignName: string): Plan | null {
  const what = `“${campaignName}”`;
  switch (record.eventType) {
    case 'Delivery':
      // A delivery reported after a permanent bounce does not undo the bounce.
      if (e?.deliveredAt || e?.bounceType === 'Permanent') return null;
      return {
        set: { deliveredAt: record.delivery.timestamp },
        where: (a, op) => `${op.notExists(a.deliveredAt)} AND (${op.notExists(a.bounceType)} OR ${op.ne(a.bounceType, 'Permanent')})`,
        counts: { delivered: 1 },
        armCounts: { delivered: 1 },
      };
    case 'Open': {
      // Unique opens: the first one counts; an open before the delivery report counts too.
      const first: Plan | null = e?.openedAt
        ? null
        : {
            set: { openedAt: record.open.timestamp },
            where: (a, op) => op.notExists(a.openedAt),
            counts: { opened: 1 },
            ...(contact && { contact: engagementRaise(contact, ENGAGEMENT_POINTS.emailOpened, 'emailOpens'), reason: 'engagement' as const }),
            timeline: { kind: 'campaign.opened', occurredAt: record.open.timestamp, summary: `Opened the campaign ${what}` },
          };
      // An A/B recipient's opens are told apart, people's from machines' (ab/machine-open.ts).
      return recipient.arm ? (withOpenKind(first, record.open, e, recipient.sentAt) as Plan | null) : first;
    }
    case 'Click': {
      if (e?.clickedAt) return null;
      const link = record.click.link;
      return {
        set: { clickedAt: record.click.timestamp, ...(link && { firstLink: link }) },
        where: (a, op) => op.notExists(a.clickedAt),
        counts: { clicked: 1 },
        armCounts: { clicked: 1 },
        ...(contact && { contact: engagementRaise(contact, ENGAGEMENT_POINTS.emailClicked, 'emailClicks'), reason: 'engagement' as const }),
        timeline: { kind: 'campaign.clicked', occurredAt: record.click.timestamp, summary: `Clicked a link in the campaign ${what}`, data: link ? { link } : {} },
      };
    }
    case 'Bounce': {
      const { bounceType, bounceSubType, timestamp } = record.bounce;
      if (bounceType !== 'Permanent') {
        // Transient (SES stopped retrying) or undetermined: recorded and counted, nothing suppressed.
        if (e?.bouncedAt) return null;
        return { set: { bouncedAt: timestamp, bounceType }, where: (a, op) => op.notExists(a.bouncedAt), counts: { bounced: 1 } };
      }
      if (e?.bounceType === 'Permanent') return null;
      const addresses = addressesOf(record, recipient.email ?? contact?.email);
      // The contact's address is flagged only if it is still the one that bounced.
      const flag = contact !== null && contact.emailStatus !== 'invalid' && contact.email !== undefined && addresses.includes(normalizeEmail(contact.email));
      return {
        // A permanent bounce after a transient one upgrades it; the recipient was counted already.
        set: { bouncedAt: e?.bouncedAt ?? timestamp, bounceType },
        where: (a, op) => (e?.bouncedAt ? op.eq(a.bounceType, e.bounceType ?? '') : op.notExists(a.bouncedAt)),
        counts: e?.bouncedAt ? {} : { bounced: 1 },
        suppress: addresses,
        ...(flag && {
          contact: (entities: TransactionEntities) => [entities.contact.patch({ contactId: contact.contactId }).set({ emailStatus: 'invalid' }).commit()],
          reason: 'email_status' as const,
        }),
        timeline: {
          kind: 'campaign.bounced',
          occurredAt: timestamp,
          summary: `The campaign ${what} bounced; the address is suppressed`,
          data: { bounceType, ...(bounceSubType && { bounceSubType }) },
        },
      };
    }
    case 'Complaint': {
      if (e?.complainedAt) return null;
      const at = record.complaint.timestamp;
      const withdraw = contact !== null && hasMarketingConsent(contact);
      return {
        set: { complainedAt: at },
        where: (a, op) => op.notExists(a.complainedAt),
        counts: { complained: 1 },
        suppress: addressesOf(record, recipient.email ?? contact?.email),
        ...(withdraw && {
          contact: (entities: TransactionEntities) =>
            withdrawalItems(entities, contact.contactId, { source: 'complaint', at, campaignId: recipient.campaignId, messageId: record.mail.messageId }),
          reason: 'consent' as const,
        }),
      };
    }
  }
}

function planItems(entities: TransactionEntities, plan: Plan, record: SesEventRecord, recipient: Recipient): TransactionItem[] {
  const { campaignId, contactId } = recipient;
  const { messageId } = record.mail;
  const items: TransactionItem[] = [
    entities.campaignEngagement.update({ campaignId, contactId }).set({ ...plan.set, messageId }).where(plan.where).commit(),
  ];
  if (Object.values(plan.counts).some(Boolean)) items.push(counterAdd(entities, campaignId, plan.counts));
  if (recipient.arm && plan.armCounts) items.push(variantCounterAdd(entities, campaignId, recipient.arm, plan.armCounts));
  if (plan.contact) items.push(...plan.contact(entities));
  for (const email of plan.suppress ?? []) {
    items.push(suppressionPut(entities, { email, reason: record.eventType === 'Complaint' ? 'complaint' : 'bounce', messageId, campaignId, contactId }));
  }
  if (plan.timeline) {
    const { kind, occurredAt, summary, data } = plan.timeline;
    items.push(
      entities.timelineEntry
        // One line per (kind, campaign, contact): a redelivery rewrites the same item.
        .put({ entryId: `${kind}:${campaignId}:${contactId}`, contactId, occurredAt, kind, summary, refType: 'campaign', refId: campaignId, data: { campaignId, ...data } })
        .commit(),
    );
  }
  return items;
}

/** `campaign.opened|clicked|bounced` for workflows and webhooks: in the plan's transaction, so once per recorded fact. */
function engagementEvent(record: SesEventRecord, plan: Plan, recipient: Recipient, ctx: Pick<RequestContext, 'correlationId'>): PendingEvent | null {
  const { campaignId, contactId } = recipient;
  const at = (iso: string) => new Date(iso).toISOString();
  switch (record.eventType) {
    case 'Open':
      // Once per campaign and contact: a later open (told apart for an A/B test) emits nothing.
      if (!plan.set.openedAt) return null;
      return domainEvent('campaign.opened', { campaignId, contactId, at: at(record.open.timestamp) }, ctx);
    case 'Click':
      return domainEvent('campaign.clicked', { campaignId, contactId, at: at(record.click.timestamp), ...(record.click.link && { link: record.click.link }) }, ctx);
    case 'Bounce':
      return domainEvent('campaign.bounced', { campaignId, contactId, at: at(record.bounce.timestamp), bounceType: plan.set.bounceType ?? record.bounce.bounceType }, ctx);
    default:
      return null;
  }
}

/**
 * Records one SES event of a campaign mail. Each fact is written once, guarded
 * by its own attribute of the engagement item, in one transaction with the
 * campaign counter, the contact (score, counts, email status, consent), the
 * suppression, the timeline line and `contact.updated`: a duplicated or
 * reordered SES event changes nothing more. A lost race (a concurrent event
 * about the same recipient or contact) re-reads and decides again.
 */
export async function trackSesEvent(record: SesEventRecord, ctx: Pick<RequestContext, 'correlationId'>): Promise<TrackOutcome> {
  const recipient = await recipientOf(record);
  if (!recipient) return trackOtherMail(record);
  const { campaignId, contactId } = recipient;
  const { data: campaign } = await db().entities.campaign.get({ campaignId }).go({ attributes: ['name'] });
  const campaignName = campaign?.name ?? 'campaign';
  const outcome = await withRaceRetries(async () => {
    const [{ data: engagement }, { data: contact }] = await Promise.all([
      db().entities.campaignEngagement.get({ campaignId, contactId }).go({ consistent: true }),
      db().entities.contact.get({ contactId }).go({ consistent: true }),
    ]);
    const plan = planFor(record, engagement, contact, recipient, campaignName);
    if (!plan) return 'duplicate' as const;
    const events: PendingEvent[] = plan.reason ? [domainEvent('contact.updated', { contactId, reason: plan.reason }, ctx)] : [];
    const engaged = engagementEvent(record, plan, recipient, ctx);
    if (engaged) events.push(engaged);
    const result = await transactWithEvents((entities) => planItems(entities, plan, record, recipient), events);
    return result.canceled ? RETRY : ('recorded' as const);
  }, 15);
  if (outcome === RETRY) throw new Error(`campaign-track: ${record.eventType} of ${record.mail.messageId} kept losing races`);
  // Once per recorded bounce: a duplicated SES event is 'duplicate' and not counted again.
  if (record.eventType === 'Bounce' && outcome === 'recorded') count('EmailsBounced', { reason: record.bounce.bounceType });
  return outcome;
}

/**
 * Mail that is not a campaign's (order confirmations go through the same
 * configuration set): an address that bounced permanently or complained is
 * still suppressed for campaigns; nothing else is recorded.
 */
async function trackOtherMail(record: SesEventRecord): Promise<TrackOutcome> {
  if (record.eventType === 'Bounce') count('EmailsBounced', { reason: record.bounce.bounceType });
  const permanent = record.eventType === 'Bounce' && record.bounce.bounceType === 'Permanent';
  if (!permanent && record.eventType !== 'Complaint') return 'not_campaign';
  const addresses = addressesOf(record, undefined);
  if (!addresses.length) return 'not_campaign';
  const { messageId } = record.mail;
  const reason = record.eventType === 'Complaint' ? 'complaint' : 'bounce';
  await db()
    .transaction.write((entities) => addresses.map((email) => suppressionPut(entities, { email, reason, messageId })))
    .go();
  return 'not_campaign';
}
