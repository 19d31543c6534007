import { updateCompany as route } from '#packages/features/companies/routes.ts';
import { updateCompany } from '#packages/features/companies/company-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx, ifMatch }) => ok(await updateCompany(params.id, body, ctx, ifMatch)));
