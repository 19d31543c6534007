import * as z from 'zod/mini';
import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { CreateMaterial, CreatedMaterial, DownloadLink, Material, MaterialParams, TokenMaterialParams } from './contract.ts';

const tag = 'Materials';

export const createMaterial = defineRoute({
  operationId: 'createMaterial',
  method: 'POST',
  path: '/v1/events/{id}/materials',
  location: '/v1/events/{id}/materials',
  handler: 'materials/create',
  permission: 'events:write',
  files: 'write',
  summary: 'Add a file to an event or a session, with its access level; answers a short-lived upload link',
  tag,
  request: { params: IdParams, body: CreateMaterial },
  responses: { 201: { description: 'The material and its upload link', schema: CreatedMaterial } },
});

export const listMaterials = defineRoute({
  operationId: 'listMaterials',
  method: 'GET',
  path: '/v1/events/{id}/materials',
  handler: 'materials/list',
  permission: 'events:read',
  summary: "An event's materials with their download counts",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The materials', schema: z.object({ items: z.array(Material) }) } },
});

export const staffDownload = defineRoute({
  operationId: 'downloadMaterialAsStaff',
  method: 'POST',
  path: '/v1/events/{id}/materials/{materialId}/staff-download',
  handler: 'materials/staff-download',
  permission: 'events:read',
  files: 'read',
  summary: 'A short-lived download link for any material (organisers; speaker and sponsor files are handed out this way)',
  tag,
  request: { params: MaterialParams },
  responses: { 200: { description: 'The link', schema: DownloadLink } },
});

export const publicDownload = defineRoute({
  operationId: 'downloadPublicMaterial',
  method: 'POST',
  path: '/v1/events/{id}/materials/{materialId}/download',
  handler: 'materials/public-download',
  permission: null,
  files: 'read',
  summary: 'A short-lived download link for a public material',
  tag,
  request: { params: MaterialParams },
  responses: { 200: { description: 'The link', schema: DownloadLink } },
});

export const attendeeDownload = defineRoute({
  operationId: 'downloadMaterialAsAttendee',
  method: 'POST',
  path: '/v1/attendee-links/{token}/materials/{materialId}/download',
  handler: 'materials/attendee-download',
  permission: null,
  files: 'read',
  secrets: ['ticketSigningKey'],
  summary: "A short-lived download link, only if the attendee reaches the material's level (registered, attended)",
  tag,
  request: { params: TokenMaterialParams },
  responses: { 200: { description: 'The link', schema: DownloadLink } },
});

export const speakerDownload = defineRoute({
  operationId: 'downloadMaterialAsSpeaker',
  method: 'POST',
  path: '/v1/speaker-links/{token}/materials/{materialId}/download',
  handler: 'materials/speaker-download',
  permission: null,
  files: 'read',
  secrets: ['ticketSigningKey'],
  summary: "A short-lived download link for a speaker file of the speaker's event (a session's: only its speakers); other levels refused",
  tag,
  request: { params: TokenMaterialParams },
  responses: { 200: { description: 'The link', schema: DownloadLink } },
});
