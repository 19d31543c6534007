import { getForecast as route } from '#packages/api/routes/pipelines.ts';
import { forecast } from '#packages/core/opportunities/forecast-query.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query, ctx }) => ok(await forecast(query, ctx)));
