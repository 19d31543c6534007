/** What other features use of feedback: the anonymous figures of one session (speakers see their own). */
export { sessionFeedback } from './feedback-summary.ts';
