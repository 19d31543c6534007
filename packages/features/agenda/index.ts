/** What other features may use of this one (besides its contract). */
export { readSession } from './session-service.ts';
export type { SessionItem } from './session-view.ts';
export { toPublicSession } from './session-view.ts';
export { sessionsCalendar } from './calendar.ts';
