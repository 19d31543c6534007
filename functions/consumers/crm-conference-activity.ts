import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { recordConferenceActivity } from '#packages/features/contacts/index.ts';

/** Session check-ins and feedback credit the attendee's contact (segment facts, timeline). */
export const handler = consumerHandler(consumers.crmConferenceActivity, async (event) => {
  await recordConferenceActivity(event.metadata, event.detailType === 'session.checked_in' ? { detailType: event.detailType, data: event.data } : { detailType: event.detailType, data: event.data });
});
