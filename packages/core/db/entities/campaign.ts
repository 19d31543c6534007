import type { Db } from '../service.ts';
import { SERVICE, money, timestamps } from './common.ts';

export const CAMPAIGN_TYPES = ['newsletter', 'event_promo', 'follow_up', 'announcement'] as const;
export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'canceled'] as const;
export const AUDIENCE_KINDS = ['segment', 'buyers', 'attendees'] as const;
export const SEND_PHASES = ['resolve', 'send', 'finish', 'wait'] as const;

/**
 * An email campaign: its content, audience and status, and — while it sends —
 * where the send stands (`progress*`), so a crash resumes exactly there.
 *
 * `dueAt` is when the `campaign-due` job must look at it: the schedule time of
 * a `scheduled` campaign, the watchdog time of a `sending` one (pushed forward
 * by every chunk). The `due` index holds only those two statuses (its
 * condition drops the keys otherwise), so the job reads exactly the campaigns
 * that may need it. Any write of `status` or `dueAt` must carry both.
 */
export const campaignSchema = {
  model: { entity: 'campaign', version: '1', service: SERVICE },
  attributes: {
    campaignId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    type: { type: CAMPAIGN_TYPES, required: true },
    subject: { type: 'string', required: true },
    html: { type: 'string', required: true },
    text: { type: 'string', required: true },
    audience: {
      type: 'map',
      required: true,
      properties: {
        kind: { type: AUDIENCE_KINDS, required: true },
        segmentId: { type: 'string' },
        eventId: { type: 'string' },
      },
    },
    /** The consent purpose (an email subscription type) recipients must have granted; absent: `marketing_email`. */
    subscriptionType: { type: 'string' },
    /** The event whose fields `{{event.*}}` renders (defaults to the audience's event). */
    eventId: { type: 'string' },
    budget: money,
    status: { type: CAMPAIGN_STATUSES, required: true, default: 'draft' },
    scheduledAt: { type: 'string' },
    dueAt: { type: 'string' },
    sendRequestedAt: { type: 'string' },
    sendRequestedBy: { type: 'string' },
    sentAt: { type: 'string' },
    canceledAt: { type: 'string' },
    /** Where the send stands; a chunk runs only if its (phase, step) is still the current one. */
    progressPhase: { type: SEND_PHASES },
    progressCursor: { type: 'string' },
    progressStep: { type: 'number' },
    /**
     * Recipients whose SES call outcome is unknown (claimed, lease expired,
     * never marked): never resent. Kept here, not in the sharded counters:
     * it is rare, and the campaign item is not hot.
     */
    unknownCount: { type: 'number' },
    /** The counters at the moment the send finished (also in `campaign.sent`). */
    totals: { type: 'any' },
    /** The A/B test (packages/features/campaigns/ab/contract.ts `AbTest`); absent: a plain campaign. */
    abTest: { type: 'any' },
    /** When the test share's last mail went out, and when the test length is over (phase `wait` until decided). */
    abTestSentAt: { type: 'string' },
    abTestEndsAt: { type: 'string' },
    /** The decision (`AbDecision`): the variant the rest gets, and why. Set once, by the due job. */
    abDecision: { type: 'any' },
    createdBy: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['campaignId'] }, sk: { field: 'sk', composite: [] } },
    /** Every campaign, newest id last: a tenant has hundreds or thousands, one partition is fine. */
    all: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: [] },
      sk: { field: 'gsi1sk', composite: ['campaignId'] },
    },
    /** Sparse: scheduled and sending campaigns by the time the due job must act on them. */
    due: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['status'] },
      sk: { field: 'gsi2sk', composite: ['dueAt'] },
      condition: (attr: { status?: string }) => attr.status === 'scheduled' || attr.status === 'sending',
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const campaignEntity: Db['entities']['campaign'];
