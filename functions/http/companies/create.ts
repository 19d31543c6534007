import { createCompany as route } from '#packages/api/routes/companies.ts';
import { createCompany } from '#packages/core/companies/company-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createCompany(body, ctx)));
