import { listCompanies as route } from '#packages/api/routes/companies.ts';
import { listCompanies } from '#packages/core/companies/company-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listCompanies(query)));
