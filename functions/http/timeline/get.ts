import { getContactTimeline as route } from '#packages/api/routes/timeline.ts';
import { contactTimeline } from '#packages/core/timeline/contact-timeline.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query, ctx }) => ok(await contactTimeline(params.id, query, ctx.actorId)));
