import { describe, expect, it } from 'vitest';
import { routes } from '#packages/api/routes/index.ts';
import { apiRoutes } from '#packages/http/api-routes.ts';
import { useTestApi } from '../support/local-api.ts';

/** A request path for a route pattern. */
const concrete = (pattern: string) => pattern.replace(/\{[^}]+\}/g, '01ARZ3NDEKTSV4RRFFQ69G5FAV');

describe('methods the route table lacks, through the local API as API Gateway answers them (packages/http/api-routes.ts)', () => {
  const api = useTestApi();
  const deployed = apiRoutes(routes);
  const authedAny = deployed.find((r) => r.key === 'ANY /v1/venues')!;
  const publicAny = deployed.find((r) => r.key.startsWith('ANY ') && r.public)!;
  const unmerged = deployed.find((r) => r.key === 'POST /v1/venues/{id}/archive') ?? deployed.find((r) => !r.key.startsWith('ANY ') && !r.public)!;

  it('an authed ANY path: 405 problem+json with Allow for a token holder, 401 without a token (the authorizer comes first)', async () => {
    expect(authedAny.public).toBe(false);
    const res = await api.call('DELETE', '/v1/venues');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 405, code: 'method_not_allowed' });
    expect((await api.call('DELETE', '/v1/venues', { role: null })).status).toBe(401);
    // The methods it has still answer, each with its own handler.
    expect((await api.call('GET', '/v1/venues')).status).toBe(200);
  });

  /** A method `path` lacks, sent without a token: 405 listing the methods it has. */
  async function expectTokenless405(path: string) {
    const listed = new Set(routes.filter((r) => r.path === path).map((r) => r.method));
    const unlisted = ['PUT', 'PATCH', 'DELETE', 'POST', 'GET'].find((m) => !listed.has(m as never))!;
    const res = await api.call(unlisted, concrete(path), { role: null });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe([...listed].sort().join(', '));
  }

  it('a public ANY path: 405 with Allow without a token', async () => {
    await expectTokenless405(publicAny.path);
  });

  it('a path deployed one route per method: the public $default route answers 405 with Allow, token or not', async () => {
    await expectTokenless405(unmerged.path);
  });
});
