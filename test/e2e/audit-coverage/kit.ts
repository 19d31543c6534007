import { randomUUID } from 'node:crypto';
import type { LocalStack } from '#packages/local/local-stack.ts';
import type { ApiCaller } from '../../support/local-api.ts';

/** The request a scenario names: the route's path (ids filled in), its body, and what else the call needs. */
export interface Call {
  path: string;
  body?: unknown;
  /** Raw body and headers, for routes signed by a third party (the Stripe webhook). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Who calls: admin by default, anonymous for public routes; a role where only that role may act. */
  role?: string;
}
/** Sets up what the route needs (as admin, or as `userId` where only the author may act), then names the call. */
export type Scenario = (call: ApiCaller, userId: string, stack: LocalStack) => Promise<Call>;

export const uniq = () => randomUUID().slice(0, 8);
export const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** POSTs and returns the new id; throws on anything but 200/201 so a broken fixture names itself. */
export async function created(call: ApiCaller, path: string, body: unknown, userId?: string): Promise<string> {
  const res = await call('POST', path, { body, ...(userId ? { userId: `${userId}` } : {}) });
  if (res.status !== 201 && res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Like `created` for any method; returns the body. */
export async function ok(call: ApiCaller, method: string, path: string, body?: unknown): Promise<any> {
  const res = await call(method, path, body === undefined ? {} : { body });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A webhook endpoint on the local inbox (answers 200 at once) for one event type: an endpoint on an
 * unreachable host for '*' keeps the webhook fan-out busy ~15 s per event, and with it every bus drain
 * and the stack's stop.
 */
export const endpointBody = (stack: LocalStack) => ({ url: `${stack.apiUrl}/dev/webhook-inbox?status=200`, eventTypes: ['contact.created'] });
export const endpoint = (call: ApiCaller, stack: LocalStack) => created(call, '/v1/webhook-endpoints', endpointBody(stack));
export const workflow = (call: ApiCaller) => created(call, '/v1/workflows', { name: `wf ${uniq()}`, definition: { trigger: { type: 'manual' }, steps: [{ type: 'exit' }] } });
export const contact = (call: ApiCaller) => created(call, '/v1/contacts', { email: `cov.${uniq()}@example.com`, firstName: 'Cov' });
