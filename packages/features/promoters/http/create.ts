import { createPromoter as route } from '#packages/features/promoters/routes.ts';
import { createPromoter } from '#packages/features/promoters/promoter-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createPromoter(body, ctx)));
