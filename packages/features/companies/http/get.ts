import { getCompany as route } from '#packages/features/companies/routes.ts';
import { getCompany } from '#packages/features/companies/company-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getCompany(params.id)));
