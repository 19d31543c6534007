import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routes } from '#packages/api/routes/index.ts';
import { handlerEntryPath, routeKey } from '#packages/core/route.ts';
import { createRouteMatcher } from '#packages/local/route-matcher.ts';
import { routing } from '#events/routing.ts';
import { schedules } from '#events/schedules.ts';

describe('route table', () => {
  it('has unique route keys and operation ids, and every handler file exists', () => {
    expect(new Set(routes.map(routeKey)).size).toBe(routes.length);
    expect(new Set(routes.map((r) => r.operationId)).size).toBe(routes.length);
    for (const r of routes) expect(existsSync(new URL(`../../${handlerEntryPath(r.handler)}`, import.meta.url)), r.handler).toBe(true);
    for (const c of routing) expect(existsSync(new URL(`../../functions/consumers/${c.handler}.ts`, import.meta.url)), c.handler).toBe(true);
    for (const s of schedules) expect(existsSync(new URL(`../../functions/jobs/${s.handler}.ts`, import.meta.url)), s.handler).toBe(true);
  });

  it('puts every route under /v1 except the system ones', () => {
    for (const r of routes) if (r.tag !== 'System') expect(r.path.startsWith('/v1/')).toBe(true);
  });
});

describe('local route matching', () => {
  const matcher = createRouteMatcher(routes);

  it('extracts path parameters and tells a wrong method from an unknown path', () => {
    const m = matcher.match('GET', '/v1/events/01JD0000000000000000000001/ticket-types/01JD0000000000000000000002');
    expect(m).toMatchObject({ route: { operationId: 'getTicketType' }, pathParameters: { id: '01JD0000000000000000000001', ticketTypeId: '01JD0000000000000000000002' } });
    expect(matcher.match('DELETE', '/v1/venues')).toBe('method_not_allowed');
    expect(matcher.match('GET', '/v1/nope')).toBeNull();
    expect(matcher.match('GET', '/v1/venues/a/b')).toBeNull();
  });
});
