import { IdParams, listOf } from '../schemas/common.ts';
import { Contact, ContactListQuery, CreateContact, UpdateContact } from '../schemas/contacts.ts';
import { defineRoute } from '../route.ts';

const tag = 'Contacts';

export const createContact = defineRoute({
  operationId: 'createContact',
  method: 'POST',
  path: '/v1/contacts',
  handler: 'contacts/create',
  permission: 'contacts:write',
  summary: 'Create a contact; an email already known (in any case) is a 409 duplicate with the existing id',
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
  summary: 'List contacts, oldest first, or find the one with ?email=',
  tag,
  request: { query: ContactListQuery },
  responses: { 200: { description: 'A page of contacts', schema: listOf(Contact) } },
});

export const getContact = defineRoute({
  operationId: 'getContact',
  method: 'GET',
  path: '/v1/contacts/{id}',
  handler: 'contacts/get',
  permission: 'contacts:read',
  summary: 'Get a contact',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The contact', schema: Contact } },
});

export const updateContact = defineRoute({
  operationId: 'updateContact',
  method: 'PATCH',
  path: '/v1/contacts/{id}',
  handler: 'contacts/update',
  permission: 'contacts:write',
  summary: 'Change a contact (a new email must be unique too)',
  tag,
  request: { params: IdParams, body: UpdateContact },
  responses: { 200: { description: 'The changed contact', schema: Contact } },
});
