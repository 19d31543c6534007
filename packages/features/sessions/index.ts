/** What other features and entry points may use of this one (besides its contract). */
export { offerNextSeats, expireSessionOffers } from './waitlist.ts';
export { rescheduleRegistrations } from './reschedule.ts';
export { attendeeOfToken, attendeeLinkToken, validTicket, type AttendeeRef } from './attendee-link.ts';
