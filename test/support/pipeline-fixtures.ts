import { randomUUID } from 'node:crypto';
import type { ApiCaller, ApiResponse } from './local-api.ts';

/**
 * Given-helpers for the leads and pipeline end-to-end tests. Each insists on
 * the expected status, so a broken precondition fails where it happens.
 * Bodies come back as `any`: the tests that use them check their shape.
 */
async function expectStatus(call: Promise<ApiResponse>, status: number, what: string): Promise<any> {
  const res = await call;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A short unique tag, so each test names its own people and domains. */
export const uniq = () => randomUUID().slice(0, 8);

export const givenContact = (call: ApiCaller, body: Record<string, unknown>) => expectStatus(call('POST', '/v1/contacts', { body }), 201, 'contact');

export const givenCompany = (call: ApiCaller, body: Record<string, unknown>) => expectStatus(call('POST', '/v1/companies', { body }), 201, 'company');

export const givenLead = (call: ApiCaller, body: Record<string, unknown>, as: { role?: string; userId?: string } = {}) =>
  expectStatus(call('POST', '/v1/leads', { body, ...as }), 201, 'lead');

export const givenPipeline = (call: ApiCaller, body: Record<string, unknown>) => expectStatus(call('POST', '/v1/pipelines', { body }), 201, 'pipeline');

export const givenOpportunity = (call: ApiCaller, body: Record<string, unknown>) =>
  expectStatus(call('POST', '/v1/opportunities', { body }), 201, 'opportunity');

export const givenRule = (call: ApiCaller, body: Record<string, unknown>) => expectStatus(call('POST', '/v1/lead-scoring-rules', { body }), 201, 'rule');

export async function timelineOf(call: ApiCaller, contactId: string) {
  const body = await expectStatus(call('GET', `/v1/contacts/${contactId}/timeline?limit=100`), 200, 'timeline');
  return body.items as Array<{ id: string; kind: string; summary: string; ref: { type: string; id: string } | null; data: Record<string, unknown> }>;
}

export const eur = (amount: number) => ({ amount, currency: 'EUR' });
