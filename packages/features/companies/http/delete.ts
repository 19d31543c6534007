import { deleteCompany as route } from '#packages/features/companies/routes.ts';
import { deleteCompany } from '#packages/features/companies/company-service.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ifMatch }) => {
  await deleteCompany(params.id, ifMatch);
  return noContent();
});
