import { getCompany as route } from '#packages/api/routes/companies.ts';
import { getCompany } from '#packages/core/companies/company-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getCompany(params.id)));
