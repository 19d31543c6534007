import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from '#packages/api/routes/index.ts';
import { actionOfHandler } from '#packages/core/audit/audit-context.ts';
import { isPublic, routeKey, type RouteDefinition } from '#packages/core/route.ts';
import { useTestApi } from '../support/local-api.ts';
import { campaignScenarios } from './audit-coverage/campaign-scenarios.ts';
import { conferenceScenarios } from './audit-coverage/conference-scenarios.ts';
import { coreScenarios } from './audit-coverage/core-scenarios.ts';
import { crmScenarios } from './audit-coverage/crm-scenarios.ts';
import { knownGaps } from './audit-coverage/known-gaps.ts';
import { uniq, type Scenario } from './audit-coverage/kit.ts';
import { nightlifeScenarios } from './audit-coverage/nightlife-scenarios.ts';
import { salesScenarios } from './audit-coverage/sales-scenarios.ts';
import { tableScenarios } from './audit-coverage/tables-scenarios.ts';
import { tradeshowScenarios } from './audit-coverage/tradeshow-scenarios.ts';

/**
 * Generated from the route table (issue 17): every state-changing route
 * (POST/PUT/PATCH/DELETE), called successfully, leaves exactly one audit
 * event, with the action its handler names, by the caller. A route is either
 * exercised here (`scenarios`, one file per area under audit-coverage/: what
 * it needs, then the call) or listed in `knownGaps` with the reason it is not
 * yet; a route in neither fails the first test, so a new route cannot slip past.
 */
const api = useTestApi();

const areas: Array<Record<string, Scenario>> = [coreScenarios, tableScenarios, campaignScenarios, tradeshowScenarios, conferenceScenarios, salesScenarios, crmScenarios, nightlifeScenarios];
// A scenario may move the clock (past a cut-off) for its call; the next test starts on the real one.
afterEach(() => {
  vi.useRealTimers();
});
const scenarios: Record<string, Scenario> = {};
for (const area of areas) {
  for (const [key, scenario] of Object.entries(area)) {
    if (key in scenarios) throw new Error(`${key} has two scenarios`);
    scenarios[key] = scenario;
  }
}

const stateChanging = routes.filter((r) => r.method !== 'GET');

async function auditCount(query: string): Promise<{ count: number; actions: string[] }> {
  const actions: string[] = [];
  let cursor: string | null = null;
  do {
    const res: any = await api.call('GET', `/v1/audit?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    if (res.status !== 200) throw new Error(`audit: ${res.status} ${JSON.stringify(res.body)}`);
    actions.push(...res.body.items.map((e: { action: string }) => e.action));
    cursor = res.body.nextCursor;
  } while (cursor);
  return { count: actions.length, actions };
}

describe('every state-changing route writes exactly one audit event (from the route table)', () => {
  it('names every state-changing route: exercised below or a known gap with its reason', () => {
    const unaccounted = stateChanging.map(routeKey).filter((key) => !(key in scenarios) && !(key in knownGaps));
    expect(unaccounted).toEqual([]);
    const stale = [...Object.keys(scenarios), ...Object.keys(knownGaps)].filter((key) => !stateChanging.some((r) => routeKey(r) === key));
    expect(stale).toEqual([]);
    const both = Object.keys(scenarios).filter((key) => key in knownGaps);
    expect(both).toEqual([]);
    for (const reason of Object.values(knownGaps)) expect(reason.length).toBeGreaterThan(10);
  });

  const exercised = stateChanging.filter((r) => routeKey(r) in scenarios);
  it.each(exercised.map((r) => [routeKey(r), r] as [string, RouteDefinition]))('%s', async (_key, route) => {
    const action = actionOfHandler(route.handler);
    const userId = `audit-cov-${uniq()}`;
    const request = await scenarios[routeKey(route)]!(api.call, userId, api);
    // Counted by the caller (public routes: by the action, the caller being anonymous), before and after the call.
    const query = isPublic(route) ? `action=${action}` : `actor=user:${userId}`;
    const before = await auditCount(query);
    const role = isPublic(route) ? null : (request.role ?? 'admin');
    const res = await api.call(route.method, request.path, { body: request.body, rawBody: request.rawBody, headers: request.headers, userId, role });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    const after = await auditCount(query);
    expect(after.count - before.count).toBe(1);
    // Newest first: the one event the call wrote.
    expect(after.actions[0]).toBe(action);
  });
});
