import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import type { RouteDefinition } from '#packages/core/route.ts';
import { routes } from '#packages/api/routes/index.ts';
import { cursorBinding } from '#packages/http/cursors/cursor-binding.ts';
import { cursorKey, deriveCursorKey } from '#packages/http/cursors/cursor-key.ts';
import { openCursor, sealCursor, SEALED_CURSOR_PREFIX } from '#packages/http/cursors/cursor-seal.ts';
import { pagesWithCursor } from '#packages/http/cursors/list-routes.ts';
import { listSeeds, type ListRequest } from '../support/list-seeds.ts';
import { useTestApi, type ApiResponse } from '../support/local-api.ts';

const api = useTestApi();
/** Every list route, read from the route table: a new one is covered without touching this file. */
const lists = routes.filter(pagesWithCursor);
/** The dev token's user for role admin (packages/local/local-stack.ts). */
const ME = 'local-admin';
/** What a service's cursor looks like today: base64url JSON of DynamoDB's LastEvaluatedKey. */
const rawKey = Buffer.from(JSON.stringify({ pk: '$eventos#venueid_01jd0000000000000000000001', sk: '$venue_1', gsi1pk: '$eventos#venues', gsi1sk: '$venue_1#venueid_01jd' })).toString('base64url');

// ---- reading the route's schemas (zod/mini internals: the def of each field) ----

interface Def {
  type?: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  in?: { _zod: { def: Def } };
  entries?: Record<string, string>;
}
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const shapeOf = (schema: unknown) => {
  if (schema === undefined) return {};
  const def = defOf(schema);
  return (def.type === 'pipe' ? defOf(def.in).shape : def.shape) ?? {};
};
const isOptional = (def: Def) => def.type === 'optional' || def.type === 'default';
const enumValues = (def: Def): string[] =>
  def.entries ? Object.values(def.entries) : def.innerType ? enumValues(defOf(def.innerType)) : [];
/** Values to try for a field; the schema decides which fit. */
const candidates = (def: Def) => [...enumValues(def), ulid(), 'someone@example.com', '2026-01-01T00:00:00.000Z', '5', 'true', 'vip'];

const parses = (schema: z.ZodMiniType | undefined, value: Record<string, string>) => !schema || schema.safeParse(value).success;

/** Fills in what the schema requires: a ULID for each path parameter, a fitting value for each required filter. */
function minimalRequest(route: RouteDefinition): ListRequest {
  const params = Object.fromEntries(Object.keys(shapeOf(route.request?.params)).map((k) => [k, ulid()]));
  const query: Record<string, string> = {};
  for (const [name, field] of Object.entries(shapeOf(route.request?.query))) {
    if (isOptional(field._zod.def)) continue;
    const value = candidates(field._zod.def).find((v) => parses(route.request?.query, { ...query, [name]: v }));
    if (value === undefined) throw new Error(`${route.operationId}: no sample value for required query field ${name}`);
    query[name] = value;
  }
  return { params, query };
}

/** The same route for another resource (other path ids) or, without path parameters, with one more filter; null if it has neither. */
function otherFilterOf(route: RouteDefinition, request: ListRequest): ListRequest | null {
  if (Object.keys(request.params).length > 0) {
    return { params: Object.fromEntries(Object.keys(request.params).map((k) => [k, ulid()])), query: request.query };
  }
  const schema = route.request?.query;
  for (const [name, field] of Object.entries(shapeOf(schema))) {
    if (name === 'cursor' || name === 'limit' || name in request.query) continue;
    const value = candidates(field._zod.def).find((v) => parses(schema, { ...request.query, [name]: v }));
    if (value !== undefined) return { params: request.params, query: { ...request.query, [name]: value } };
  }
  return null;
}

// ---- calling a list route ----

const urlOf = (route: RouteDefinition, request: ListRequest, extra: Record<string, string>) =>
  `${route.path.replace(/\{(\w+)\}/g, (_, name: string) => request.params[name]!)}?${new URLSearchParams({ ...request.query, ...extra })}`;

const list = (route: RouteDefinition, request: ListRequest, extra: Record<string, string> = {}, userId?: string): Promise<ApiResponse> =>
  api.call('GET', urlOf(route, request, extra), userId ? { userId } : {});

/** The binding the server computes: validated params and query, the caller. */
const bindingOf = (route: RouteDefinition, request: ListRequest, actorId = ME) =>
  cursorBinding({
    operationId: route.operationId,
    params: route.request?.params?.parse(request.params),
    query: route.request?.query?.parse(request.query),
    actorId,
  });

/** A cursor sealed with the tenant's real key for this route and filter: the server accepts it as its own. */
const forged = async (route: RouteDefinition, request: ListRequest, inner = rawKey) => sealCursor(inner, bindingOf(route, request), await cursorKey());

const flipOneChar = (cursor: string) => {
  const at = SEALED_CURSOR_PREFIX.length + Math.floor((cursor.length - SEALED_CURSOR_PREFIX.length) / 2);
  return cursor.slice(0, at) + (cursor[at] === 'A' ? 'B' : 'A') + cursor.slice(at + 1);
};

const outcome = (res: ApiResponse) =>
  `${res.status} ${String(res.headers.get('content-type')).split(';')[0]} ${(res.body as { code?: string })?.code ?? ''}`;
const REFUSED = '400 application/problem+json invalid_cursor';

/** A sealed cursor hides the key: the prefix, then bytes that are not JSON and name no attribute. */
function expectOpaque(cursor: string) {
  expect(cursor).toMatch(/^c1\.[A-Za-z0-9_-]+$/);
  const bytes = Buffer.from(cursor.slice(SEALED_CURSOR_PREFIX.length), 'base64url').toString('latin1');
  expect(bytes).not.toMatch(/"pk"|"sk"|"gsi\d(pk|sk)"|\$eventos/);
}

describe('sealed cursors on every list route of the route table', () => {
  /** Per seeded route: the request and a real nextCursor the API issued for it (limit=1). */
  const genuine = new Map<string, { request: ListRequest; cursor: string }>();

  beforeAll(async () => {
    for (const name of Object.keys(listSeeds)) {
      if (!lists.some((r) => r.operationId === name)) throw new Error(`list-seeds.ts seeds ${name}, which is no list route`);
    }
    for (const route of lists) {
      const seed = listSeeds[route.operationId];
      if (!seed) continue;
      const request = await seed(api.call);
      const res = await list(route, request, { limit: '1' });
      if (res.status !== 200 || typeof res.body.nextCursor !== 'string') {
        throw new Error(`${route.operationId}: seeding gave ${res.status} ${JSON.stringify(res.body)}`);
      }
      genuine.set(route.operationId, { request, cursor: res.body.nextCursor });
    }
  });

  it.each(lists.map((route) => [route.operationId, route] as const))(
    '%s: a tampered, truncated, foreign or old-format cursor is 400 invalid_cursor; its own cursor works',
    async (operationId, route) => {
      const real = genuine.get(operationId);
      const request = real?.request ?? minimalRequest(route);
      const own = real?.cursor ?? (await forged(route, request));
      const inner = real ? openCursor(real.cursor, bindingOf(route, request), await cursorKey()) : rawKey;
      expect(inner, 'the API sealed its cursor for this route, filter and caller').not.toBeNull();

      // Another list route with as many path parameters (sealed for the same params), or any other one (with its own).
      const sameShape = lists.find((r) => r !== route && Object.keys(shapeOf(r.request?.params)).length === Object.keys(request.params).length);
      const otherRoute = sameShape ?? lists.find((r) => r !== route)!;
      const otherParams = sameShape ? request.params : minimalRequest(otherRoute).params;
      const otherGenuine = [...genuine].find(([name]) => name !== operationId)![1];
      const otherFilter = otherFilterOf(route, request);
      const cases: Record<string, { cursor: string; userId?: string }> = {
        'tampered (one char flipped)': { cursor: flipOneChar(own) },
        truncated: { cursor: own.slice(0, -3) },
        'real cursor of another list route': { cursor: otherGenuine.cursor },
        'sealed for another list route, same params': { cursor: await forged(otherRoute, { params: otherParams, query: minimalRequest(otherRoute).query }) },
        ...(otherFilter && { 'sealed for this route with another filter': { cursor: await forged(route, otherFilter) } }),
        'this cursor, another caller': { cursor: own, userId: 'cursor-thief' },
        'sealed with another tenant key': { cursor: sealCursor(inner!, bindingOf(route, request), deriveCursorKey('another-tenant-root-secret-at-least-32-bytes')) },
        "today's format (base64url JSON of the DynamoDB key)": { cursor: inner! },
        'random junk': { cursor: randomBytes(24).toString('base64url') },
        'junk with the prefix': { cursor: `${SEALED_CURSOR_PREFIX}${randomBytes(48).toString('base64url')}` },
      };
      const outcomes: Record<string, string> = {};
      for (const [name, { cursor, userId }] of Object.entries(cases)) outcomes[name] = outcome(await list(route, request, { limit: '1', cursor }, userId));
      expect(outcomes).toEqual(Object.fromEntries(Object.keys(cases).map((name) => [name, REFUSED])));

      if (real) {
        expectOpaque(real.cursor);
        const next = await list(route, request, { limit: '1', cursor: real.cursor });
        expect(next.status, JSON.stringify(next.body)).toBe(200);
        expect(next.body.items.length).toBeLessThanOrEqual(1);
      }
    },
  );
});

describe('a genuine cursor pages a list', () => {
  /** Follows nextCursor to the end; each cursor must be sealed. */
  async function pageThrough(path: string, limit: number) {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res: ApiResponse = await api.call('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      pages.push((res.body.items as Array<{ id: string }>).map((i) => i.id));
      cursor = res.body.nextCursor;
      if (cursor) expectOpaque(cursor);
    } while (cursor);
    return pages;
  }

  it('through every venue once, with no duplicate and no gap (ElectroDB cursors)', async () => {
    for (let i = 0; i < 5; i++) expect((await api.call('POST', '/v1/venues', { body: { name: `Paged ${i}` } })).status).toBe(201);
    const all = (await api.call('GET', '/v1/venues?limit=100')).body.items.map((v: { id: string }) => v.id) as string[];
    const pages = await pageThrough('/v1/venues', 2);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.flat()).toEqual(all);
  });

  it('through the contacts of a filter once, with no duplicate and no gap (contacts cursors)', async () => {
    const tag = `paged-${randomBytes(4).toString('hex')}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await api.call('POST', '/v1/contacts', { body: { email: `paged.${i}.${tag}@example.com`, tags: [tag] } });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const pages = await pageThrough(`/v1/contacts?tag=${tag}`, 2);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.flat().sort()).toEqual([...ids].sort());
    expect(new Set(pages.flat()).size).toBe(ids.length);
  });
});
