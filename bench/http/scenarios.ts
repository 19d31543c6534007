import type { Fixtures } from './fixtures.ts';

export interface Scenario {
  name: string;
  /** The route-table key it exercises. */
  route: string;
  method: 'GET' | 'POST';
  path(fixtures: Fixtures): string;
  /** `{{seq}}` becomes unique per request when uniqueBody is set. */
  body?: string;
  uniqueBody?: boolean;
}

export const scenarios: Scenario[] = [
  { name: 'get-event', route: 'GET /v1/events/{id}', method: 'GET', path: (f) => `/v1/events/${f.eventId}` },
  {
    name: 'create-contact',
    route: 'POST /v1/contacts',
    method: 'POST',
    path: () => '/v1/contacts',
    // A repeated email is a 409, so each request brings its own.
    body: JSON.stringify({ email: 'bench-{{seq}}@bench.eventos.dev', firstName: 'Bench', lastName: 'Load' }),
    uniqueBody: true,
  },
];
