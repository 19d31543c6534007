import { createCompany as route } from '#packages/features/companies/routes.ts';
import { createCompany } from '#packages/features/companies/company-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createCompany(body, ctx)));
