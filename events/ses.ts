import * as z from 'zod/mini';

/**
 * SES sending events as they reach the tenant bus: SES publishes the
 * configuration set's events to the default bus (source `aws.ses`), and a
 * rule forwards them to the tenant bus (infra/tenant-stack.ts). They are not
 * ours, so they carry no `{ metadata, data }` envelope: `detail` is SES's
 * event record (`eventType`, `mail`, and one object per type — the same
 * record SES sends to SNS or Firehose). Only the fields we read are checked;
 * the rest passes through untouched.
 */
export const SES_SOURCE = 'aws.ses';

/**
 * The record schemas, built on first use rather than at import: every consumer
 * imports this file (through events/routing.ts) and most never see an SES event.
 */
const schemas = (() => {
  let built: ReturnType<typeof build> | undefined;
  function build() {
    const mail = z.object({
      messageId: z.string().check(z.minLength(1)),
      timestamp: z.optional(z.string()),
      destination: z.optional(z.array(z.string())),
      tags: z.optional(z.record(z.string(), z.array(z.string()))),
    });

    const delivery = z.object({ eventType: z.literal('Delivery'), mail, delivery: z.object({ timestamp: z.string() }) });
    const open = z.object({
      eventType: z.literal('Open'),
      mail,
      // ipAddress and userAgent tell a privacy proxy's or scanner's open from a person's (A/B open rates).
      open: z.object({ timestamp: z.string(), ipAddress: z.optional(z.string()), userAgent: z.optional(z.string()) }),
    });
    const click = z.object({
      eventType: z.literal('Click'),
      mail,
      click: z.object({ timestamp: z.string(), link: z.optional(z.string()) }),
    });
    const bounce = z.object({
      eventType: z.literal('Bounce'),
      mail,
      bounce: z.object({
        /** `Permanent` (never mail again), `Transient` (soft, after SES gave up retrying) or `Undetermined`. */
        bounceType: z.string(),
        bounceSubType: z.optional(z.string()),
        timestamp: z.string(),
        bouncedRecipients: z.optional(z.array(z.object({ emailAddress: z.string() }))),
      }),
    });
    const complaint = z.object({
      eventType: z.literal('Complaint'),
      mail,
      complaint: z.object({
        timestamp: z.string(),
        complainedRecipients: z.optional(z.array(z.object({ emailAddress: z.string() }))),
        complaintFeedbackType: z.optional(z.string()),
      }),
    });
    return { delivery, open, click, bounce, complaint, record: z.discriminatedUnion('eventType', [delivery, open, click, bounce, complaint]) };
  }
  return () => (built ??= build());
})();

const exampleMail = {
  messageId: '0100018d2f3c5a1b-1a2b3c4d-0000-0000-0000-000000000000-000000',
  timestamp: '2026-11-25T10:00:00.000Z',
  destination: ['ana@example.com'],
  tags: { 'ses:configuration-set': ['eventos-acme'] },
};

/** EventBridge detail-type (as SES names them) → the record's schema and an example. */
export const sesCatalog = {
  'Email Delivered': {
    source: SES_SOURCE,
    description: "SES handed the message to the recipient's mail server.",
    get detail() {
      return schemas().delivery;
    },
    example: { eventType: 'Delivery', mail: exampleMail, delivery: { timestamp: '2026-11-25T10:00:02.000Z' } },
  },
  'Email Opened': {
    source: SES_SOURCE,
    description: 'The recipient opened the message (the open-tracking pixel loaded).',
    get detail() {
      return schemas().open;
    },
    example: { eventType: 'Open', mail: exampleMail, open: { timestamp: '2026-11-25T11:00:00.000Z' } },
  },
  'Email Clicked': {
    source: SES_SOURCE,
    description: 'The recipient followed a tracked link.',
    get detail() {
      return schemas().click;
    },
    example: { eventType: 'Click', mail: exampleMail, click: { timestamp: '2026-11-25T11:01:00.000Z', link: 'https://example.com/e/1?rt=x' } },
  },
  'Email Bounced': {
    source: SES_SOURCE,
    description: 'The message bounced: Permanent (hard) or Transient (soft, after SES stopped retrying).',
    get detail() {
      return schemas().bounce;
    },
    example: {
      eventType: 'Bounce',
      mail: exampleMail,
      bounce: { bounceType: 'Permanent', bounceSubType: 'General', timestamp: '2026-11-25T10:00:03.000Z', bouncedRecipients: [{ emailAddress: 'ana@example.com' }] },
    },
  },
  'Email Complaint Received': {
    source: SES_SOURCE,
    description: 'The recipient marked the message as spam (feedback loop).',
    get detail() {
      return schemas().complaint;
    },
    example: {
      eventType: 'Complaint',
      mail: exampleMail,
      complaint: { timestamp: '2026-11-25T12:00:00.000Z', complainedRecipients: [{ emailAddress: 'ana@example.com' }], complaintFeedbackType: 'abuse' },
    },
  },
} as const;

export type SesDetailType = keyof typeof sesCatalog;
export const sesDetailTypes = Object.keys(sesCatalog) as SesDetailType[];

/** Every SES record we consume (its schema, built on first use). */
export const sesEventRecord = () => schemas().record;
export type SesEventRecord = z.infer<ReturnType<typeof sesEventRecord>>;
export type SesEventType = SesEventRecord['eventType'];

/** The detail-type SES gives each record type (for the local dev endpoint, which emits them). */
export const detailTypeOfSesEvent: Record<SesEventType, SesDetailType> = {
  Delivery: 'Email Delivered',
  Open: 'Email Opened',
  Click: 'Email Clicked',
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
};

export function isSesDetailType(detailType: string): detailType is SesDetailType {
  return Object.hasOwn(sesCatalog, detailType);
}
