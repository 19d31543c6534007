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
