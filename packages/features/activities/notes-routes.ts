import { IdParams, listOf } from '#packages/core/common-schemas.ts';
import { CreateNote, Note, NoteListQuery, UpdateNote } from './notes-contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Notes';

export const createNote = defineRoute({
  operationId: 'createNote',
  method: 'POST',
  path: '/v1/notes',
  handler: 'activities/notes/create',
  permission: 'activities:write',
  summary: 'Write a note on a contact; isPrivate makes it visible to its author only (422 unknown_contact)',
  tag,
  request: { body: CreateNote },
  responses: { 201: { description: 'Created', schema: Note }, 422: { description: 'unknown_contact' } },
});

export const listNotes = defineRoute({
  operationId: 'listNotes',
  method: 'GET',
  path: '/v1/notes',
  handler: 'activities/notes/list',
  permission: 'activities:read',
  summary: "A contact's notes, newest first, without other people's private notes",
  tag,
  request: { query: NoteListQuery },
  responses: { 200: { description: 'A page of notes', schema: listOf(Note) } },
});

export const getNote = defineRoute({
  operationId: 'getNote',
  method: 'GET',
  path: '/v1/notes/{id}',
  handler: 'activities/notes/get',
  permission: 'activities:read',
  summary: "Get a note; someone else's private note is a 404, exactly like a missing one",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The note', schema: Note } },
});

export const updateNote = defineRoute({
  operationId: 'updateNote',
  method: 'PATCH',
  path: '/v1/notes/{id}',
  handler: 'activities/notes/update',
  permission: 'activities:write',
  summary: "Change a note: its author only (someone else's public note: 403 forbidden; private: 404)",
  tag,
  request: { params: IdParams, body: UpdateNote },
  responses: { 200: { description: 'The changed note', schema: Note }, 409: { description: 'concurrent_update' } },
});

export const deleteNote = defineRoute({
  operationId: 'deleteNote',
  method: 'DELETE',
  path: '/v1/notes/{id}',
  handler: 'activities/notes/delete',
  permission: 'activities:write',
  summary: "Delete a note: its author only (someone else's public note: 403 forbidden; private: 404)",
  tag,
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' } },
});
