import { putFeedbackSettings as route } from '#packages/features/feedback/routes.ts';
import { setFeedbackSettings } from '#packages/features/feedback/feedback-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await setFeedbackSettings(params.id, body)));
