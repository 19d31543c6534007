import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { offerNextSeats } from '#packages/features/sessions/index.ts';

/** A seat came free: the first waitlisted attendee is offered it (state-based, so a redelivery offers nothing more). */
export const handler = consumerHandler(consumers.sessionOfferSeat, async ({ data, metadata }) => {
  await offerNextSeats(data.eventId, data.sessionId, metadata);
});
