import * as z from 'zod/mini';
import { defineRoute } from '#packages/core/route.ts';
import { Problem } from '#packages/core/common-schemas.ts';

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

const DependencyState = z
  .object({
    name: z.string(),
    status: z.enum(['up', 'down']),
    reason: z.optional(z.enum(['timeout', 'unreachable', 'throttled', 'server_error', 'error'])),
    latencyMs: z.int(),
  })
  .register(z.globalRegistry, {
    id: 'DependencyState',
    description: 'One dependency (dynamodb, eventbridge, ses): whether it answered its check, and if not why',
  });

export const ready = defineRoute({
  operationId: 'readiness',
  method: 'GET',
  path: '/health/ready',
  handler: 'system/ready',
  permission: null,
  summary: 'Readiness check: does each dependency answer?',
  tag: 'System',
  probesDependencies: true,
  responses: {
    200: {
      description: 'Every dependency answered its check',
      schema: z.object({ status: z.literal('ready'), dependencies: z.array(DependencyState) }),
    },
    503: {
      description: 'At least one dependency did not answer: problem+json `dependency_unavailable` with `Retry-After`, listing every dependency',
      schema: z.extend(Problem, { dependencies: z.array(DependencyState) }),
    },
  },
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
