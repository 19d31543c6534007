import { getContactJourney as route } from '#packages/features/analytics/routes.ts';
import { contactJourney } from '#packages/features/analytics/journey.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await contactJourney(params.id, query)));
