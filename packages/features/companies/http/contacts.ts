import { listCompanyContacts as route } from '#packages/features/companies/routes.ts';
import { getCompany } from '#packages/features/companies/company-service.ts';
import { listContacts } from '#packages/features/contacts/index.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => {
  await getCompany(params.id); // 404 for an unknown company rather than an empty page
  return ok(await listContacts({ ...query, companyId: params.id }));
});
