import { getForecast as route } from '#packages/features/pipelines/routes.ts';
import { forecast } from '#packages/features/opportunities/index.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query, ctx }) => ok(await forecast(query, ctx)));
