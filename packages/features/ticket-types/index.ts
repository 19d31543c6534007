/** What other features may use of this one (besides its contract); everything else is internal. */
export { getTicketType, updateTicketType } from './ticket-type-service.ts';
