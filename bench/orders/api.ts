import { randomUUID } from 'node:crypto';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  ms: number;
}

export interface Api {
  url: string;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string | null; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
}

export function apiClient(url: string, adminToken: string): Api {
  return {
    url,
    async call<T>(method: string, path: string, options: { body?: unknown; token?: string | null; headers?: Record<string, string> } = {}) {
      const token = options.token === undefined ? adminToken : options.token;
      const started = performance.now();
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await res.text();
      const ms = performance.now() - started;
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: body as T, ms };
    },
  };
}

async function expect<T>(api: Api, status: number, method: string, path: string, body?: unknown): Promise<T> {
  const res = await api.call<T>(method, path, body === undefined ? {} : { body });
  if (res.status !== status) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

export interface SaleFixture {
  eventId: string;
  ticketTypeId: string;
}

/**
 * A published event with one ticket type, made through the API as an
 * organizer would (cf. test/support/sales-fixtures.ts). `totalCapacity`
 * gives the event its own pool on top of the ticket type's.
 */
export async function givenSale(api: Api, options: { name: string; capacity: number; totalCapacity?: number; maxPerOrder?: number }): Promise<SaleFixture> {
  const venue = await expect<{ id: string }>(api, 201, 'POST', '/v1/venues', { name: `Bench ${options.name} Hall` });
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  const event = await expect<{ id: string }>(api, 201, 'POST', '/v1/events', {
    venueId: venue.id,
    name: `Bench ${options.name}`,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
    currency: 'EUR',
    ...(options.totalCapacity === undefined ? {} : { totalCapacity: options.totalCapacity }),
  });
  const ticketType = await expect<{ id: string }>(api, 201, 'POST', `/v1/events/${event.id}/ticket-types`, {
    name: 'General admission',
    price: { amount: 2500, currency: 'EUR' },
    capacity: options.capacity,
    maxPerOrder: options.maxPerOrder ?? 10,
  });
  await expect(api, 200, 'POST', `/v1/events/${event.id}/publish`);
  return { eventId: event.id, ticketTypeId: ticketType.id };
}

export interface OrderView {
  id: string;
  status: string;
  payment?: { paymentIntentId: string };
}

/** The storefront's order body: one line, a fresh buyer. */
export const orderBody = (ticketTypeId: string, quantity: number, email: string) => ({
  buyer: { email, firstName: 'Bench', lastName: 'Buyer' },
  items: [{ ticketTypeId, quantity }],
});

export const idempotencyHeader = (): Record<string, string> => ({ 'idempotency-key': randomUUID() });

export interface Counts {
  capacity: number;
  sold: number;
  held: number;
  available: number;
}

export interface AvailabilityView {
  ticketTypes: Array<Counts & { ticketTypeId: string }>;
  total: Counts | null;
}

export async function availability(api: Api, eventId: string): Promise<AvailabilityView> {
  const res = await api.call<AvailabilityView>('GET', `/v1/events/${eventId}/availability`, { token: null });
  if (res.status !== 200) throw new Error(`availability answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

/** Every order of the event with that status, page by page (admin). */
export async function countOrders(api: Api, eventId: string, status: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const query = new URLSearchParams({ status, limit: '100', ...(cursor ? { cursor } : {}) });
    const res = await api.call<{ items: unknown[]; nextCursor: string | null }>('GET', `/v1/events/${eventId}/orders?${query}`);
    if (res.status !== 200) throw new Error(`list orders answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    count += res.body.items.length;
    cursor = res.body.nextCursor;
    if (!cursor) return count;
  }
  throw new Error('list orders: no end of pages');
}
