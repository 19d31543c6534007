import { IdParams, listOf } from '#packages/core/common-schemas.ts';
import { Contact, ContactListQuery, CreateContact, TrashListQuery, UpdateContact } from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Contacts';

export const createContact = defineRoute({
  operationId: 'createContact',
  method: 'POST',
  path: '/v1/contacts',
  handler: 'contacts/create',
  permission: 'contacts:write',
  summary:
    'Create a contact, known by email, by phone only, or both (neither: 422 email_or_phone_required); an email already known (in any case) is a 409 duplicate with the existing id, a phone-only contact\'s number already known a 409 duplicate_phone, a phone that cannot be written in E.164 a 400, an unknown companyId a 422',
  tag,
  request: { body: CreateContact },
  responses: { 201: { description: 'Created', schema: Contact } },
});

export const listContacts = defineRoute({
  operationId: 'listContacts',
  method: 'GET',
  path: '/v1/contacts',
  handler: 'contacts/list',
  permission: 'contacts:read',
  summary:
    'List active contacts (never trashed ones), filtered by email, companyId, tag, leadSource, minScore/maxScore or attendedEventId, sorted by createdAt or engagementScore (prefix - for descending)',
  tag,
  request: { query: ContactListQuery },
  responses: { 200: { description: 'A page of contacts', schema: listOf(Contact) } },
});

export const getContact = defineRoute({
  operationId: 'getContact',
  method: 'GET',
  path: '/v1/contacts/{id}',
  etag: true,
  handler: 'contacts/get',
  permission: 'contacts:read',
  summary: 'Get a contact (also one in the trash: its state says so)',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The contact', schema: Contact } },
});

export const updateContact = defineRoute({
  operationId: 'updateContact',
  method: 'PATCH',
  path: '/v1/contacts/{id}',
  ifMatch: true,
  handler: 'contacts/update',
  permission: 'contacts:write',
  summary: 'Change a contact (a new email must be unique too; null clears phone, leadSource or companyId); a trashed contact is a 409',
  tag,
  request: { params: IdParams, body: UpdateContact },
  responses: { 200: { description: 'The changed contact', schema: Contact } },
});

export const listContactTrash = defineRoute({
  operationId: 'listContactTrash',
  method: 'GET',
  path: '/v1/contacts/trash',
  handler: 'contacts/trash-list',
  permission: 'contacts:read',
  summary: 'List the contacts in the trash, oldest first',
  tag,
  request: { query: TrashListQuery },
  responses: { 200: { description: 'A page of trashed contacts', schema: listOf(Contact) } },
});

export const trashContact = defineRoute({
  operationId: 'trashContact',
  method: 'DELETE',
  path: '/v1/contacts/{id}',
  ifMatch: true,
  handler: 'contacts/trash',
  permission: 'contacts:write',
  summary: 'Move a contact to the trash: out of every list, filter and segment until restored; its email stays taken',
  tag,
  request: { params: IdParams },
  responses: { 204: { description: 'In the trash (also when it already was)' } },
});

export const restoreContact = defineRoute({
  operationId: 'restoreContact',
  method: 'POST',
  path: '/v1/contacts/{id}/restore',
  handler: 'contacts/restore',
  permission: 'contacts:write',
  summary: 'Bring a contact back from the trash (409 not_trashed when it is not there)',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The restored contact', schema: Contact } },
});

export const deleteContactPermanently = defineRoute({
  operationId: 'deleteContactPermanently',
  method: 'DELETE',
  path: '/v1/contacts/{id}/permanent',
  handler: 'contacts/delete-permanently',
  permission: 'contacts:delete',
  summary: 'Delete a trashed contact for good, freeing its email (409 not_trashed unless it is in the trash)',
  tag,
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' } },
});
