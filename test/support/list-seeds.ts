import { randomUUID } from 'node:crypto';
import type { ApiCaller, ApiResponse } from './local-api.ts';

/** One list request: path parameters and query (without limit and cursor). */
export interface ListRequest {
  params: Record<string, string>;
  query: Record<string, string>;
}

/** Seeds at least two items a list request returns, so `limit=1` yields a real nextCursor. */
export type ListSeed = (call: ApiCaller) => Promise<ListRequest>;

const uniq = () => randomUUID().slice(0, 8);
const inHours = (n: number) => new Date(Date.now() + n * 3600_000).toISOString();

async function created(res: Promise<ApiResponse>, what: string): Promise<{ id: string }> {
  const r = await res;
  if (r.status !== 201) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string };
}

const post = (call: ApiCaller, path: string, body: unknown) => created(call('POST', path, { body }), `POST ${path}`);
const twice = async <T>(make: () => Promise<T>): Promise<T[]> => [await make(), await make()];

const venue = (call: ApiCaller) => post(call, '/v1/venues', { name: `Venue ${uniq()}` });
const event = async (call: ApiCaller) =>
  post(call, '/v1/events', { venueId: (await venue(call)).id, name: 'Friday Techno', startsAt: inHours(48), endsAt: inHours(54), currency: 'EUR' });
const contact = (call: ApiCaller, body: Record<string, unknown> = {}) => post(call, '/v1/contacts', { email: `list.${uniq()}@example.com`, ...body });
const segment = (call: ApiCaller) => post(call, '/v1/segments', { name: `Segment ${uniq()}`, filter: { tag: `t-${uniq()}` } });

/**
 * Where seeding a list through the API is a few calls. Routes missing here
 * are still covered by the route-table test with cursors sealed by the test
 * itself; adding a seed adds the genuine-cursor checks for that route.
 */
export const listSeeds: Partial<Record<string, ListSeed>> = {
  listVenues: async (call) => (await twice(() => venue(call)), { params: {}, query: {} }),
  listEvents: async (call) => (await twice(() => event(call)), { params: {}, query: {} }),
  listTicketTypes: async (call) => {
    const { id } = await event(call);
    await twice(() => post(call, `/v1/events/${id}/ticket-types`, { name: `Ticket ${uniq()}`, price: { amount: 2500, currency: 'EUR' }, capacity: 10, maxPerOrder: 4 }));
    return { params: { id }, query: {} };
  },
  listContacts: async (call) => {
    const tag = `t-${uniq()}`;
    await twice(() => contact(call, { tags: [tag] }));
    return { params: {}, query: { tag } };
  },
  listContactTrash: async (call) => {
    for (const { id } of await twice(() => contact(call))) await call('DELETE', `/v1/contacts/${id}`);
    return { params: {}, query: {} };
  },
  listCompanies: async (call) => (await twice(() => post(call, '/v1/companies', { name: `Company ${uniq()}` })), { params: {}, query: {} }),
  listCompanyContacts: async (call) => {
    const { id } = await post(call, '/v1/companies', { name: `Company ${uniq()}` });
    await twice(() => contact(call, { companyId: id }));
    return { params: { id }, query: {} };
  },
  listTasks: async (call) => (await twice(() => post(call, '/v1/tasks', { title: `Task ${uniq()}`, dueAt: inHours(2) })), { params: {}, query: {} }),
  listNotes: async (call) => {
    const { id } = await contact(call);
    await twice(() => post(call, '/v1/notes', { contactId: id, body: `Note ${uniq()}` }));
    return { params: {}, query: { contactId: id } };
  },
  listInteractions: async (call) => {
    const { id } = await contact(call);
    await twice(() => post(call, '/v1/interactions', { contactId: id, type: 'call', subject: `Call ${uniq()}` }));
    return { params: {}, query: { contactId: id } };
  },
  listLeads: async (call) => (await twice(() => post(call, '/v1/leads', { person: { email: `lead.${uniq()}@example.com` } })), { params: {}, query: {} }),
  listSegments: async (call) => (await twice(() => segment(call)), { params: {}, query: {} }),
  listCampaigns: async (call) => {
    const { id: segmentId } = await segment(call);
    const body = { name: 'Spring newsletter', type: 'newsletter', subject: 'News', html: '<p>Hello</p>', text: 'Hello', audience: { segmentId } };
    await twice(() => post(call, '/v1/campaigns', body));
    return { params: {}, query: {} };
  },
  listPipelines: async (call) => {
    const stages = [{ name: 'Open', probability: 10 }, { name: 'Won', kind: 'won' }, { name: 'Lost', kind: 'lost' }];
    await twice(() => post(call, '/v1/pipelines', { name: `Pipeline ${uniq()}`, stages }));
    return { params: {}, query: {} };
  },
};
