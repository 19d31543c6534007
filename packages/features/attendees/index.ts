/** What other features may use of this one (besides its contract). */
export { attendeeFormToken, attendeeFormUrl } from './attendee-token.ts';
export { mailAttendeeTicket } from './mail-attendee-ticket.ts';
export { assignAttendee } from './attendee-service.ts';
export { listAttendees } from './attendee-queries.ts';
