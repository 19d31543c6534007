import { describe, expect, it } from 'vitest';
import { routeKey } from '#packages/core/route.ts';
import { routes } from '#packages/api/routes/index.ts';
import { routeThrottles, stageRouteSettings } from '../../infra/route-throttles.ts';

describe('per-route throttles (infra/route-throttles.ts)', () => {
  it('names only routes of the route table, and the door and the Stripe webhook among them', () => {
    const keys = new Set(routes.map(routeKey));
    for (const key of Object.keys(routeThrottles)) expect(keys.has(key), key).toBe(true);
    const handlers = routes.filter((route) => routeKey(route) in routeThrottles).map((route) => route.handler).sort();
    expect(handlers).toEqual(['check-ins/batch', 'check-ins/scan', 'orders/stripe-webhook']);
  });

  it('gives each a bucket at least as large as its steady rate, and a reason', () => {
    for (const [key, throttle] of Object.entries(routeThrottles)) {
      expect(throttle.burstLimit, key).toBeGreaterThanOrEqual(throttle.rateLimit);
      expect(throttle.why.length, key).toBeGreaterThan(20);
    }
  });

  it('raises the listed routes above a low tenant default, and never below a high one', () => {
    const low = stageRouteSettings(routes, { rateLimit: 50, burstLimit: 80 });
    expect(low['POST /v1/events/{id}/check-ins']).toEqual({ ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 });
    expect(low['POST /v1/webhooks/stripe']).toEqual({ ThrottlingRateLimit: 300, ThrottlingBurstLimit: 600 });
    const high = stageRouteSettings(routes, { rateLimit: 2000, burstLimit: 2500 });
    for (const setting of Object.values(high)) expect(setting).toEqual({ ThrottlingRateLimit: 2000, ThrottlingBurstLimit: 2500 });
    // A burst below the raised rate is lifted to it: API Gateway would refuse burst < rate.
    const mixed = stageRouteSettings(routes, { rateLimit: 1500, burstLimit: 1500 });
    expect(mixed['POST /v1/events/{id}/check-ins/batch']).toEqual({ ThrottlingRateLimit: 1500, ThrottlingBurstLimit: 1500 });
  });

  it('leaves out routes a table does not have: a setting for a missing route key fails the deploy', () => {
    const settings = stageRouteSettings([{ method: 'POST', path: '/v1/webhooks/stripe' }], { rateLimit: 10, burstLimit: 20 });
    expect(Object.keys(settings)).toEqual(['POST /v1/webhooks/stripe']);
    expect(stageRouteSettings([], { rateLimit: 10, burstLimit: 20 })).toEqual({});
  });
});
