import * as z from 'zod/mini';
import { defineRoute } from '../route.ts';

export const health = defineRoute({
  operationId: 'health',
  method: 'GET',
  path: '/health',
  handler: 'system/health',
  permission: null,
  summary: 'Liveness check',
  tag: 'System',
  responses: { 200: { description: 'Up', schema: z.object({ status: z.literal('ok') }) } },
});

// The handler imports the whole route table; this file must not (routes/index.ts imports it).
export const openApi = defineRoute({
  operationId: 'getOpenApiDocument',
  method: 'GET',
  path: '/openapi.json',
  handler: 'system/openapi',
  permission: null,
  summary: 'This OpenAPI 3.1 document',
  tag: 'System',
  responses: {
    200: {
      description: 'The OpenAPI document, generated from the route table and its zod schemas',
      schema: z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }),
    },
  },
});
