import { getFeedback as route } from '#packages/features/feedback/routes.ts';
import { getFeedback } from '#packages/features/feedback/feedback-service.ts';
import { claimsOfFeedbackToken } from '#packages/features/feedback/feedback-token.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getFeedback(claimsOfFeedbackToken(params.token))));
