import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { buildOpenApiDocument, type OpenApiDocument } from '#packages/api/openapi.ts';
import { defineRoute, type RouteDefinition } from '#packages/core/route.ts';
import { routes } from '#packages/api/routes/index.ts';

const doc = buildOpenApiDocument(routes);
const operations = routes.map((route) => ({ route, op: doc.paths[route.path]?.[route.method.toLowerCase()] }));

/** Every `$ref` in the document, with where it is. */
function refs(node: unknown, at = '#'): { ref: string; at: string }[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => refs(v, `${at}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === '$ref' && typeof v === 'string' ? [{ ref: v, at }] : refs(v, `${at}/${k}`),
  );
}

function resolve(document: OpenApiDocument, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<any>((node, key) => node?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], document);
}

describe('the OpenAPI document of the route table', () => {
  it('is OpenAPI 3.1 with an info block and relative servers', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'EventOS API', version: expect.any(String), license: { name: 'MIT' } });
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('has every route of the table with its method, operationId, summary and tag', () => {
    expect(routes.length).toBeGreaterThan(3);
    for (const { route, op } of operations) {
      expect(op, `${route.method} ${route.path}`).toMatchObject({ operationId: route.operationId, summary: route.summary, tags: [route.tag] });
    }
    const documented = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(documented).toHaveLength(routes.length);
    expect(new Set(documented.map((op) => op.operationId)).size).toBe(routes.length);
    expect(doc.paths['/openapi.json']?.get?.operationId).toBe('getOpenApiDocument');
  });

  it('puts bearerAuth and x-permission on protected routes and `security: []` on public ones', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(operations.some(({ route }) => route.permission === null)).toBe(true);
    for (const { route, op } of operations) {
      if (route.permission === null) {
        expect(op?.security, route.operationId).toEqual([]);
        expect(op).not.toHaveProperty('x-permission');
      } else {
        expect(op?.security, route.operationId).toEqual([{ bearerAuth: [] }]);
        expect(op?.['x-permission']).toBe(route.permission);
        expect(op?.responses).toMatchObject({
          401: { $ref: '#/components/responses/Unauthorized' },
          403: { $ref: '#/components/responses/Forbidden' },
        });
      }
    }
  });

  it('documents problem+json errors by when they can happen, 500 and 503 everywhere', () => {
    for (const { route, op } of operations) {
      const { params, query, body } = route.request ?? {};
      const statuses = Object.keys(op!.responses);
      const declares = (status: number) => status in route.responses;
      expect(statuses.includes('400'), route.operationId).toBe(Boolean(params || query || body) || route.method === 'POST' || declares(400));
      // A path parameter or a body naming another resource by id: that one may not exist.
      const namesResource = JSON.stringify(op!.requestBody ?? {}).includes('"$ref"') || JSON.stringify(op!.requestBody ?? {}).includes('{26}');
      if (route.path.includes('{')) expect(statuses, route.operationId).toContain('404');
      else if (!namesResource && !declares(404)) expect(statuses, route.operationId).not.toContain('404');
      expect(statuses.includes('413'), route.operationId).toBe(Boolean(body));
      expect(statuses, route.operationId).toContain('500');
      expect(statuses, route.operationId).toContain('503');
      expect(statuses, route.operationId).toContain('429');
      // Idempotency-Key on every POST: in progress (409) and reused with another body (422).
      expect(statuses.includes('409') && statuses.includes('422'), route.operationId).toBe(route.method === 'POST' || (declares(409) && declares(422)));
      expect(statuses.includes('412'), route.operationId).toBe(route.ifMatch === true || declares(412));
    }
    expect(doc.components.responses.DependencyUnavailable).toMatchObject({
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
    });
    for (const [name, response] of Object.entries(doc.components.responses)) {
      // The gateway's own throttle answer is the one error that is not problem+json.
      if (name === 'TooManyRequests') expect(response).toMatchObject({ headers: { 'Retry-After': {} }, content: { 'application/json': { example: { message: 'Too Many Requests' } } } });
      else expect(response).toMatchObject({ content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, example: { code: expect.any(String) } } } });
    }
  });

  it('documents the readiness check: public, 200 with each dependency, 503 problem+json listing them with Retry-After', () => {
    const op = doc.paths['/health/ready']?.get;
    expect(op).toMatchObject({ operationId: 'readiness', security: [] });
    expect(JSON.stringify(op!.responses[200])).toContain('#/components/schemas/DependencyState');
    const notReady = op!.responses[503] as { headers: unknown; content: Record<string, { schema: { properties: Record<string, unknown> } }> };
    expect(notReady.headers).toHaveProperty('Retry-After');
    const schema = notReady.content['application/problem+json']!.schema;
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['type', 'title', 'status', 'code', 'dependencies']));
  });

  it('documents Idempotency-Key on every POST, and Location and Idempotent-Replayed on its 2xx', () => {
    for (const { route, op } of operations) {
      const header = (op!.parameters ?? []).find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
      expect(Boolean(header), route.operationId).toBe(route.method === 'POST');
      for (const [status, response] of Object.entries(op!.responses)) {
        const headers = (response as { headers?: Record<string, unknown> }).headers ?? {};
        if (status === '201' && route.location !== null) expect(headers, `${route.operationId} ${status}`).toHaveProperty('Location');
        if (route.method === 'POST' && status.startsWith('2')) expect(headers, `${route.operationId} ${status}`).toHaveProperty('Idempotent-Replayed');
      }
    }
  });

  it("points every 201's Location at a GET of the route table", () => {
    const gets = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.path.replace(/\{[^}]+\}/g, '{}')));
    for (const route of routes.filter((r) => r.responses[201] && r.location !== null)) {
      const template = (route.location ?? `${route.path}/{created}`).replace(/\{[^}]+\}/g, '{}');
      expect(gets, `${route.operationId}: Location ${route.location ?? 'by default'}`).toContain(template);
      const params = new Set([...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
      for (const [, name] of (route.location ?? '').matchAll(/\{([^}]+)\}/g)) if (name !== 'created') expect(params, route.operationId).toContain(name);
    }
  });

  it('has a prose description for every tag', () => {
    for (const tag of doc.tags) expect(tag.description, tag.name).not.toMatch(/^Routes: /);
  });

  it('turns params and query schemas into parameters, required as the schema says', () => {
    for (const { route, op } of operations) {
      const inPath = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const pathParams = (op!.parameters ?? []).filter((p) => p.in === 'path');
      expect(pathParams.map((p) => p.name).sort(), route.operationId).toEqual(inPath.sort());
      for (const p of pathParams) expect(p.required).toBe(true);
    }
    const list = doc.paths['/v1/venues']?.get?.parameters;
    expect(list).toEqual([
      { name: 'limit', in: 'query', required: false, schema: { default: 25, type: 'integer', minimum: 1, maximum: 100 } },
      { name: 'cursor', in: 'query', required: false, schema: expect.objectContaining({ type: 'string' }) },
    ]);
  });

  it('makes registered schemas components and refers to them; Money and Problem among them', () => {
    const venues = doc.paths['/v1/venues']!;
    expect(venues.post?.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateVenue' }, example: expect.objectContaining({ name: 'Harbour Hall' }) } },
    });
    expect(venues.post?.responses[201]).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Venue' } } } });

    const { Money, Problem } = doc.components.schemas;
    expect(Money).toMatchObject({ type: 'object', required: ['amount', 'currency'], description: expect.any(String) });
    expect(Problem).toMatchObject({ type: 'object', required: ['type', 'title', 'status', 'code'] });
    const all = refs(doc);
    expect(all.some(({ ref, at }) => ref === '#/components/schemas/Money' && !at.startsWith('#/components/schemas/Money/'))).toBe(true);
    expect(all.filter(({ ref }) => ref === '#/components/schemas/Problem').length).toBeGreaterThan(1);
  });

  it('has no dangling $ref, no unused component and no $schema or $id inside', () => {
    const all = refs(doc);
    for (const { ref, at } of all) expect(resolve(doc, ref), `${ref} at ${at}`).toBeDefined();
    const referenced = new Set(all.map(({ ref }) => ref));
    for (const name of Object.keys(doc.components.schemas)) expect(referenced, name).toContain(`#/components/schemas/${name}`);
    for (const name of Object.keys(doc.components.responses)) expect(referenced, name).toContain(`#/components/responses/${name}`);
    expect(JSON.stringify(doc)).not.toMatch(/"\$(schema|id)"/);
  });

  it('is plain JSON and the same on every build', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(buildOpenApiDocument(routes)).toEqual(doc);
  });
});

describe('request and response shapes of one registered schema', () => {
  // A default makes a field optional on the way in and present on the way out.
  const Gadget = z.object({ size: z._default(z.int(), 1) }).register(z.globalRegistry, { id: 'OpenApiTestGadget' });
  const Label = z.string().check(z.maxLength(20)).register(z.globalRegistry, { id: 'OpenApiTestLabel' });
  const NotUsed = z.object({ x: z.string() }).register(z.globalRegistry, { id: 'OpenApiTestNotUsed' });
  const testRoutes: RouteDefinition[] = [
    defineRoute({
      operationId: 'putGadget',
      method: 'PUT',
      path: '/v1/gadgets/{id}',
      handler: 'none',
      permission: 'venues:write',
      summary: 'Put a gadget',
      tag: 'Gadgets',
      request: { params: z.object({ id: z.string() }), body: z.optional(z.object({ gadget: Gadget, label: Label })) },
      responses: {
        200: { description: 'The gadget', schema: z.object({ gadget: Gadget, label: Label }) },
        409: { description: 'Busy' },
      },
    }),
  ];
  const small = buildOpenApiDocument(testRoutes, { title: 'Test', version: '0.0.0' });
  const op = small.paths['/v1/gadgets/{id}']!.put!;

  it('describes requests as zod parses them and responses as it outputs them', () => {
    expect(small.components.schemas.OpenApiTestGadget).toMatchObject({ required: ['size'], additionalProperties: false });
    expect(small.components.schemas.OpenApiTestGadgetInput).toMatchObject({ properties: { size: { default: 1 } } });
    expect(small.components.schemas.OpenApiTestGadgetInput).not.toHaveProperty('required');
    expect(JSON.stringify(op.requestBody)).toContain('#/components/schemas/OpenApiTestGadgetInput');
    expect(JSON.stringify(op.responses[200])).toContain('#/components/schemas/OpenApiTestGadget"');
  });

  it('keeps one component when both shapes are the same, and leaves out unused ones', () => {
    expect(Object.keys(small.components.schemas).sort()).toEqual(['OpenApiTestGadget', 'OpenApiTestGadgetInput', 'OpenApiTestLabel', 'Problem']);
    expect(NotUsed).toBeDefined();
  });

  it('makes a body the schema accepts as absent optional, and a declared error problem+json', () => {
    expect(op.requestBody).toMatchObject({ required: false });
    expect(op.responses[409]).toEqual({
      description: 'Busy',
      content: {
        'application/problem+json': {
          schema: { $ref: '#/components/schemas/Problem' },
          example: { type: 'https://eventos.dev/problems/conflict', title: 'Busy', status: 409, code: 'conflict', detail: 'Busy' },
        },
      },
    });
    expect(Object.keys(op.responses)).toEqual(['200', '400', '401', '403', '404', '409', '413', '429', '500', '503']);
    expect(small.info).toMatchObject({ title: 'Test', version: '0.0.0' });
  });
});

describe('the served document names the server it was fetched from', () => {
  it('https with the deployed host (custom domain or API Gateway), http for the local stack', async () => {
    const { serverOf } = await import('#packages/features/system/http/openapi.ts');
    const at = (host: string, extra: Record<string, string> = {}) =>
      serverOf({ headers: { host, ...extra }, requestContext: { domainName: host } } as never).url;
    expect(at('api.acme.example')).toBe('https://api.acme.example');
    expect(at('abc123.execute-api.eu-west-1.amazonaws.com')).toBe('https://abc123.execute-api.eu-west-1.amazonaws.com');
    expect(at('127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
    expect(at('localhost:4010')).toBe('http://localhost:4010');
    expect(serverOf({ headers: {}, requestContext: {} } as never).url).toBe('/');
  });
});
