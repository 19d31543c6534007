import * as z from 'zod/mini';
import { IsoDateTime, ListQuery, Money, Timestamps, Ulid } from '#packages/core/common-schemas.ts';
import { AbDecision, AbTest } from './ab/contract.ts';

export const CampaignType = z.enum(['newsletter', 'event_promo', 'follow_up', 'announcement']);
export const CampaignStatus = z.enum(['draft', 'scheduled', 'sending', 'sent', 'canceled']);

/** A saved segment, or the buyers (paid orders) or attendees (checked in) of one event. */
export const CampaignAudience = z
  .union([
    z.object({ segmentId: Ulid }),
    z.object({ eventId: Ulid, kind: z.enum(['buyers', 'attendees']) }),
  ])
  .register(z.globalRegistry, { id: 'CampaignAudience', description: '`{ segmentId }` or `{ eventId, kind: buyers | attendees }`' });

/**
 * Bodies may use `{{firstName}}`, `{{lastName}}`, `{{email}}`,
 * `{{unsubscribeUrl}}`, and with an event `{{event.name}}`, `{{event.startsAt}}`;
 * any other placeholder is a 400. A missing value renders as nothing.
 */
const content = {
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  type: CampaignType,
  subject: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)),
  html: z.string().check(z.minLength(1), z.maxLength(200_000)),
  text: z.string().check(z.minLength(1), z.maxLength(100_000)),
  audience: CampaignAudience,
  /** The event `{{event.*}}` refers to; defaults to the audience's event. */
  eventId: z.optional(Ulid),
  budget: z.optional(Money),
  /**
   * The subscription type (a consent purpose on the email channel: GET /v1/consent-purposes) the mail belongs to:
   * only contacts who granted it receive it, and an unsubscribe from all marketing still wins. Default `marketing_email`.
   */
  subscriptionType: z.optional(z.string().check(z.regex(/^[a-z][a-z0-9_]{1,47}$/))),
  /** An A/B test of 2–5 variants (docs/flows/analytics-ab.md); its figures: GET /v1/campaigns/{id}/ab-test. */
  abTest: z.optional(AbTest),
};

export const CreateCampaign = z.object(content).register(z.globalRegistry, { id: 'CreateCampaign' });

/** Only while the campaign is a draft or scheduled. `eventId: null` / `budget: null` clear them. */
export const UpdateCampaign = z
  .object({
    name: z.optional(content.name),
    type: z.optional(content.type),
    subject: z.optional(content.subject),
    html: z.optional(content.html),
    text: z.optional(content.text),
    audience: z.optional(content.audience),
    eventId: z.optional(z.nullable(Ulid)),
    budget: z.optional(z.nullable(Money)),
    subscriptionType: content.subscriptionType,
    /** `null` removes the test. */
    abTest: z.optional(z.nullable(AbTest)),
  })
  .register(z.globalRegistry, { id: 'UpdateCampaign' });

export const ScheduleCampaign = z
  .object({ at: IsoDateTime })
  .register(z.globalRegistry, { id: 'ScheduleCampaign', description: 'When the send starts (the due job checks every minute)' });

export const CampaignProgress = z.object({
  /** `wait`: an A/B test's share is sent, the rest waits for the decision. */
  phase: z.enum(['resolve', 'send', 'finish', 'wait']),
  step: z.int(),
});

export const Campaign = z
  .object({
    id: Ulid,
    name: z.string(),
    type: CampaignType,
    subject: z.string(),
    html: z.string(),
    text: z.string(),
    audience: CampaignAudience,
    eventId: z.optional(Ulid),
    budget: z.nullable(Money),
    subscriptionType: z.optional(z.string()),
    status: CampaignStatus,
    scheduledAt: z.optional(IsoDateTime),
    sendRequestedAt: z.optional(IsoDateTime),
    sendRequestedBy: z.optional(z.string()),
    sentAt: z.optional(IsoDateTime),
    canceledAt: z.optional(IsoDateTime),
    /** Where a send stands while `sending`. */
    progress: z.optional(CampaignProgress),
    /** The counters when the send finished (`GET /v1/campaigns/{id}/stats` has live ones). */
    totals: z.optional(z.record(z.string(), z.int())),
    abTest: z.optional(AbTest),
    /** When the A/B test's length is over (set once its share is sent). */
    abTestEndsAt: z.optional(IsoDateTime),
    /** The variant the rest of the audience gets, and why (set by the due job). */
    abTestDecision: z.optional(AbDecision),
    createdBy: z.optional(z.string()),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Campaign' });

export const RecipientStatus = z.enum(['pending', 'sending', 'sent', 'skipped', 'failed', 'unknown']);

export const CampaignRecipient = z
  .object({
    contactId: Ulid,
    email: z.optional(z.string()),
    status: RecipientStatus,
    skipReason: z.optional(z.enum(['unsubscribed', 'suppressed', 'no_consent', 'invalid_email'])),
    messageId: z.optional(z.string()),
    sentAt: z.optional(IsoDateTime),
    failure: z.optional(z.string()),
    /** A/B tests: the variant mailed; `test` (the test share) or `rest` (mailed the decided variant). */
    variant: z.optional(z.string()),
    abGroup: z.optional(z.enum(['test', 'rest'])),
    updatedAt: IsoDateTime,
  })
  .register(z.globalRegistry, {
    id: 'CampaignRecipient',
    description: '`unknown`: claimed for sending but SES never confirmed; never resent (at most once)',
  });

export const CampaignListQuery = ListQuery;

export const RecipientListQuery = z.extend(ListQuery, { status: z.optional(RecipientStatus) });

export type CreateCampaignInput = z.infer<typeof CreateCampaign>;
export type UpdateCampaignInput = z.infer<typeof UpdateCampaign>;
export type CampaignView = z.infer<typeof Campaign>;
export type CampaignRecipientView = z.infer<typeof CampaignRecipient>;
export type CampaignAudienceInput = z.infer<typeof CampaignAudience>;
