import { submitFeedback as route } from '#packages/features/feedback/routes.ts';
import { submitFeedback } from '#packages/features/feedback/feedback-service.ts';
import { claimsOfFeedbackToken } from '#packages/features/feedback/feedback-token.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await submitFeedback(claimsOfFeedbackToken(params.token), body, ctx)));
