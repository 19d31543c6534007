import { getContactTimeline as route } from '#packages/features/timeline/routes.ts';
import { contactTimeline } from '#packages/features/timeline/contact-timeline.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query, ctx }) => ok(await contactTimeline(params.id, query, ctx.actorId)));
