import { describe, expect, it } from 'vitest';
import { givenCompany, givenContact } from '../support/contact-fixtures.ts';
import { givenVenue } from '../support/fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { eur, givenOpportunity, givenPipeline, uniq } from '../support/pipeline-fixtures.ts';
import { givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

/**
 * Issue 18, HTTP semantics: a single-resource GET answers an ETag (the
 * resource's revision); a PATCH with `If-Match` is conditional on it in the
 * database write. Two editors read the same version; the first one's change
 * lands, the second one's — with the now stale ETag — is refused with 412
 * `precondition_failed` and changes nothing. Without `If-Match` the last
 * write still wins, as before.
 */
const api = useTestApi();

interface Resource {
  name: string;
  /** Creates one and answers its URL. */
  create: () => Promise<string>;
  /** Two different changes, one per editor, and the field that shows whose landed. */
  first: Record<string, unknown>;
  second: Record<string, unknown>;
  field: string;
}

const resources: Resource[] = [
  {
    name: 'venue',
    create: async () => `/v1/venues/${(await givenVenue(api.call)).id}`,
    first: { name: 'Sala Apolo (main room)' },
    second: { name: 'Sala Apolo (small room)' },
    field: 'name',
  },
  {
    name: 'event',
    create: async () => `/v1/events/${(await givenPublishedEvent(api.call)).id}`,
    first: { name: 'Friday Techno: sold out edition' },
    second: { name: 'Friday Techno: extended' },
    field: 'name',
  },
  {
    name: 'ticket type',
    create: async () => {
      const event = await givenPublishedEvent(api.call);
      return `/v1/events/${event.id}/ticket-types/${(await givenTicketType(api.call, event.id)).id}`;
    },
    first: { name: 'Early bird' },
    second: { name: 'Late bird' },
    field: 'name',
  },
  {
    name: 'contact',
    create: async () => `/v1/contacts/${(await givenContact(api.call, { email: `editors-${uniq()}@example.com`, firstName: 'Ana' })).id}`,
    first: { firstName: 'Anna' },
    second: { firstName: 'Ana María' },
    field: 'firstName',
  },
  {
    name: 'company',
    create: async () => `/v1/companies/${(await givenCompany(api.call, { name: `Editors ${uniq()}` })).id}`,
    first: { name: 'Editors One Ltd' },
    second: { name: 'Editors Two Ltd' },
    field: 'name',
  },
  {
    name: 'opportunity',
    create: async () => {
      const pipeline = await givenPipeline(api.call, { name: `Sponsorship ${uniq()}`, stages: [{ name: 'Lead', probability: 10 }, { name: 'Won', kind: 'won' }, { name: 'Lost', kind: 'lost' }] });
      const opportunity = await givenOpportunity(api.call, { name: 'Main-stage sponsorship', pipelineId: pipeline.id, amount: eur(500_000), expectedCloseDate: '2027-03-31' });
      return `/v1/opportunities/${opportunity.id}`;
    },
    first: { name: 'Main-stage sponsorship (gold)' },
    second: { name: 'Main-stage sponsorship (silver)' },
    field: 'name',
  },
];

describe.each(resources)('two editors of one $name', ({ create, first, second, field }) => {
  it('the second PATCH with the stale ETag gets 412 and changes nothing; the fresh ETag then works', async () => {
    const url = await create();
    const read = await api.call('GET', url);
    expect(read.status).toBe(200);
    const etag = read.headers.get('etag');
    expect(etag).toMatch(/^"\d+"$/);

    const one = await api.call('PATCH', url, { body: first, headers: { 'if-match': etag! } });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    const newer = one.headers.get('etag');
    expect(newer).toMatch(/^"\d+"$/);
    expect(newer).not.toBe(etag);

    const two = await api.call('PATCH', url, { body: second, headers: { 'if-match': etag! } });
    expect(two.status, JSON.stringify(two.body)).toBe(412);
    expect(two.headers.get('content-type')).toContain('application/problem+json');
    expect(two.body).toMatchObject({ status: 412, code: 'precondition_failed' });

    const after = await api.call('GET', url);
    expect(after.body[field]).toBe(first[field]);
    expect(after.headers.get('etag')).toBe(newer);

    const retried = await api.call('PATCH', url, { body: second, headers: { 'if-match': newer! } });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body[field]).toBe(second[field]);
  });

  it('without If-Match the edit lands as before; a malformed or weak If-Match is refused with 412', async () => {
    const url = await create();
    expect((await api.call('PATCH', url, { body: first })).status).toBe(200);
    for (const value of ['W/"1"', 'abc', '"1", "2"']) {
      const res = await api.call('PATCH', url, { body: second, headers: { 'if-match': value } });
      expect(res.status, value).toBe(412);
    }
    expect((await api.call('PATCH', url, { body: second, headers: { 'if-match': '*' } })).status).toBe(200);
  });
});

describe('a DELETE with If-Match', () => {
  it('deletes a company only at the version its caller read: a stale ETag gets 412 and the company stays', async () => {
    const url = `/v1/companies/${(await givenCompany(api.call, { name: `Deleted ${uniq()}` })).id}`;
    const etag = (await api.call('GET', url)).headers.get('etag')!;
    expect((await api.call('PATCH', url, { body: { name: 'Renamed meanwhile' } })).status).toBe(200);
    const stale = await api.call('DELETE', url, { headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    expect((await api.call('GET', url)).status).toBe(200);
    const fresh = (await api.call('GET', url)).headers.get('etag')!;
    expect((await api.call('DELETE', url, { headers: { 'if-match': fresh } })).status).toBe(204);
    expect((await api.call('GET', url)).status).toBe(404);
  });
});

describe('trashing a contact with If-Match', () => {
  it('refuses a stale ETag with 412 and leaves the contact active; the current one trashes it', async () => {
    const url = `/v1/contacts/${(await givenContact(api.call, { email: `trash-${uniq()}@example.com`, firstName: 'Tess' })).id}`;
    const etag = (await api.call('GET', url)).headers.get('etag')!;
    expect((await api.call('PATCH', url, { body: { firstName: 'Tessa' } })).status).toBe(200);
    expect((await api.call('DELETE', url, { headers: { 'if-match': etag } })).status).toBe(412);
    const after = await api.call('GET', url);
    expect(after.body.state).toBe('active');
    expect((await api.call('DELETE', url, { headers: { 'if-match': after.headers.get('etag')! } })).status).toBe(204);
    expect((await api.call('GET', url)).body.state).toBe('trashed');
  });
});

describe('Location on 201 and 405 with Allow', () => {
  it('answers a created venue with its URL, which GETs it', async () => {
    const res = await api.call('POST', '/v1/venues', { body: { name: 'Located Hall' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/venues/${res.body.id}`);
    expect((await api.call('GET', res.headers.get('location')!)).body.name).toBe('Located Hall');
  });

  it('answers a known path with an unknown method 405, listing the allowed ones', async () => {
    const venue = await givenVenue(api.call);
    const res = await api.call('DELETE', `/v1/venues/${venue.id}`);
    expect(res.status).toBe(405);
    expect(res.body).toMatchObject({ status: 405, code: 'method_not_allowed' });
    expect(res.headers.get('allow')?.split(/,\s*/).sort()).toEqual(['GET', 'PATCH']);
  });
});
