import { feedbackLink as route } from '#packages/features/feedback/routes.ts';
import { feedbackLinkFor } from '#packages/features/feedback/feedback-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await feedbackLinkFor(params.id, query.target)));
