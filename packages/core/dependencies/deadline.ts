import { AsyncLocalStorage } from 'node:async_hooks';
import { currentTimeouts } from './timeouts.ts';

/**
 * A per-request deadline for dependency calls. The SDK's timeouts bound one
 * call; a request that makes several in a row on a hung dependency (the
 * domain call, its clean-up, the idempotency record) would add them up past
 * the Lambda timeout. Inside `withDeadline`, every call through a client
 * wrapped by `boundedClient` (client-config.ts) must end by the deadline:
 * one that would start after it fails at once, one under way is given up on
 * when it passes. Outside any deadline (consumers, jobs, scripts), calls are
 * bounded by the SDK timeouts alone.
 */
const deadlines = new AsyncLocalStorage<number>();

/** Thrown instead of a dependency's answer once the request's deadline has passed. */
export class DeadlineExceeded extends Error {
  // Not one of the SDK's transient error names: its retry strategy gives up at once instead of trying again.
  override readonly name = 'DeadlineExceeded';
  constructor() {
    super('The request ran out of time waiting for a dependency');
  }
}

/** Runs `work` under a deadline (epoch ms); a nested deadline can only shorten the one around it. */
export function withDeadline<T>(deadline: number, work: () => Promise<T>): Promise<T> {
  const outer = deadlines.getStore();
  return deadlines.run(outer === undefined ? deadline : Math.min(outer, deadline), work);
}

/**
 * The deadline of an HTTP request starting now: its budget, or the Lambda's
 * remaining time less a margin for answering, whichever ends first.
 */
export function requestDeadline(remainingLambdaMs?: number, now = Date.now()): number {
  const { requestBudgetMs, lambdaMarginMs } = currentTimeouts();
  const budget = remainingLambdaMs === undefined ? requestBudgetMs : Math.min(requestBudgetMs, remainingLambdaMs - lambdaMarginMs);
  return now + Math.max(budget, 0);
}

/** Milliseconds left before the current deadline; undefined outside one. */
export function timeLeft(): number | undefined {
  const deadline = deadlines.getStore();
  return deadline === undefined ? undefined : deadline - Date.now();
}

/**
 * Races `attempt` against the current deadline. Giving up does not cancel the
 * attempt (the SDK offers no hook for that from a middleware); it still ends
 * at its own request timeout, and its answer is ignored.
 */
export async function raceDeadline<T>(attempt: () => Promise<T>): Promise<T> {
  const left = timeLeft();
  if (left === undefined) return attempt();
  if (left <= 0) throw new DeadlineExceeded();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded()), left);
  });
  try {
    return await Promise.race([attempt(), expired]);
  } finally {
    clearTimeout(timer);
  }
}
