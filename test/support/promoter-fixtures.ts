import { randomUUID } from 'node:crypto';
import type { ApiCaller, ApiResponse } from './local-api.ts';
import { buyerEmail, pay, type OrderBody } from './sales-fixtures.ts';

const unique = (tag: string) => `${tag}${randomUUID().slice(0, 8)}`.toLowerCase();

export interface PromoterBody {
  id: string;
  code: string;
  userId: string;
  leaderId?: string;
  planId?: string;
  contactId?: string;
  status: string;
}

export interface LineBody {
  lineId: string;
  promoterId: string;
  orderId?: string;
  guestId?: string;
  bookingId?: string;
  ruleId: string;
  cause: string;
  kind: string;
  amount: number;
  currency: string;
  status: 'pending' | 'approved' | 'paid';
  payoutId?: string;
}

export async function givenPlan(call: ApiCaller, body: Record<string, unknown> = {}) {
  const res = await call('POST', '/v1/commission-plans', {
    body: { name: 'Standard RRPP', holdDays: 7, rules: [{ ruleId: 'pct', scope: 'ticket_type', basis: 'percent_of_net', rateBps: 1000 }], ...body },
  });
  if (res.status !== 201) throw new Error(`plan: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; rules: Array<{ ruleId: string }> };
}

/** A user with the promoter role and its promoter record; `as` signs in as that user. */
export async function givenPromoter(call: ApiCaller, body: Record<string, unknown> = {}) {
  const name = unique('rrpp');
  const user = await call('POST', '/v1/users', { body: { username: name, email: `${name}@promo.example`, roleId: 'promoter' } });
  if (user.status !== 201) throw new Error(`user: ${user.status} ${JSON.stringify(user.body)}`);
  const res = await call('POST', '/v1/promoters', {
    body: { name: `Promoter ${name}`, email: `${name}@promo.example`, userId: user.body.id, code: name.toUpperCase(), ...body },
  });
  if (res.status !== 201) throw new Error(`promoter: ${res.status} ${JSON.stringify(res.body)}`);
  const promoter = res.body as PromoterBody;
  return { promoter, as: { role: 'promoter', userId: user.body.id as string } };
}

export async function givenLink(call: ApiCaller, promoterId: string, eventId: string, extra: Record<string, unknown> = {}) {
  const res = await call('POST', `/v1/promoters/${promoterId}/links`, { body: { eventId, ...extra } });
  if (res.status !== 201) throw new Error(`link: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { slug: string; clickPath: string };
}

export async function click(call: ApiCaller, slug: string): Promise<string> {
  const res = await call('GET', `/v1/promoter-links/${slug}/click`, { role: null });
  if (res.status !== 200) throw new Error(`click: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** An order through the storefront with a promoter code and/or link token. */
export function buyVia(call: ApiCaller, eventId: string, ticketTypeId: string, via: { promoterCode?: string; promoterToken?: string; quantity?: number }): Promise<ApiResponse> {
  return call('POST', `/v1/events/${eventId}/orders`, {
    role: null,
    body: {
      buyer: { email: buyerEmail('promo'), firstName: 'Club', lastName: 'Goer' },
      items: [{ ticketTypeId, quantity: via.quantity ?? 1 }],
      ...(via.promoterCode ? { promoterCode: via.promoterCode } : {}),
      ...(via.promoterToken ? { promoterToken: via.promoterToken } : {}),
    },
  });
}

export async function paidVia(call: ApiCaller, eventId: string, ticketTypeId: string, via: Parameters<typeof buyVia>[3]): Promise<OrderBody> {
  const res = await buyVia(call, eventId, ticketTypeId, via);
  if (res.status !== 201) throw new Error(`order: ${res.status} ${JSON.stringify(res.body)}`);
  const outcome = await pay(call, res.body);
  if (outcome.delivered.status !== 200) throw new Error(`pay: ${JSON.stringify(outcome)}`);
  return res.body as OrderBody;
}

export async function ledgerOf(call: ApiCaller, promoterId: string, as: { role?: string; userId?: string } = {}): Promise<LineBody[]> {
  const lines: LineBody[] = [];
  let cursor: string | null = null;
  do {
    const res: ApiResponse = await call('GET', `/v1/promoters/${promoterId}/ledger?limit=100${cursor ? `&cursor=${cursor}` : ''}`, as);
    if (res.status !== 200) throw new Error(`ledger: ${res.status} ${JSON.stringify(res.body)}`);
    lines.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return lines;
}

export const sum = (lines: readonly { amount: number }[]) => lines.reduce((s, l) => s + l.amount, 0);
