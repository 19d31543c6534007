import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { builtInRoleNames } from '#packages/auth/roles.ts';
import { useTestApi } from '../support/local-api.ts';
import { givenPaidOrder, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

const api = useTestApi();

/** Names and emails unique per call, so tests do not collide in the file's table. */
const unique = (prefix: string) => `${prefix}-${ulid().slice(-8).toLowerCase()}`;

async function givenRole(body: Record<string, unknown>, as: { role?: string; userId?: string } = {}) {
  const res = await api.call('POST', '/v1/roles', { body: { level: 30, ...body }, ...as });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string; permissions: string[]; level: number };
}

async function givenUser(body: Record<string, unknown> = {}, as: { role?: string; userId?: string } = {}) {
  const name = unique('user');
  const res = await api.call('POST', '/v1/users', { body: { username: name, email: `${name}@staff.example`, roleId: 'sales', ...body }, ...as });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; username: string; email: string; roleId: string; roleName: string; status: string };
}

describe('custom roles', () => {
  it('door_lead (checkins:read, checkins:write, stats:read) reads stats and scans, and gets 403 on contacts', async () => {
    const doorLead = await givenRole({ name: 'door_lead', permissions: ['checkins:read', 'checkins:write', 'stats:read'], description: 'Runs a gate team' });
    expect(doorLead).toMatchObject({ name: 'door_lead', level: 30, builtIn: false });

    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id);
    const order = await givenPaidOrder(api.call, event.id, type.id);

    const as = { role: 'door_lead', userId: 'door-lead-1' };
    const stats = await api.call('GET', `/v1/events/${event.id}/stats`, as);
    expect(stats.status).toBe(200);
    const scan = await api.call('POST', `/v1/events/${event.id}/check-ins`, { body: { code: order.tickets![0]!.code, deviceId: 'gate-1' }, ...as });
    expect(scan.status).toBe(201);
    expect(scan.body.status).toBe('ok');

    for (const [method, path] of [['GET', '/v1/contacts'], ['POST', '/v1/contacts']] as const) {
      const denied = await api.call(method, path, { body: method === 'POST' ? { email: 'x@example.com' } : undefined, ...as });
      expect([denied.status, denied.body.code]).toEqual([403, 'forbidden']);
    }

    // The local token endpoint issues tokens for custom roles too, not for unknown names.
    const token = await fetch(`${api.apiUrl}/dev/token`, { method: 'POST', body: JSON.stringify({ role: 'door_lead', userId: 'gate-lead' }) });
    expect(token.status).toBe(200);
    const me = await fetch(`${api.apiUrl}/v1/events/${event.id}/stats`, { headers: { authorization: `Bearer ${((await token.json()) as { token: string }).token}` } });
    expect(me.status).toBe(200);
    const unknown = await fetch(`${api.apiUrl}/dev/token`, { method: 'POST', body: JSON.stringify({ role: 'no_such_role' }) });
    expect(unknown.status).toBe(400);
  });

  it('lists the built-in roles read-only before the custom ones; names are unique, never built-in; unknown permissions are a 400', async () => {
    const name = unique('role');
    const role = await givenRole({ name, permissions: ['contacts:read'] });

    const list = await api.call('GET', '/v1/roles?limit=100', { role: 'sales' });
    expect(list.status).toBe(200);
    const names = list.body.items.map((r: { name: string }) => r.name);
    expect(names.slice(0, builtInRoleNames.length)).toEqual(builtInRoleNames);
    expect(names).toContain(name);
    expect(list.body.items.find((r: { name: string }) => r.name === 'admin')).toMatchObject({ id: 'admin', builtIn: true, level: 100 });
    expect((await api.call('GET', '/v1/roles/scanner')).body).toMatchObject({ builtIn: true, permissions: ['checkins:read', 'checkins:write'], level: 10 });
    expect((await api.call('GET', `/v1/roles/${role.id}`)).body).toMatchObject({ name, builtIn: false });

    const again = await api.call('POST', '/v1/roles', { body: { name, permissions: ['contacts:read'], level: 10 } });
    expect([again.status, again.body.code, again.body.existingId]).toEqual([409, 'duplicate', role.id]);
    const builtIn = await api.call('POST', '/v1/roles', { body: { name: 'scanner', permissions: ['contacts:read'], level: 10 } });
    expect([builtIn.status, builtIn.body.code]).toEqual([409, 'duplicate']);

    const bogus = await api.call('POST', '/v1/roles', { body: { name: unique('role'), permissions: ['contacts:read', 'contacts:fly'], level: 10 } });
    expect([bogus.status, bogus.body.code]).toEqual([400, 'validation_failed']);
    expect(bogus.body.errors.map((e: { path: string }) => e.path).join()).toContain('permissions');
    const level = await api.call('POST', '/v1/roles', { body: { name: unique('role'), permissions: ['contacts:read'], level: 101 } });
    expect(level.status).toBe(400);

    const readOnly = await api.call('PATCH', '/v1/roles/admin', { body: { level: 1 } });
    expect([readOnly.status, readOnly.body.code]).toEqual([422, 'read_only']);
    const rename = await api.call('PATCH', `/v1/roles/${role.id}`, { body: { name: 'other' } });
    expect(rename.status).toBe(400);
  });

  it('a changed role grants its new permissions to its holders at once (this process forgets its cache)', async () => {
    const name = unique('role');
    const role = await givenRole({ name, permissions: ['venues:read'] });
    const as = { role: name, userId: unique('holder') };
    expect((await api.call('GET', '/v1/contacts', as)).status).toBe(403);
    const changed = await api.call('PATCH', `/v1/roles/${role.id}`, { body: { permissions: ['venues:read', 'contacts:read'] } });
    expect(changed.status).toBe(200);
    expect(changed.body.permissions).toEqual(['venues:read', 'contacts:read']);
    expect((await api.call('GET', '/v1/contacts', as)).status).toBe(200);
  });
});

describe('nobody can grant what they do not hold', () => {
  it('a manager cannot create roles at all (no roles:manage)', async () => {
    const res = await api.call('POST', '/v1/roles', { body: { name: unique('role'), permissions: ['users:manage'], level: 10 }, role: 'manager' });
    expect([res.status, res.body.code]).toEqual([403, 'forbidden']);
  });

  it('a role manager without users:manage cannot create a role with it, nor one above their level, nor edit one above it', async () => {
    const lead = await givenRole({ name: unique('role-lead'), permissions: ['roles:manage', 'users:read', 'contacts:read'], level: 40 });
    const as = { role: lead.name, userId: unique('lead') };

    const escalate = await api.call('POST', '/v1/roles', { body: { name: unique('role'), permissions: ['contacts:read', 'users:manage', 'orders:refund'], level: 10 }, ...as });
    expect([escalate.status, escalate.body.code]).toEqual([403, 'permission_escalation']);
    expect(escalate.body.permissions).toEqual(['users:manage', 'orders:refund']);

    const senior = await api.call('POST', '/v1/roles', { body: { name: unique('role'), permissions: ['contacts:read'], level: 41 }, ...as });
    expect([senior.status, senior.body.code, senior.body.level]).toEqual([403, 'permission_escalation', { requested: 41, allowed: 40 }]);

    const within = await api.call('POST', '/v1/roles', { body: { name: unique('role'), permissions: ['contacts:read'], level: 40 }, ...as });
    expect(within.status).toBe(201);

    const above = await givenRole({ name: unique('role'), permissions: ['contacts:read'], level: 60 });
    const edit = await api.call('PATCH', `/v1/roles/${above.id}`, { body: { description: 'mine now' }, ...as });
    expect([edit.status, edit.body.code]).toEqual([403, 'permission_escalation']);
    const lift = await api.call('PATCH', `/v1/roles/${within.body.id}`, { body: { permissions: ['contacts:read', 'contacts:write'] }, ...as });
    expect([lift.status, lift.body.permissions]).toEqual([403, ['contacts:write']]);
  });

  it('a user manager cannot assign a role that grants more than they hold, nor manage a more powerful user', async () => {
    const hr = await givenRole({ name: unique('hr'), permissions: ['users:manage', 'users:read', 'contacts:read', 'contacts:write'], level: 50 });
    const as = { role: hr.name, userId: unique('hr-user') };
    const clerk = await givenRole({ name: unique('clerk'), permissions: ['contacts:read'], level: 20 });

    const name = unique('user');
    const toAdmin = await api.call('POST', '/v1/users', { body: { username: name, email: `${name}@staff.example`, roleId: 'admin' }, ...as });
    expect([toAdmin.status, toAdmin.body.code]).toEqual([403, 'permission_escalation']);
    expect(toAdmin.body.permissions).toContain('settings:manage');

    const user = await givenUser({ roleId: clerk.id }, as);
    expect(user).toMatchObject({ roleId: clerk.id, roleName: clerk.name, status: 'active' });
    const promote = await api.call('PATCH', `/v1/users/${user.id}`, { body: { roleId: 'sales' }, ...as });
    expect([promote.status, promote.body.code]).toEqual([403, 'permission_escalation']);

    const boss = await givenUser({ roleId: 'manager' });
    const disableBoss = await api.call('DELETE', `/v1/users/${boss.id}`, as);
    expect([disableBoss.status, disableBoss.body.code]).toEqual([403, 'permission_escalation']);
  });
});

describe('users', () => {
  it('creates users with unique username and email (case and spaces folded): duplicates are 409', async () => {
    const user = await givenUser({ department: 'Box office' });
    expect(user).toMatchObject({ roleId: 'sales', roleName: 'sales', status: 'active', department: 'Box office', createdBy: 'local-admin' });

    const sameName = await api.call('POST', '/v1/users', { body: { username: user.username.toUpperCase(), email: `${unique('x')}@staff.example`, roleId: 'sales' } });
    expect([sameName.status, sameName.body.code, sameName.body.field, sameName.body.existingId]).toEqual([409, 'duplicate', 'username', user.id]);
    const sameEmail = await api.call('POST', '/v1/users', { body: { username: unique('other'), email: `  ${user.email.toUpperCase()} `, roleId: 'sales' } });
    expect([sameEmail.status, sameEmail.body.code, sameEmail.body.field, sameEmail.body.existingId]).toEqual([409, 'duplicate', 'email', user.id]);

    const concurrent = unique('race');
    const results = await Promise.all(
      Array.from({ length: 5 }, () => api.call('POST', '/v1/users', { body: { username: concurrent, email: `${concurrent}@staff.example`, roleId: 'scanner' } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);

    const unknownRole = await api.call('POST', '/v1/users', { body: { username: unique('u'), email: `${unique('u')}@staff.example`, roleId: ulid() } });
    expect([unknownRole.status, unknownRole.body.code]).toEqual([422, 'unknown_role']);
    expect((await api.call('GET', `/v1/users/${user.id}`, { role: 'sales' })).body).toMatchObject({ id: user.id, email: user.email });
  });

  it('a disabled user gets 403 user_disabled; DELETE disables and re-enabling restores access; users without a record keep working', async () => {
    const user = await givenUser({ roleId: 'scanner' });
    const as = { role: 'scanner', userId: user.id };
    const checkIns = () => api.call('GET', `/v1/events/${ulid()}/check-ins`, as);
    expect((await checkIns()).status).toBe(200);

    const disabled = await api.call('DELETE', `/v1/users/${user.id}`);
    expect([disabled.status, disabled.body.status]).toEqual([200, 'disabled']);
    const denied = await checkIns();
    expect([denied.status, denied.body.code]).toEqual([403, 'user_disabled']);
    expect((await api.call('GET', `/v1/users/${user.id}`)).body.status).toBe('disabled');

    const enabled = await api.call('PATCH', `/v1/users/${user.id}`, { body: { status: 'active' } });
    expect(enabled.body.status).toBe('active');
    expect((await checkIns()).status).toBe(200);

    // The record's role is what counts: a token claiming admin for this user gets the scanner's rights.
    expect((await api.call('GET', '/v1/contacts', { role: 'admin', userId: user.id })).status).toBe(403);
    // A token whose sub has no user record is authorized by its groups claim.
    expect((await api.call('GET', '/v1/contacts', { role: 'sales', userId: unique('no-record') })).status).toBe(200);

    const admin = await givenUser({ roleId: 'admin' });
    const selfDisable = await api.call('DELETE', `/v1/users/${admin.id}`, { role: 'admin', userId: admin.id });
    expect([selfDisable.status, selfDisable.body.code]).toEqual([422, 'cannot_disable_self']);
  });

  it('moves a user to another role, which takes effect at once', async () => {
    const user = await givenUser({ roleId: 'scanner' });
    expect((await api.call('GET', '/v1/contacts', { role: 'scanner', userId: user.id })).status).toBe(403);
    const moved = await api.call('PATCH', `/v1/users/${user.id}`, { body: { roleId: 'sales', department: 'Sales' } });
    expect(moved.body).toMatchObject({ roleId: 'sales', roleName: 'sales', department: 'Sales' });
    expect((await api.call('GET', '/v1/contacts', { role: 'scanner', userId: user.id })).status).toBe(200);
    const nothing = await api.call('PATCH', `/v1/users/${user.id}`, { body: {} });
    expect(nothing.body).toMatchObject({ roleId: 'sales', department: 'Sales' });
    const cleared = await api.call('PATCH', `/v1/users/${user.id}`, { body: { department: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.department).toBeUndefined();
  });

  it('a manager must exist and the management chain cannot loop', async () => {
    const top = await givenUser();
    const middle = await givenUser({ managerId: top.id });
    const bottom = await givenUser({ managerId: middle.id });

    const missing = await api.call('POST', '/v1/users', { body: { username: unique('u'), email: `${unique('u')}@staff.example`, roleId: 'sales', managerId: ulid() } });
    expect([missing.status, missing.body.code]).toEqual([422, 'unknown_manager']);
    const loop = await api.call('PATCH', `/v1/users/${top.id}`, { body: { managerId: bottom.id } });
    expect([loop.status, loop.body.code]).toEqual([422, 'manager_cycle']);
    const selfManaged = await api.call('PATCH', `/v1/users/${top.id}`, { body: { managerId: top.id } });
    expect([selfManaged.status, selfManaged.body.code]).toEqual([422, 'manager_cycle']);
    const fine = await api.call('PATCH', `/v1/users/${bottom.id}`, { body: { managerId: top.id } });
    expect([fine.status, fine.body.managerId]).toEqual([200, top.id]);
  });

  it('GET /v1/users/me describes the caller, with or without a user record; lists page through users', async () => {
    const user = await givenUser({ roleId: 'sales' });
    const me = await api.call('GET', '/v1/users/me', { role: 'sales', userId: user.id });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ userId: user.id, roles: ['sales'], level: 50, user: { id: user.id, username: user.username } });
    expect(me.body.permissions).toContain('contacts:write');

    const anonymous = await api.call('GET', '/v1/users/me', { role: 'manager', userId: 'console-made' });
    expect(anonymous.body).toMatchObject({ userId: 'console-made', roles: ['manager'], level: 80, user: null });
    expect((await api.call('GET', '/v1/users/me', { role: 'scanner' })).status).toBe(403);

    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await api.call(
        'GET',
        `/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      for (const item of page.body.items) seen.add(item.id);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toContain(user.id);
  });
});
