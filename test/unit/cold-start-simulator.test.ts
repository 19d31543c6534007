import { describe, expect, it } from 'vitest';
import { simulate, type SimRequest } from '../../bench/lib/cold-start/simulate.ts';
import { DAY, seededRandom, syntheticTraffic } from '../../bench/lib/cold-start/traffic.ts';
import { routeKey } from '#packages/core/route.ts';
import { routes } from '#packages/api/routes/index.ts';

const MIN = 60_000;
const req = (at: number, routeKey: string, durationMs = 100): SimRequest => ({ at, routeKey, durationMs });
const options = { evictionMs: 15 * MIN, initMs: 500 };

describe('cold-start simulator', () => {
  // Routes a and b share function F; c has function G of its own.
  const together = new Map([
    ['a', 'F'],
    ['b', 'F'],
    ['c', 'G'],
  ]);
  const apart = new Map([
    ['a', 'A'],
    ['b', 'B'],
    ['c', 'G'],
  ]);

  it('counts by hand: first use, sharing, eviction after the idle time', () => {
    const requests = [
      req(0, 'a'), // F cold (busy until 600 ms)
      req(1_000, 'b'), // F warm: same function as a
      req(2_000, 'c'), // G cold
      req(10 * MIN, 'a'), // F warm: idle 10 min < 15
      req(30 * MIN, 'b'), // F cold: idle ~20 min > 15, evicted
      req(30 * MIN + 15 * MIN, 'c'), // G cold: idle 45 min
    ];
    const shared = simulate(requests, together, options);
    expect(shared).toMatchObject({ requests: 6, cold: 4, functionsUsed: 2 });
    expect(shared.byFunction).toEqual({ F: { requests: 4, cold: 2, maxInstances: 1 }, G: { requests: 2, cold: 2, maxInstances: 1 } });
    // One function per route: b's first request is cold too (B never ran); a at 10 min is still warm (A idled 10 min).
    const split = simulate(requests, apart, options);
    expect(split.byFunction).toEqual({
      A: { requests: 2, cold: 1, maxInstances: 1 },
      B: { requests: 2, cold: 2, maxInstances: 1 },
      G: { requests: 2, cold: 2, maxInstances: 1 },
    });
    expect(split.cold).toBe(5);
    expect(split.coldShare).toBeCloseTo(5 / 6);
  });

  it('starts a second instance for a request that arrives while the first is busy (init time counts on a cold one)', () => {
    const requests = [
      req(0, 'a', 100), // cold: busy until 600 (500 init + 100)
      req(300, 'b', 100), // F busy → second instance, cold (busy until 900)
      req(700, 'a', 100), // first instance idle since 600 → warm
      req(800, 'b', 100), // first busy until 800 → idle at 800 → warm (freeAt ≤ at)
      req(850, 'a', 100), // first busy until 900, second until 900 → cold, third instance
    ];
    const result = simulate(requests, together, options);
    expect(result.byFunction.F).toEqual({ requests: 5, cold: 3, maxInstances: 3 });
  });

  it('reuses the most recently used idle instance, so the rest of a burst’s pool idles out', () => {
    const requests = [req(0, 'a', 1000), req(10, 'a', 1000), req(5_000, 'a', 10), ...[1, 2, 3].map((i) => req(5_000 + i * 10 * MIN, 'a', 10)), req(5_000 + 35 * MIN, 'a', 1000), req(5_000 + 35 * MIN + 10, 'a', 1000)];
    // Two cold at the burst; the later singles keep one instance warm; the other is evicted after 15 min,
    // so the second burst needs one new instance.
    const result = simulate(requests, together, options);
    expect(result.cold).toBe(3);
  });

  it('refuses unsorted requests and unknown routes', () => {
    expect(() => simulate([req(5, 'a'), req(1, 'a')], together, options)).toThrow(/sorted/);
    expect(() => simulate([req(0, 'x')], together, options)).toThrow(/no function serves x/);
  });
});

describe('synthetic traffic', () => {
  it('is reproducible from its seed, sorted, within its days, and about the requested volume', () => {
    const one = syntheticTraffic(routes, 1_000, 2, 7);
    const two = syntheticTraffic(routes, 1_000, 2, 7);
    expect(one.requests).toEqual(two.requests);
    expect(syntheticTraffic(routes, 1_000, 2, 8).requests).not.toEqual(one.requests);
    expect(Math.abs(one.requests.length - 2_000)).toBeLessThan(60);
    for (let i = 1; i < one.requests.length; i++) expect(one.requests[i]!.at).toBeGreaterThanOrEqual(one.requests[i - 1]!.at);
    // Webhooks may spill a few minutes past the last day.
    expect(one.requests.every((r) => r.at >= 0 && r.at < 2 * DAY + 5 * MIN)).toBe(true);
    const keys = new Set(routes.map(routeKey));
    expect(one.requests.every((r) => keys.has(r.routeKey))).toBe(true);
    // Storefront, door and webhook on top.
    const counts = new Map<string, number>();
    for (const r of one.requests) counts.set(r.routeKey, (counts.get(r.routeKey) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k]) => k);
    expect(top).toEqual(['GET /v1/events/{id}/availability', 'POST /v1/events/{id}/check-ins', 'POST /v1/events/{id}/orders', 'POST /v1/webhooks/stripe']);
  });

  it('seededRandom is uniform enough and deterministic', () => {
    const r = seededRandom(1);
    const xs = Array.from({ length: 10_000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 1);
    expect(seededRandom(1)()).toBe(xs[0]);
  });
});
