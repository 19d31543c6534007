import { getCampaignAbTest as route } from '#packages/features/campaigns/ab/routes.ts';
import { getAbTest } from '#packages/features/campaigns/ab/ab-test-view.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getAbTest(params.id)));
