import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

export const ANNOUNCEMENT_STATES = ['scheduled', 'sending', 'sent'] as const;

/**
 * A message to an event's audience (all attendees, one ticket type, a
 * session's confirmed registrants, the speakers): mailed to each recipient
 * once (announcementRecipient) and shown in the attendees' in-app feed.
 * scheduled (its `sendAt` ahead) → sending (`announcement.requested` in the
 * outbox) → sent (every recipient settled, `announcement.sent`). `dueAt` is
 * when the `announcements-due` job must look at it: the send time of a
 * scheduled one, the watchdog time of a sending one (a delivery that died or
 * was dead-lettered is requested again). The `due` index holds only those two
 * states (its condition drops the keys otherwise); any write of `state`
 * carries `dueAt` too (the index needs both).
 */
export const announcementSchema = {
  model: { entity: 'announcement', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    announcementId: { type: 'string', required: true, readOnly: true },
    subject: { type: 'string', required: true, readOnly: true },
    body: { type: 'string', required: true, readOnly: true },
    audience: { type: ['attendees', 'ticket_type', 'session', 'speakers'] as const, required: true, readOnly: true },
    ticketTypeId: { type: 'string', readOnly: true },
    sessionId: { type: 'string', readOnly: true },
    state: { type: ANNOUNCEMENT_STATES, required: true },
    sendAt: { type: 'string', required: true, readOnly: true },
    dueAt: { type: 'string', required: true },
    sentAt: { type: 'string' },
    recipients: { type: 'number' },
    mailed: { type: 'number' },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byEvent: { pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['announcementId'] } },
    /** Sparse: scheduled and sending announcements by the time the `announcements-due` job must act on them. */
    due: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['state'] },
      sk: { field: 'gsi1sk', composite: ['dueAt'] },
      condition: (attr: { state?: string }) => attr.state === 'scheduled' || attr.state === 'sending',
    },
  },
} as const;

export declare const announcementEntity: Db['entities']['announcement'];
