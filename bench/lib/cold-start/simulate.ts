/**
 * Cold-start simulator: replays requests (time, route key) against a layout
 * (route key → function) and counts the requests that land on a cold
 * instance. Pure and deterministic; the traffic comes from traffic.ts.
 *
 * Model of a function's instances:
 * - an instance serves one request at a time (Lambda's concurrency model);
 *   it is busy from arrival to arrival + duration (+ init when cold);
 * - a request takes the warm idle instance used last (most recently used
 *   first: the rest of the pool idles out, as Lambda shrinks a pool after a
 *   burst); if none is idle, a new instance starts: a cold start;
 * - an instance idle longer than the eviction time is gone.
 */

export interface SimRequest {
  /** Arrival, ms since the start of the replay. */
  at: number;
  routeKey: string;
  /** Warm service time in ms. */
  durationMs: number;
}

export interface SimOptions {
  /** An instance idle for longer than this is evicted. */
  evictionMs: number;
  /** Added to a cold request's busy time (runtime start + module import). */
  initMs: number;
}

export interface SimResult {
  requests: number;
  cold: number;
  /** cold ÷ requests */
  coldShare: number;
  /** Functions that served at least one request. */
  functionsUsed: number;
  /** Largest number of instances a function had at once. */
  maxInstances: number;
  byFunction: Record<string, { requests: number; cold: number; maxInstances: number }>;
}

interface Instance {
  /** Busy until this time. */
  freeAt: number;
}

/** `requests` must be sorted by `at`. */
export function simulate(requests: readonly SimRequest[], functionOf: ReadonlyMap<string, string>, options: SimOptions): SimResult {
  // Per function: its live instances, most recently freed last.
  const pools = new Map<string, Instance[]>();
  const byFunction: SimResult['byFunction'] = {};
  let cold = 0;
  let previous = -Infinity;
  for (const request of requests) {
    if (request.at < previous) throw new Error('simulate: requests must be sorted by arrival');
    previous = request.at;
    const fn = functionOf.get(request.routeKey);
    if (fn === undefined) throw new Error(`simulate: no function serves ${request.routeKey}`);
    let pool = pools.get(fn);
    if (!pool) pools.set(fn, (pool = []));
    const stats = (byFunction[fn] ??= { requests: 0, cold: 0, maxInstances: 0 });
    stats.requests++;

    // Evict instances idle for longer than the eviction time.
    for (let i = pool.length - 1; i >= 0; i--) {
      const instance = pool[i]!;
      if (instance.freeAt <= request.at && request.at - instance.freeAt > options.evictionMs) pool.splice(i, 1);
    }
    // The idle instance freed last (most recently used).
    let chosen: Instance | undefined;
    for (const instance of pool) {
      if (instance.freeAt <= request.at && (!chosen || instance.freeAt > chosen.freeAt)) chosen = instance;
    }
    if (chosen) {
      chosen.freeAt = request.at + request.durationMs;
    } else {
      cold++;
      stats.cold++;
      pool.push({ freeAt: request.at + options.initMs + request.durationMs });
      stats.maxInstances = Math.max(stats.maxInstances, pool.length);
    }
  }
  const functions = Object.values(byFunction);
  return {
    requests: requests.length,
    cold,
    coldShare: requests.length ? cold / requests.length : 0,
    functionsUsed: functions.length,
    maxInstances: Math.max(0, ...functions.map((f) => f.maxInstances)),
    byFunction,
  };
}
