import * as z from 'zod/mini';
import { ACCOUNT_TYPES, COMPANY_SIZES, PRIORITIES } from '#packages/core/db/entities/company.ts';
import { ListQuery, Money, Timestamps, Revision, Ulid } from '#packages/core/common-schemas.ts';

/** As entered; the service normalizes it (`https://www.Acme.com/` → `acme.com`) and refuses what is no domain. */
const DomainInput = z.string().check(z.trim(), z.minLength(1), z.maxLength(300));

const companyFields = {
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  domain: z.optional(DomainInput),
  industry: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  companySize: z.optional(z.enum(COMPANY_SIZES)),
  annualRevenue: z.optional(Money),
  accountType: z.optional(z.enum(ACCOUNT_TYPES)),
  priority: z.optional(z.enum(PRIORITIES)),
};

export const CreateCompany = z.object(companyFields).register(z.globalRegistry, { id: 'CreateCompany' });

export const UpdateCompany = z.partial(z.object(companyFields)).register(z.globalRegistry, { id: 'UpdateCompany' });

export const Company = z
  .object({
    id: Ulid,
    ...companyFields,
    domain: z.optional(z.string()),
    contactsCount: z.int(),
    createdBy: z.optional(z.string()),
    ...Timestamps,
    ...Revision,
  })
  .register(z.globalRegistry, { id: 'Company' });

export const CompanyListQuery = ListQuery;

export type CreateCompanyInput = z.infer<typeof CreateCompany>;
export type UpdateCompanyInput = z.infer<typeof UpdateCompany>;
export type CompanyView = z.infer<typeof Company>;
