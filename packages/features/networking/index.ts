/** What other features may use of this one (besides its contract); everything else is internal. */
export { acceptedMeetingsOf, type CalendarEntry } from './meeting-calendar.ts';
