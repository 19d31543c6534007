/** What entry points may use of this one (besides its contract). */
export { deliverAnnouncement } from './deliver.ts';
export { runDueAnnouncements } from './due-announcements.ts';
