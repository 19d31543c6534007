import { detailTypeOfSesEvent, SES_SOURCE, sesEventRecord, type SesEventRecord, type SesEventType } from '#events/ses.ts';
import { putOnBus } from '#packages/core/bus/publish.ts';
import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';

export interface SesEventRequest {
  messageId: string;
  type: SesEventType;
  /** Bounce only: `Permanent` (the default), `Transient` or `Undetermined`. */
  bounceType?: string;
  /** Click only. */
  link?: string;
  /** When it happened (default now). */
  timestamp?: string;
  /** Open only: the fetcher's user agent and address. */
  userAgent?: string;
  ipAddress?: string;
}

/**
 * The SES record SES would publish for a message (mail.destination from the
 * recipient item, as SES knows where it sent it). null: no campaign message
 * has this id. Local only: the SES emulator produces no events.
 */
export async function sesRecordFor(req: SesEventRequest): Promise<SesEventRecord | null> {
  const { data } = await db().entities.campaignRecipient.query.byMessage({ messageId: req.messageId }).go({ limit: 1 });
  const recipient = data[0];
  if (!recipient) return null;
  const timestamp = req.timestamp ?? nowIso();
  const destination = recipient.email ? [recipient.email] : [];
  // No tags: the consumer must find the recipient by the message id, as it does for SES's events.
  const mail = { messageId: req.messageId, timestamp: recipient.sentAt ?? timestamp, destination };
  const recipients = destination.map((emailAddress) => ({ emailAddress }));
  const record = {
    Delivery: () => ({ eventType: 'Delivery', mail, delivery: { timestamp } }),
    Open: () => ({ eventType: 'Open', mail, open: { timestamp, ...(req.userAgent && { userAgent: req.userAgent }), ...(req.ipAddress && { ipAddress: req.ipAddress }) } }),
    Click: () => ({ eventType: 'Click', mail, click: { timestamp, ...(req.link && { link: req.link }) } }),
    Bounce: () => ({ eventType: 'Bounce', mail, bounce: { bounceType: req.bounceType ?? 'Permanent', bounceSubType: 'General', timestamp, bouncedRecipients: recipients } }),
    Complaint: () => ({ eventType: 'Complaint', mail, complaint: { timestamp, complainedRecipients: recipients, complaintFeedbackType: 'abuse' } }),
  }[req.type]();
  return sesEventRecord().parse(record);
}

/** Puts the record on the bus as SES's EventBridge destination would (source aws.ses, SES's detail-type). */
export async function publishSesRecord(record: SesEventRecord): Promise<void> {
  const accepted = await putOnBus([
    { eventId: newId(), source: SES_SOURCE, detailType: detailTypeOfSesEvent[record.eventType], detail: JSON.stringify(record) },
  ]);
  if (!accepted.length) throw new Error('the bus refused the SES event');
}
