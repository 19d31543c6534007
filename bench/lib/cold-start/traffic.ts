import { routeKey, type RouteDefinition } from '#packages/core/route.ts';
import type { SimRequest } from './simulate.ts';

/** mulberry32: a small seeded PRNG, uniform in [0, 1). Same seed, same day of traffic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * Share of a class's daily requests per hour of the tenant's day (0–23), before
 * normalizing. Storefront: daytime with an evening peak; door: doors open in the
 * evening and late night; staff: office hours.
 */
export const diurnal = {
  storefront: [1, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.5, 3.5, 4.5, 5, 5.5, 5.5, 5, 5, 5.5, 6.5, 7.5, 8, 8, 7, 5, 2.5],
  door: [3, 1.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.2, 0.3, 0.5, 1, 2, 4, 8, 14, 16, 14, 10, 6],
  staff: [0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 2, 6, 9, 10, 10, 8, 8, 10, 10, 9, 7, 3, 1.5, 1, 0.5, 0.3, 0.2],
} as const;
export type TrafficClass = keyof typeof diurnal;

/**
 * Route popularity. Named routes take fixed shares of a day's requests; the
 * rest of the route table ("staff": CRM, catalog, campaigns, admin) shares
 * `staffShare` with a Zipf(1) skew over a seeded shuffle of those routes. Each
 * storefront order brings one Stripe webhook 15 s–3 min later (the buyer pays),
 * so the webhook's share follows the orders'.
 */
export const popularity = {
  named: {
    'GET /v1/events/{id}/availability': { share: 0.36, class: 'storefront', durationMs: 40 },
    'POST /v1/events/{id}/orders': { share: 0.085, class: 'storefront', durationMs: 400 },
    'POST /v1/events/{id}/check-ins': { share: 0.26, class: 'door', durationMs: 50 },
    'GET /v1/events/{id}/stats': { share: 0.02, class: 'door', durationMs: 60 },
    'GET /v1/events/{id}/scanner-bundle': { share: 0.005, class: 'door', durationMs: 300 },
    'POST /v1/events/{id}/check-ins/batch': { share: 0.005, class: 'door', durationMs: 800 },
  } as Record<string, { share: number; class: TrafficClass; durationMs: number }>,
  webhook: { routeKey: 'POST /v1/webhooks/stripe', perOrder: 1, delayMs: [15_000, 180_000] as const, durationMs: 300 },
  staffShare: 0.19,
  staffDurationMs: 80,
  zipfExponent: 1,
};

function hourSampler(weights: readonly number[], random: () => number): () => number {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  const cumulative = weights.map((w) => (sum += w / total));
  return () => {
    const u = random();
    const hour = cumulative.findIndex((c) => u < c);
    return ((hour < 0 ? 23 : hour) + random()) * HOUR;
  };
}

export interface TrafficDay {
  requests: SimRequest[];
  byClass: Record<TrafficClass | 'webhook', number>;
}

/**
 * `perDay` requests (webhooks included) over `days` consecutive days, sorted
 * by arrival: within a class, arrivals are independent draws from its diurnal
 * curve (a non-homogeneous Poisson process given the day's count).
 */
export function syntheticTraffic(routes: readonly RouteDefinition[], perDay: number, days: number, seed: number): TrafficDay {
  const random = seededRandom(seed);
  const keys = new Set(routes.map(routeKey));
  for (const key of [...Object.keys(popularity.named), popularity.webhook.routeKey]) {
    if (!keys.has(key)) throw new Error(`cold-start traffic model: ${key} is not in the route table`);
  }
  // Staff routes: a seeded shuffle, then Zipf weights 1/rank^s.
  const staff = routes.map(routeKey).filter((key) => !(key in popularity.named) && key !== popularity.webhook.routeKey);
  for (let i = staff.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [staff[i], staff[j]] = [staff[j]!, staff[i]!];
  }
  const zipf = staff.map((_, rank) => 1 / (rank + 1) ** popularity.zipfExponent);
  const zipfTotal = zipf.reduce((a, b) => a + b, 0);
  const pickStaff = () => {
    let u = random() * zipfTotal;
    for (let i = 0; i < zipf.length; i++) if ((u -= zipf[i]!) < 0) return staff[i]!;
    return staff[staff.length - 1]!;
  };

  const orderKey = 'POST /v1/events/{id}/orders';
  const namedShare = Object.values(popularity.named).reduce((a, r) => a + r.share, 0);
  // Webhooks are part of the day's total: scale the rest so all of it adds up to perDay.
  const scale = 1 / (namedShare + popularity.staffShare + popularity.named[orderKey]!.share * popularity.webhook.perOrder);
  const samplers = Object.fromEntries(Object.entries(diurnal).map(([c, w]) => [c, hourSampler(w, random)])) as Record<TrafficClass, () => number>;
  const requests: SimRequest[] = [];
  const byClass = { storefront: 0, door: 0, staff: 0, webhook: 0 };
  const draw = (share: number) => {
    const expected = perDay * share * scale;
    return Math.floor(expected) + (random() < expected % 1 ? 1 : 0);
  };
  for (let day = 0; day < days; day++) {
    const base = day * DAY;
    for (const [key, spec] of Object.entries(popularity.named)) {
      for (let n = draw(spec.share); n > 0; n--) {
        const at = base + samplers[spec.class]();
        requests.push({ at, routeKey: key, durationMs: spec.durationMs });
        byClass[spec.class]++;
        if (key !== orderKey) continue;
        for (let w = 0; w < popularity.webhook.perOrder; w++) {
          const [min, max] = popularity.webhook.delayMs;
          requests.push({ at: at + min + random() * (max - min), routeKey: popularity.webhook.routeKey, durationMs: popularity.webhook.durationMs });
          byClass.webhook++;
        }
      }
    }
    for (let n = draw(popularity.staffShare); n > 0; n--) {
      requests.push({ at: base + samplers.staff(), routeKey: pickStaff(), durationMs: popularity.staffDurationMs });
      byClass.staff++;
    }
  }
  requests.sort((a, b) => a.at - b.at);
  return { requests, byClass };
}
