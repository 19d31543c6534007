import { consumers } from '#events/routing.ts';
import { trackSesEvent } from '#packages/features/campaigns/track.ts';
import { sesConsumerHandler } from '#packages/core/bus/ses-consumer-handler.ts';

/** SES delivery, open, click, bounce and complaint events of campaign mail → recipient, counters, contact, suppression. */
export const handler = sesConsumerHandler(
  consumers.campaignTrack,
  // The SES message id correlates what this event causes (contact.updated) with the mail.
  ({ record }) => trackSesEvent(record, { correlationId: record.mail.messageId }),
);
