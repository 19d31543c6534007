/** What other features may use of this one (besides its contract). */
export { readSession } from './session-service.ts';
export type { SessionItem } from './session-view.ts';
export { toPublicSession } from './session-view.ts';

/**
 * The iCalendar of sessions, with ical-generator loaded on the first call:
 * re-exported plainly, this index made every importer of readSession (a
 * session registration, a cancellation) load ical-generator, which they never
 * use (bench: bundles).
 */
export async function sessionsCalendar(...args: Parameters<typeof import('./calendar.ts').sessionsCalendar>): Promise<string> {
  return (await import('./calendar.ts')).sessionsCalendar(...args);
}
