import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { buyerEmail, unknownId } from '../support/sales-fixtures.ts';

const api = useTestApi();

async function givenContact(userId = 'u-sales-1') {
  const res = await api.call('POST', '/v1/contacts', { body: { email: buyerEmail('activity') }, role: 'sales', userId });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const ahead = (ms: number) => new Date(Date.now() + ms).toISOString();
const HOUR = 3_600_000;
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

describe('interactions', () => {
  it('records, reads, changes and deletes an interaction; lists a contact’s newest first', async () => {
    const contact = await givenContact();
    const older = await api.call('POST', '/v1/interactions', {
      body: { contactId: contact.id, type: 'call', subject: 'Intro call', outcome: 'interested', occurredAt: '2026-01-10T10:00:00+02:00' },
      role: 'sales',
      userId: 'u-sales-1',
    });
    expect(older.status).toBe(201);
    expect(older.body).toMatchObject({ contactId: contact.id, type: 'call', subject: 'Intro call', occurredAt: '2026-01-10T08:00:00.000Z', createdBy: 'u-sales-1' });
    const newer = await api.call('POST', '/v1/interactions', { body: { contactId: contact.id, type: 'email', subject: 'Proposal sent', nextAction: 'call back' } });
    expect(newer.status).toBe(201);

    const list = await api.call('GET', `/v1/interactions?contactId=${contact.id}`, { role: 'sales' });
    expect(list.status).toBe(200);
    expect(ids(list)).toEqual([newer.body.id, older.body.id]);

    const changed = await api.call('PATCH', `/v1/interactions/${older.body.id}`, { body: { outcome: null, content: 'Talked 20 minutes' } });
    expect(changed.status).toBe(200);
    expect(changed.body.outcome).toBeUndefined();
    expect(changed.body.content).toBe('Talked 20 minutes');
    expect((await api.call('GET', `/v1/interactions/${older.body.id}`)).body).toEqual(changed.body);

    expect((await api.call('DELETE', `/v1/interactions/${older.body.id}`)).status).toBe(204);
    expect((await api.call('GET', `/v1/interactions/${older.body.id}`)).status).toBe(404);
    expect((await api.call('DELETE', `/v1/interactions/${older.body.id}`)).status).toBe(404);
    expect(ids(await api.call('GET', `/v1/interactions?contactId=${contact.id}`))).toEqual([newer.body.id]);
  });

  it('needs an existing contact (422), a known type, and one of contactId/opportunityId to list', async () => {
    const unknown = await api.call('POST', '/v1/interactions', { body: { contactId: unknownId, type: 'call', subject: 'x' } });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'unknown_contact']);
    const contact = await givenContact();
    expect((await api.call('POST', '/v1/interactions', { body: { contactId: contact.id, type: 'fax', subject: 'x' } })).status).toBe(400);
    expect((await api.call('GET', '/v1/interactions')).status).toBe(400);
  });

  it('lists an opportunity’s interactions from its sparse index', async () => {
    const contact = await givenContact();
    const opportunityId = '01JD00000000000000000000P1';
    const about = await api.call('POST', '/v1/interactions', { body: { contactId: contact.id, type: 'meeting', subject: 'Demo', opportunityId } });
    await api.call('POST', '/v1/interactions', { body: { contactId: contact.id, type: 'visit', subject: 'Coffee' } });
    expect(ids(await api.call('GET', `/v1/interactions?opportunityId=${opportunityId}`))).toEqual([about.body.id]);
    // Cleared: out of the opportunity's list.
    await api.call('PATCH', `/v1/interactions/${about.body.id}`, { body: { opportunityId: null } });
    expect(ids(await api.call('GET', `/v1/interactions?opportunityId=${opportunityId}`))).toEqual([]);
  });

  it('needs activities:read / activities:write', async () => {
    expect((await api.call('GET', `/v1/interactions?contactId=${unknownId}`, { role: 'scanner' })).status).toBe(403);
    expect((await api.call('POST', '/v1/interactions', { body: {}, role: 'promoter' })).status).toBe(403);
    expect((await api.call('GET', `/v1/interactions?contactId=${unknownId}`, { role: null })).status).toBe(401);
  });
});

describe('tasks', () => {
  it('assignedTo=me&due=overdue lists only my open tasks due before now, most overdue first', async () => {
    const me = 'u-task-owner';
    const create = (body: Record<string, unknown>, userId = me) => api.call('POST', '/v1/tasks', { body, role: 'sales', userId });
    const late = await create({ title: 'Late', dueAt: ago(2 * HOUR) });
    const later = await create({ title: 'Very late', dueAt: ago(48 * HOUR), priority: 'high' });
    const busy = await create({ title: 'Late but started', dueAt: ago(HOUR), status: 'in_progress' });
    const done = await create({ title: 'Late and done', dueAt: ago(3 * HOUR) });
    await create({ title: 'Upcoming', dueAt: ahead(24 * HOUR) });
    await create({ title: "Someone else's late task", dueAt: ago(HOUR) }, 'u-other');
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ assignedTo: me, createdBy: me, status: 'open', priority: 'normal' });

    const finished = await api.call('PATCH', `/v1/tasks/${done.body.id}`, { body: { status: 'done' }, role: 'sales', userId: me });
    expect(finished.body.status).toBe('done');
    expect(finished.body.completedAt).toBeDefined();

    const overdue = await api.call('GET', '/v1/tasks?assignedTo=me&due=overdue', { role: 'sales', userId: me });
    expect(overdue.status).toBe(200);
    expect(ids(overdue)).toEqual([later.body.id, late.body.id, busy.body.id]);

    const onlyOpen = await api.call('GET', '/v1/tasks?assignedTo=me&due=overdue&status=open', { role: 'sales', userId: me });
    expect(ids(onlyOpen)).toEqual([later.body.id, late.body.id]);

    const closed = await api.call('GET', '/v1/tasks?assignedTo=me&status=done', { role: 'sales', userId: me });
    expect(ids(closed)).toEqual([done.body.id]);
    expect((await api.call('GET', '/v1/tasks?assignedTo=me&due=overdue&status=done', { role: 'sales', userId: me })).body.items).toEqual([]);

    const upcoming = await api.call('GET', '/v1/tasks?due=upcoming', { role: 'sales', userId: me });
    expect(upcoming.body.items.map((t: { title: string }) => t.title)).toEqual(['Upcoming']);

    // Another user's view of mine, by id; and reopening moves it back, without completedAt.
    expect(ids(await api.call('GET', `/v1/tasks?assignedTo=${me}&due=overdue`, { role: 'manager', userId: 'boss' }))).toHaveLength(3);
    const reopened = await api.call('PATCH', `/v1/tasks/${done.body.id}`, { body: { status: 'open' }, role: 'sales', userId: me });
    expect(reopened.body.completedAt).toBeUndefined();
    expect(ids(await api.call('GET', '/v1/tasks?assignedTo=me&due=overdue', { role: 'sales', userId: me }))).toContain(done.body.id);
  });

  it('due=today is the current UTC day; reassigning and rescheduling move a task between lists', async () => {
    const now = new Date();
    const endOfDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 23, 59, 59, 0)).toISOString();
    const today = await api.call('POST', '/v1/tasks', { body: { title: 'Today', dueAt: endOfDay }, userId: 'u-today' });
    await api.call('POST', '/v1/tasks', { body: { title: 'Next week', dueAt: ahead(8 * 24 * HOUR) }, userId: 'u-today' });
    expect(ids(await api.call('GET', '/v1/tasks?due=today', { userId: 'u-today' }))).toEqual([today.body.id]);

    await api.call('PATCH', `/v1/tasks/${today.body.id}`, { body: { assignedTo: 'u-colleague', dueAt: ago(HOUR) } });
    expect(ids(await api.call('GET', '/v1/tasks?due=today', { userId: 'u-today' }))).toEqual([]);
    expect(ids(await api.call('GET', '/v1/tasks?assignedTo=me&due=overdue', { userId: 'u-colleague' }))).toEqual([today.body.id]);
  });

  it('links to an existing contact only; delete answers 404 the second time', async () => {
    const bad = await api.call('POST', '/v1/tasks', { body: { title: 'x', dueAt: ahead(HOUR), contactId: unknownId } });
    expect([bad.status, bad.body.code]).toEqual([422, 'unknown_contact']);
    const contact = await givenContact();
    const task = await api.call('POST', '/v1/tasks', { body: { title: 'Call back', dueAt: ahead(HOUR), contactId: contact.id } });
    expect(task.body.contactId).toBe(contact.id);
    expect((await api.call('DELETE', `/v1/tasks/${task.body.id}`)).status).toBe(204);
    expect((await api.call('DELETE', `/v1/tasks/${task.body.id}`)).status).toBe(404);
    expect((await api.call('GET', `/v1/tasks/${task.body.id}`)).status).toBe(404);
  });
});

describe('notes', () => {
  const author = 'u-author';
  const other = 'u-colleague';

  async function givenNotes() {
    const contact = await givenContact();
    const shared = await api.call('POST', '/v1/notes', { body: { contactId: contact.id, body: 'Likes techno', noteType: 'call' }, role: 'sales', userId: author });
    const secret = await api.call('POST', '/v1/notes', { body: { contactId: contact.id, body: 'Owes us a favour', isPrivate: true }, role: 'sales', userId: author });
    expect(shared.status).toBe(201);
    expect(secret.status).toBe(201);
    expect(secret.body).toMatchObject({ isPrivate: true, authorId: author, noteType: 'general' });
    return { contact, shared: shared.body as { id: string }, secret: secret.body as { id: string } };
  }

  it('a private note is invisible to everyone but its author — list, timeline and GET (404 like a missing note), even for an admin', async () => {
    const { contact, shared, secret } = await givenNotes();

    const mine = await api.call('GET', `/v1/notes?contactId=${contact.id}`, { role: 'sales', userId: author });
    expect(ids(mine)).toEqual([secret.id, shared.id]);
    expect((await api.call('GET', `/v1/notes/${secret.id}`, { role: 'sales', userId: author })).status).toBe(200);
    const myTimeline = await api.call('GET', `/v1/contacts/${contact.id}/timeline`, { role: 'sales', userId: author });
    expect(ids(myTimeline)).toEqual([secret.id, shared.id]);

    for (const viewer of [
      { role: 'sales', userId: other },
      { role: 'admin', userId: 'u-admin' },
    ]) {
      const list = await api.call('GET', `/v1/notes?contactId=${contact.id}`, viewer);
      expect(ids(list)).toEqual([shared.id]);
      const timeline = await api.call('GET', `/v1/contacts/${contact.id}/timeline`, viewer);
      expect(ids(timeline)).toEqual([shared.id]);
      const hidden = await api.call('GET', `/v1/notes/${secret.id}`, viewer);
      const missing = await api.call('GET', `/v1/notes/${unknownId}`, viewer);
      expect(hidden.status).toBe(404);
      expect(hidden.body).toEqual({ ...missing.body, detail: missing.body.detail.replace(unknownId, secret.id), id: secret.id });
      // Writes do not reveal it either.
      expect((await api.call('PATCH', `/v1/notes/${secret.id}`, { ...viewer, body: { body: 'x' } })).status).toBe(404);
      expect((await api.call('DELETE', `/v1/notes/${secret.id}`, viewer)).status).toBe(404);
    }
  });

  it('only the author changes or deletes a note: someone else gets 403 on a public one', async () => {
    const { shared, secret } = await givenNotes();
    const foreign = await api.call('PATCH', `/v1/notes/${shared.id}`, { body: { body: 'rewritten' }, role: 'admin', userId: other });
    expect([foreign.status, foreign.body.code]).toEqual([403, 'forbidden']);
    expect((await api.call('DELETE', `/v1/notes/${shared.id}`, { role: 'sales', userId: other })).status).toBe(403);

    const edited = await api.call('PATCH', `/v1/notes/${shared.id}`, { body: { body: 'Likes techno and house', isPrivate: true }, role: 'sales', userId: author });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: 'Likes techno and house', isPrivate: true, noteType: 'call' });
    // Now private: gone for the others.
    expect((await api.call('GET', `/v1/notes/${shared.id}`, { role: 'sales', userId: other })).status).toBe(404);

    expect((await api.call('DELETE', `/v1/notes/${secret.id}`, { role: 'sales', userId: author })).status).toBe(204);
    expect((await api.call('GET', `/v1/notes/${secret.id}`, { role: 'sales', userId: author })).status).toBe(404);
  });

  it('needs an existing contact (422) and a contactId to list', async () => {
    const res = await api.call('POST', '/v1/notes', { body: { contactId: unknownId, body: 'x' } });
    expect([res.status, res.body.code]).toEqual([422, 'unknown_contact']);
    expect((await api.call('GET', '/v1/notes')).status).toBe(400);
  });
});
