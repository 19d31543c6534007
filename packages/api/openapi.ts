import * as z from 'zod/mini';
import { isPublic, type RouteDefinition } from '#packages/core/route.ts';
import { Problem } from '#packages/core/common-schemas.ts';

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

/** The errors every route can answer, by when they apply; each is problem+json (shared/README.md §2). */
const errorResponses = {
  400: {
    name: 'BadRequest',
    description: 'The input does not match the schema (`validation_failed`), a path segment is not valid percent-encoding (`invalid_path`), the body is not JSON (`invalid_json`) or a cursor is bad (`invalid_cursor`)',
  },
  401: { name: 'Unauthorized', description: 'The bearer token is missing or invalid (`unauthorized`)' },
  403: { name: 'Forbidden', description: "The token's role lacks the route's permission (`forbidden`)" },
  404: { name: 'NotFound', description: 'No such resource (`not_found`)' },
  413: { name: 'PayloadTooLarge', description: 'The body is over the size limit (`payload_too_large`)' },
  500: { name: 'InternalError', description: 'An unexpected failure on our side (`internal_error`)' },
  503: {
    name: 'DependencyUnavailable',
    description: 'A service the route depends on is down, slow or throttling (`dependency_unavailable`); retry after `Retry-After` seconds',
  },
} as const;

/** Every 503 tells the client when to come back (docs/api-conventions.md, "Dependency faults and readiness"). */
const retryAfterHeader = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } },
};
const headersFor = (status: number) => (status === 503 ? { headers: retryAfterHeader } : {});

function errorStatuses(route: RouteDefinition): (keyof typeof errorResponses)[] {
  const { params, query, body } = route.request ?? {};
  return [
    ...(params || query || body ? [400 as const] : []),
    ...(isPublic(route) ? [] : [401 as const, 403 as const]),
    ...(route.path.includes('{') ? [404 as const] : []),
    ...(body ? [413 as const] : []),
    500 as const,
    503 as const,
  ];
}

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

function parameters(json: JsonSchema, where: 'path' | 'query'): Record<string, unknown>[] {
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema,
  }));
}

type Schemas = ReturnType<typeof schemaConverter>;

function operation(route: RouteDefinition, schemas: Schemas): OpenApiOperation {
  const { params, query, body } = route.request ?? {};
  const responses: OpenApiOperation['responses'] = {};
  for (const status of errorStatuses(route)) responses[status] = { $ref: `#/components/responses/${errorResponses[status].name}` };
  for (const [status, { description, schema }] of Object.entries(route.responses)) {
    const isError = Number(status) >= 400;
    const shape = schema ?? (isError ? Problem : undefined);
    const type = isError ? 'application/problem+json' : 'application/json';
    responses[status] = {
      description,
      ...headersFor(Number(status)),
      ...(shape ? { content: { [type]: { schema: schemas.schema(shape, 'output') } } } : {}),
    };
  }
  const { permission } = route;
  const parameterList = [
    ...(params ? parameters(schemas.inline(params, 'input'), 'path') : []),
    ...(query ? parameters(schemas.inline(query, 'input'), 'query') : []),
  ];
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: permission ? `Needs a bearer token whose role has the permission \`${permission}\`.` : 'Public: no token needed.',
    tags: [route.tag],
    security: permission ? [{ bearerAuth: [] }] : [],
    ...(permission ? { 'x-permission': permission } : {}),
    ...(parameterList.length ? { parameters: parameterList } : {}),
    ...(body
      ? {
          requestBody: {
            // Handlers parse an empty body as undefined: a schema that accepts it makes the body optional.
            required: !body.safeParse(undefined).success,
            content: { 'application/json': { schema: schemas.schema(body, 'input') } },
          },
        }
      : {}),
    responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b))),
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
    return { name, description: `Routes: ${[...tagPaths].join(', ')}.` };
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
          { description: errorResponses[status].description, ...headersFor(status), content: problemContent },
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
