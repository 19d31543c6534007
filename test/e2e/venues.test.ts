import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';

const api = useTestApi();

describe('venues through the local HTTP API', () => {
  it('creates, reads and changes a venue', async () => {
    const created = await api.call('POST', '/v1/venues', { body: { name: '  Razzmatazz ', capacity: 1500 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Razzmatazz', capacity: 1500, publishedEventsCount: 0 });
    expect(created.body.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);

    const read = await api.call('GET', `/v1/venues/${created.body.id}`);
    expect(read.body).toEqual(created.body);

    const changed = await api.call('PATCH', `/v1/venues/${created.body.id}`, { body: { capacity: 1600 } });
    expect(changed.status).toBe(200);
    expect(changed.body.capacity).toBe(1600);
    expect(changed.body.name).toBe('Razzmatazz');
  });

  it('answers 404 problem+json for an unknown venue, on read and on change', async () => {
    const id = '01JD0000000000000000000000';
    for (const res of [await api.call('GET', `/v1/venues/${id}`), await api.call('PATCH', `/v1/venues/${id}`, { body: { name: 'x' } })]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body.code).toBe('not_found');
    }
  });

  it('pages through 60 venues without loss or repeat', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const res = await api.call('POST', '/v1/venues', { body: { name: `Venue ${i}` } });
      ids.add(res.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.call(
        'GET',
        `/v1/venues?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...res.body.items.map((v) => v.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const createdSeen = seen.filter((id) => ids.has(id));
    expect(createdSeen).toHaveLength(60);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
