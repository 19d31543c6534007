import { getFeedbackSummary as route } from '#packages/features/feedback/routes.ts';
import { feedbackSummary } from '#packages/features/feedback/feedback-summary.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await feedbackSummary(params.id)));
