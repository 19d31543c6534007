import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';

const api = useTestApi();

describe('HTTP conventions', () => {
  it('401 without a token, with a forged one, 403 with a role that lacks the permission', async () => {
    const none = await api.call('GET', '/v1/contacts', { role: null });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('unauthorized');
    const forged = await api.call('GET', '/v1/contacts', { role: null, headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA' } });
    expect(forged.status).toBe(401);
    const scanner = await api.call('GET', '/v1/contacts', { role: 'scanner' });
    expect(scanner.status).toBe(403);
    expect(scanner.headers.get('content-type')).toBe('application/problem+json');
    expect(scanner.body.code).toBe('forbidden');
  });

  it('413 for a body over 256 KB, 400 for broken JSON, 400 for a bad cursor and a bad limit', async () => {
    const big = await api.call('POST', '/v1/contacts', { rawBody: JSON.stringify({ email: 'a@b.co', firstName: 'x'.repeat(300 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');
    const broken = await api.call('POST', '/v1/contacts', { rawBody: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('invalid_json');
    expect((await api.call('GET', '/v1/venues?cursor=not-a-cursor')).body.code).toBe('invalid_cursor');
    const limit = await api.call('GET', '/v1/venues?limit=500');
    expect(limit.status).toBe(400);
    expect(limit.body.errors[0].path).toBe('query.limit');
  });

  it('400 with per-field errors and no internals', async () => {
    const res = await api.call('POST', '/v1/contacts', { body: { email: 'not-an-email', tags: [''] } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.email', 'body.tags.0']);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('400 invalid_path problem+json for a malformed percent-escape in a path parameter; a good one is decoded once', async () => {
    for (const path of ['/v1/contacts/%zz', '/v1/users/%E0%A4%A', '/v1/events/%zz/ticket-types/%C0%AF', '/v1/unsubscribe/%']) {
      const res = await api.call('GET', path);
      expect([res.status, res.headers.get('content-type'), res.body.status, res.body.code], path).toEqual([400, 'application/problem+json', 400, 'invalid_path']);
    }
    const encoded = await api.call('GET', '/v1/users/jo%40x');
    expect([encoded.status, encoded.body.id]).toEqual([404, 'jo@x']);
  });

  it('404 for an unknown path, 405 for a wrong method, CORS headers on answers', async () => {
    expect((await api.call('GET', '/v1/nothing-here')).status).toBe(404);
    expect((await api.call('DELETE', '/v1/venues')).status).toBe(405);
    const res = await api.call('GET', '/v1/venues', { headers: { origin: 'https://shop.example.com' } });
    expect(res.headers.get('access-control-allow-origin')).toBeTruthy();
  });

  it('issues dev tokens only for built-in roles', async () => {
    const res = await fetch(`${api.apiUrl}/dev/token`, { method: 'POST', body: JSON.stringify({ role: 'owner' }) });
    expect(res.status).toBe(400);
    const good = await fetch(`${api.apiUrl}/dev/token`, { method: 'POST', body: JSON.stringify({ role: 'scanner', userId: 'gate-1' }) });
    expect(((await good.json()) as { token: string }).token).toMatch(/^ey/);
  });

  it('GET /health is public', async () => {
    expect((await api.call('GET', '/health', { role: null })).body).toEqual({ status: 'ok' });
  });
});
