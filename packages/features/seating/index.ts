/** What other features may use of this one (besides its contract); everything else is internal. */
export { seatedTicketTypes, selectSeats, type SeatSelection } from './pick-seats.ts';
export { seatUpdates, type SeatRef } from './seat-store.ts';
export { markTaken as markSeatsTaken } from './taken-hint.ts';
export { publishedBooths } from './map-booths.ts';
export type { MapBoothInput } from './contract.ts';
