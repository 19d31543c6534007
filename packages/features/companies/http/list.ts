import { listCompanies as route } from '#packages/features/companies/routes.ts';
import { listCompanies } from '#packages/features/companies/company-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listCompanies(query)));
