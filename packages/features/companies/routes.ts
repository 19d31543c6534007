import { IdParams, ListQuery, listOf } from '#packages/core/common-schemas.ts';
import { Company, CompanyListQuery, CreateCompany, UpdateCompany } from './contract.ts';
import { Contact } from '#packages/features/contacts/contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Companies';

export const createCompany = defineRoute({
  operationId: 'createCompany',
  method: 'POST',
  path: '/v1/companies',
  handler: 'companies/create',
  permission: 'companies:write',
  summary: 'Create a company; a domain already known in any spelling (https://www.Acme.com/ = acme.com) is a 409 duplicate with the existing id',
  tag,
  request: { body: CreateCompany },
  responses: { 201: { description: 'Created', schema: Company } },
});

export const listCompanies = defineRoute({
  operationId: 'listCompanies',
  method: 'GET',
  path: '/v1/companies',
  handler: 'companies/list',
  permission: 'companies:read',
  summary: 'List companies, oldest first',
  tag,
  request: { query: CompanyListQuery },
  responses: { 200: { description: 'A page of companies', schema: listOf(Company) } },
});

export const getCompany = defineRoute({
  operationId: 'getCompany',
  method: 'GET',
  path: '/v1/companies/{id}',
  etag: true,
  handler: 'companies/get',
  permission: 'companies:read',
  summary: 'Get a company',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The company', schema: Company } },
});

export const updateCompany = defineRoute({
  operationId: 'updateCompany',
  method: 'PATCH',
  path: '/v1/companies/{id}',
  ifMatch: true,
  handler: 'companies/update',
  permission: 'companies:write',
  summary: 'Change a company (a new domain must be unique too)',
  tag,
  request: { params: IdParams, body: UpdateCompany },
  responses: { 200: { description: 'The changed company', schema: Company } },
});

export const deleteCompany = defineRoute({
  operationId: 'deleteCompany',
  method: 'DELETE',
  path: '/v1/companies/{id}',
  ifMatch: true,
  handler: 'companies/delete',
  permission: 'companies:write',
  summary: 'Delete a company no contact points at, trashed ones included (409 company_has_contacts otherwise)',
  tag,
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' } },
});

export const listCompanyContacts = defineRoute({
  operationId: 'listCompanyContacts',
  method: 'GET',
  path: '/v1/companies/{id}/contacts',
  handler: 'companies/contacts',
  permission: 'contacts:read',
  summary: "The company's active contacts, oldest first (needs contacts:read: the answer is contacts)",
  tag,
  request: { params: IdParams, query: ListQuery },
  responses: { 200: { description: 'A page of contacts', schema: listOf(Contact) } },
});
