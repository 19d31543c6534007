import * as z from 'zod/mini';
import type { RouteDefinition } from '#packages/core/route.ts';
import { Problem } from '#packages/core/common-schemas.ts';
import { exampleOf, exampleUlid } from './openapi-examples.ts';
import { exampleOverrides } from './openapi-example-overrides.ts';
import { errorResponses, errorStatuses, type ErrorStatus, retryAfterHeader, headerParameters, responseHeaders } from './openapi-responses.ts';
import { tagDescriptions } from './openapi-tags.ts';

type JsonSchema = z.core.JSONSchema.BaseSchema;
type Io = 'input' | 'output';

export interface OpenApiInfo {
  title?: string;
  version?: string;
  description?: string;
  /** Where the API is served; relative to the document by default, which is right both deployed and locally. */
  servers?: { url: string; description?: string }[];
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security: Record<string, string[]>[];
  'x-permission'?: string;
  parameters?: Record<string, unknown>[];
  requestBody?: Record<string, unknown>;
  responses: Record<string, Record<string, unknown>>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: Record<string, unknown>;
  servers: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, Record<string, unknown>>;
    securitySchemes: Record<string, Record<string, unknown>>;
  };
}

const schemaRef = (name: string) => `#/components/schemas/${name}`;
const isRegistered = (schema: z.ZodMiniType) => z.globalRegistry.get(schema)?.id !== undefined;
const refsIn = (json: unknown): string[] =>
  [...JSON.stringify(json).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);

const problemContent = { 'application/problem+json': { schema: { $ref: schemaRef('Problem') } } };
const throttledContent = {
  'application/json': {
    schema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
    example: { message: 'Too Many Requests' },
  },
};

/**
 * Converts every schema the routes use with zod's registry mode, so schemas
 * registered in z.globalRegistry with an `id` become `$ref`s to components.
 * Requests are described as zod parses them (`io: 'input'`), responses as it
 * outputs them; the two differ (defaults, unknown keys), so a registered schema
 * used both ways whose shapes differ gets a second component, `<id>Input`.
 */
function schemaConverter(uses: { schema: z.ZodMiniType; io: Io; inline: boolean }[]) {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of z.globalRegistry._idmap) registry.add(schema, { id });
  const idOf = (schema: z.ZodMiniType): string => {
    // Unregistered route schemas get a placeholder id; they stay inline unless a registered one nests them.
    if (!registry.has(schema)) registry.add(schema, { id: `Anonymous${registry._idmap.size}` });
    return registry.get(schema)!.id;
  };
  for (const use of uses) idOf(use.schema);

  const convert = (io: Io, name: (id: string) => string): Record<string, JsonSchema> => {
    const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => schemaRef(name(id)) });
    if (schemas.__shared) throw new Error('A recursive schema must be registered in z.globalRegistry with an id');
    return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...json }]) => [id, json]));
  };
  const raw = { input: convert('input', (id) => id), output: convert('output', (id) => id) };

  const reachedFrom = (io: Io): Set<string> => {
    const reached = new Set<string>();
    const visit = (id: string): void => {
      if (reached.has(id)) return;
      reached.add(id);
      refsIn(raw[io][id]).forEach(visit);
    };
    for (const { schema, io: direction, inline } of uses) {
      if (direction !== io) continue;
      const id = idOf(schema);
      if (inline || !isRegistered(schema)) refsIn(raw[io][id]).forEach(visit);
      else visit(id);
    }
    return reached;
  };
  const used = { input: reachedFrom('input'), output: reachedFrom('output') };

  const split = new Map<string, boolean>();
  const isSplit = (id: string): boolean => {
    if (!split.has(id)) {
      split.set(id, false); // a reference cycle alone does not split
      const differs = JSON.stringify(raw.input[id]) !== JSON.stringify(raw.output[id]);
      split.set(id, used.input.has(id) && used.output.has(id) && (differs || refsIn(raw.input[id]).some(isSplit)));
    }
    return split.get(id)!;
  };
  const nameOf = (id: string, io: Io) => (io === 'input' && isSplit(id) ? `${id}Input` : id);
  const final = { input: convert('input', (id) => nameOf(id, 'input')), output: raw.output };

  const components: Record<string, JsonSchema> = {};
  for (const io of ['output', 'input'] as const) for (const id of used[io]) components[nameOf(id, io)] = final[io][id]!;

  return {
    components,
    /** The schema's JSON Schema, always inline (for parameters). */
    inline: (schema: z.ZodMiniType, io: Io): JsonSchema => final[io][idOf(schema)]!,
    /** A `$ref` for a registered schema, the inline JSON Schema otherwise. */
    schema: (schema: z.ZodMiniType, io: Io): JsonSchema =>
      isRegistered(schema) ? { $ref: schemaRef(nameOf(idOf(schema), io)) } : final[io][idOf(schema)]!,
  };
}

function parameters(json: JsonSchema, where: 'path' | 'query', components: Record<string, JsonSchema>): Record<string, unknown>[] {
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema,
    ...(where === 'path' ? { example: exampleOf(components, schema as JsonSchema, { optional: true, tag: '' }, name) } : {}),
  }));
}

type Schemas = ReturnType<typeof schemaConverter>;

/**
 * The request body's example: written for the route when its schema's own
 * example would break a rule between fields, else the schema's with its
 * optional fields, else with the required ones only, whichever the route's
 * zod schema accepts (test/unit/openapi-examples.test.ts holds every route to it).
 */
export function requestExample(route: RouteDefinition, components: Record<string, JsonSchema>, json: JsonSchema): unknown {
  const written = exampleOverrides[route.operationId];
  if (written && 'request' in written) return written.request;
  const body = route.request!.body!;
  const full = exampleOf(components, json, { optional: true, skipOptionalIds: true, tag: route.tag });
  if (body.safeParse(full).success) return full;
  // A rule between two optional fields (give one of them): leave one out.
  if (full && typeof full === 'object' && !Array.isArray(full)) {
    for (const key of Object.keys(full).reverse()) {
      const { [key]: _, ...fewer } = full as Record<string, unknown>;
      if (body.safeParse(fewer).success) return fewer;
    }
  }
  const minimal = exampleOf(components, json, { optional: false, tag: route.tag });
  return body.safeParse(minimal).success ? minimal : full;
}

const codeIn = (description: string) => description.match(/`?\b([a-z]+(?:_[a-z]+)+)\b`?/)?.[1];

/** A problem+json example for a route's own refusal, with the code its description names. */
function problemExample(status: number, description: string, fallbackCode: string) {
  const code = codeIn(description) ?? fallbackCode;
  return { type: `https://eventos.dev/problems/${code}`, title: description.split(/[:;(]/)[0]!.trim().slice(0, 80) || code, status, code, detail: description };
}

const fallbackCodes: Record<number, string> = { 400: 'validation_failed', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 413: 'payload_too_large', 500: 'internal_error', 412: 'precondition_failed', 422: 'unprocessable', 503: 'dependency_unavailable' };

function responseOf(route: RouteDefinition, schemas: Schemas, status: number, own: RouteDefinition['responses'][number]) {
  const isError = status >= 400;
  const shape = own.schema ?? (isError ? Problem : undefined);
  const type = isError ? 'application/problem+json' : 'application/json';
  // A POST's own 409/422 is also the Idempotency-Key's.
  const shared = route.method === 'POST' && (status === 409 || status === 422) ? `; or ${errorResponses[status].description}` : '';
  const description = `${own.description}${shared}`;
  const written = exampleOverrides[route.operationId]?.responses?.[status];
  const example =
    written ??
    (isError && !own.schema
      ? problemExample(status, own.description, fallbackCodes[status] ?? 'error')
      : shape
        ? exampleOf(schemas.components, schemas.schema(shape, 'output'), { optional: true, tag: route.tag })
        : undefined);
  const headers = responseHeaders(route, status);
  return {
    description,
    ...(headers ? { headers } : {}),
    ...(shape ? { content: { [type]: { schema: schemas.schema(shape, 'output'), ...(example === undefined ? {} : { example }) } } } : {}),
  };
}

function operation(route: RouteDefinition, schemas: Schemas): OpenApiOperation {
  const { params, query, body } = route.request ?? {};
  const responses: OpenApiOperation['responses'] = {};
  for (const status of errorStatuses(route)) responses[status] = { $ref: `#/components/responses/${errorResponses[status].name}` };
  for (const [status, own] of Object.entries(route.responses)) responses[status] = responseOf(route, schemas, Number(status), own);
  const { permission } = route;
  const parameterList = [
    ...(params ? parameters(schemas.inline(params, 'input'), 'path', schemas.components) : []),
    ...(query ? parameters(schemas.inline(query, 'input'), 'query', schemas.components) : []),
    ...headerParameters(route),
  ];
  const bodySchema = body ? schemas.schema(body, 'input') : undefined;
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: permission ? `Needs a bearer token whose role has the permission \`${permission}\`.` : 'Public: no token needed.',
    tags: [route.tag],
    security: permission ? [{ bearerAuth: [] }] : [],
    ...(permission ? { 'x-permission': permission } : {}),
    ...(parameterList.length ? { parameters: parameterList } : {}),
    ...(body && bodySchema
      ? {
          requestBody: {
            // Handlers parse an empty body as undefined: a schema that accepts it makes the body optional.
            required: !body.safeParse(undefined).success,
            content: { 'application/json': { schema: bodySchema, example: requestExample(route, schemas.components, bodySchema) } },
          },
        }
      : {}),
    responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b))),
  };
}

/** A shared error response (components.responses), with an example of its most common code. */
function commonErrorResponse(status: ErrorStatus) {
  const { description } = errorResponses[status];
  const headers = status === 429 || status === 503 ? { 'Retry-After': retryAfterHeader } : undefined;
  const example = problemExample(status, description, fallbackCodes[status] ?? 'error');
  return {
    description,
    ...(headers ? { headers } : {}),
    content: status === 429 ? throttledContent : { 'application/problem+json': { ...problemContent['application/problem+json'], example } },
  };
}

const methodOrder = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The OpenAPI 3.1 document of the route table, from the same zod schemas that validate requests. */
export function buildOpenApiDocument(routes: readonly RouteDefinition[], info: OpenApiInfo = {}): OpenApiDocument {
  // Literal segments sort before `{param}` ones, so the docs list /v1/events before /v1/events/{id}.
  const sorted = [...routes].sort((a, b) =>
    a.path === b.path ? methodOrder.indexOf(a.method) - methodOrder.indexOf(b.method) : a.path < b.path ? -1 : 1,
  );
  const schemas = schemaConverter([
    { schema: Problem, io: 'output', inline: false },
    ...sorted.flatMap((route) => {
      const { params, query, body } = route.request ?? {};
      return [
        ...(params ? [{ schema: params, io: 'input' as const, inline: true }] : []),
        ...(query ? [{ schema: query, io: 'input' as const, inline: true }] : []),
        ...(body ? [{ schema: body, io: 'input' as const, inline: false }] : []),
        ...Object.values(route.responses).flatMap(({ schema }) => (schema ? [{ schema, io: 'output' as const, inline: false }] : [])),
      ];
    }),
  ]);

  const paths: OpenApiDocument['paths'] = {};
  for (const route of sorted) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, schemas);

  const tags = [...new Set(sorted.map((r) => r.tag))].map((name) => {
    const tagPaths = new Set(sorted.filter((r) => r.tag === name).map((r) => `\`${r.path}\``));
    return { name, description: tagDescriptions[name] ?? `Routes: ${[...tagPaths].join(', ')}.` };
  });
  const usedErrors = [...new Set(sorted.flatMap(errorStatuses))].sort((a, b) => a - b);

  return {
    openapi: '3.1.0',
    info: {
      title: info.title ?? 'EventOS API',
      version: info.version ?? '1.0.0',
      description:
        info.description ??
        'CRM and event ticketing. JSON in and out; errors are RFC 9457 `application/problem+json` with a stable `code`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: info.servers ?? [{ url: '/', description: 'This API, where this document is served' }],
    tags,
    paths,
    components: {
      schemas: schemas.components,
      responses: Object.fromEntries(
        usedErrors.map((status) => [
          errorResponses[status].name,
          commonErrorResponse(status),
        ]),
      ),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A JWT from the tenant user pool; locally, from `POST /dev/token`.',
        },
      },
    },
  };
}
