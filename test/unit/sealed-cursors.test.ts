import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routes } from '#packages/api/routes/index.ts';
import { cursorBinding } from '#packages/http/cursors/cursor-binding.ts';
import { cursorKeySecret, deriveCursorKey } from '#packages/http/cursors/cursor-key.ts';
import { openCursor, sealCursor, SEALED_CURSOR_PREFIX } from '#packages/http/cursors/cursor-seal.ts';
import { pagesWithCursor, routeSecrets } from '#packages/http/cursors/list-routes.ts';

const key = deriveCursorKey('a-tenant-root-secret-of-at-least-32-bytes');
const otherTenant = deriveCursorKey('another-tenant-root-secret-at-least-32-bytes');
const binding = cursorBinding({ operationId: 'listEventOrders', params: { id: 'E1' }, query: { status: 'paid' }, actorId: 'u1' });
/** Today's cursor: base64url JSON of DynamoDB's LastEvaluatedKey. */
const inner = Buffer.from(JSON.stringify({ pk: '$eventos#orderid_1', sk: '$order_1', gsi1pk: '$eventos#eventid_e1', gsi1sk: '$order#status_paid' })).toString('base64url');

describe('sealed cursors', () => {
  it('open to the inner cursor under the same binding and key, and show no key names', () => {
    const sealed = sealCursor(inner, binding, key);
    expect(sealed.startsWith(SEALED_CURSOR_PREFIX)).toBe(true);
    expect(sealed).toMatch(/^c1\.[A-Za-z0-9_-]+$/);
    expect(Buffer.from(sealed.slice(SEALED_CURSOR_PREFIX.length), 'base64url').toString('latin1')).not.toMatch(/"pk"|"gsi1sk"|eventos/);
    expect(openCursor(sealed, binding, key)).toBe(inner);
  });

  it('refuse any edit, truncation or extension of a sealed cursor (property)', () => {
    const sealed = sealCursor(inner, binding, key);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    fc.assert(
      fc.property(
        fc.nat({ max: sealed.length - 1 }),
        fc.constantFrom(...alphabet),
        fc.nat({ max: sealed.length - 1 }),
        fc.string({ minLength: 1, maxLength: 4 }),
        (at, char, cut, tail) => {
          fc.pre(sealed[at] !== char);
          const edited = sealed.slice(0, at) + char + sealed.slice(at + 1);
          expect(openCursor(edited, binding, key)).toBeNull();
          expect(openCursor(sealed.slice(0, cut), binding, key)).toBeNull();
          expect(openCursor(sealed + tail, binding, key)).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuse a cursor sealed for another route, path, filter or caller, or with another tenant key', () => {
    const sealed = sealCursor(inner, binding, key);
    const others = [
      { operationId: 'listVouchers', params: { id: 'E1' }, query: { status: 'paid' }, actorId: 'u1' },
      { operationId: 'listEventOrders', params: { id: 'E2' }, query: { status: 'paid' }, actorId: 'u1' },
      { operationId: 'listEventOrders', params: { id: 'E1' }, query: { status: 'pending' }, actorId: 'u1' },
      { operationId: 'listEventOrders', params: { id: 'E1' }, query: {}, actorId: 'u1' },
      { operationId: 'listEventOrders', params: { id: 'E1' }, query: { status: 'paid' }, actorId: 'u2' },
    ];
    for (const other of others) expect(openCursor(sealed, cursorBinding(other), key), JSON.stringify(other)).toBeNull();
    expect(openCursor(sealed, binding, otherTenant)).toBeNull();
    expect(openCursor(inner, binding, key)).toBeNull();
    expect(openCursor(`${SEALED_CURSOR_PREFIX}${inner}`, binding, key)).toBeNull();
  });

  it('bind to the validated filter: order, absent members, the cursor itself and the page size do not matter', () => {
    const a = cursorBinding({ operationId: 'listContacts', params: undefined, query: { tag: 'vip', minScore: 5, sort: undefined, limit: 10, cursor: 'x' }, actorId: 'u1' });
    const b = cursorBinding({ operationId: 'listContacts', params: {}, query: { minScore: 5, tag: 'vip', limit: 25 }, actorId: 'u1' });
    expect(a).toBe(b);
    expect(cursorBinding({ operationId: 'listContacts', params: {}, query: { minScore: 6, tag: 'vip' }, actorId: 'u1' })).not.toBe(a);
  });

  it('derive a distinct 256-bit key per tenant root, unrelated to the root itself', () => {
    const root = 'a-tenant-root-secret-of-at-least-32-bytes';
    expect(deriveCursorKey(root)).toEqual(key);
    expect(key).toHaveLength(32);
    expect(key.equals(otherTenant)).toBe(false);
    expect(key.equals(Buffer.from(root).subarray(0, 32))).toBe(false);
    expect(() => deriveCursorKey('short')).toThrow();
  });
});

describe('list routes', () => {
  const lists = routes.filter(pagesWithCursor);

  it('are the routes whose query takes a cursor, all GETs', () => {
    expect(lists.length).toBeGreaterThan(0);
    for (const route of lists) expect(route.method, route.operationId).toBe('GET');
    expect(lists.map((r) => r.operationId)).toContain('listContacts');
    expect(pagesWithCursor(routes.find((r) => r.operationId === 'getVenue')!)).toBe(false);
  });

  it('read the cursor key root, so CDK grants it to their functions; other routes read only what they name', () => {
    for (const route of routes) {
      const secrets = routeSecrets(route);
      expect(secrets.includes(cursorKeySecret), route.operationId).toBe(pagesWithCursor(route) || (route.secrets ?? []).includes(cursorKeySecret));
      for (const named of route.secrets ?? []) expect(secrets).toContain(named);
    }
  });
});
