/**
 * How long EventOS waits for a dependency (DynamoDB, EventBridge, SES,
 * Secrets Manager) before it gives up and answers 503 `dependency_unavailable`.
 * One set of values for every SDK client, so the bound a client can be told
 * ("an answer within N seconds") is written down once; docs/api-conventions.md
 * ("Dependency faults and readiness") quotes them.
 *
 * The HTTP Lambdas time out after 10 s (infra/constructs/eventos-function.ts,
 * `functionKinds.http`); everything here stays well under that, so a hung
 * dependency yields our 503 and never API Gateway's bare timeout answer.
 */
export const dependencyTimeouts = {
  /**
   * TCP connect, DNS lookup included. In-region AWS endpoints connect in
   * milliseconds; a second means the network or the endpoint is gone.
   */
  connectionTimeoutMs: 1_000,
  /**
   * One attempt, from asking for a socket to the response headers (the
   * connection timeout runs inside it). DynamoDB answers in single-digit ms, a
   * transaction in tens; 2.5 s is two orders of magnitude of slack and leaves
   * room in the request budget for the retry.
   */
  requestTimeoutMs: 2_500,
  /**
   * Attempts per call, the first included: one retry, for a throttled or
   * dropped request. More would only spend the budget on a dependency that
   * is down; the client retries after `Retry-After` instead.
   */
  maxAttempts: 2,
  /**
   * Every dependency call made for one HTTP request must finish within this
   * many ms of the request's start (or `lambdaMarginMs` before the Lambda's own
   * end, if sooner): a request whose calls each time out one after another (the
   * domain call, then its clean-up, then the idempotency record) still answers
   * 503 in time. See deadline.ts.
   */
  requestBudgetMs: 7_000,
  /** Kept free before the Lambda's own timeout: mapping the error and writing the answer. */
  lambdaMarginMs: 1_000,
  /**
   * The `Retry-After` of a 503 `dependency_unavailable`, in seconds: long
   * enough for throttling to pass and a restarted dependency to come back, short
   * enough that a buyer at the checkout is not sent away.
   */
  retryAfterSeconds: 5,
} as const;

export type DependencyTimeouts = { -readonly [K in keyof typeof dependencyTimeouts]: number };

/**
 * `DEPENDENCY_TIMEOUT_SCALE` (default 1; never set when deployed) stretches
 * the connection and request timeouts and the request budget. For the test
 * suite only: there DynamoDB Local is a JVM sharing two cores with the tests,
 * and one process serves a rush of hundreds of requests that Lambda would
 * spread over as many sandboxes, so a call can wait seconds where DynamoDB
 * answers in milliseconds. Read when a client is built and when a request
 * starts, so a test file can set it before its imports.
 */
export function timeoutScale(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DEPENDENCY_TIMEOUT_SCALE;
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale < 1) throw new Error(`DEPENDENCY_TIMEOUT_SCALE=${raw} must be a number ≥ 1`);
  return scale;
}

/** The values in force: `dependencyTimeouts`, stretched by `timeoutScale()`. */
export function currentTimeouts(env: NodeJS.ProcessEnv = process.env): DependencyTimeouts {
  const scale = timeoutScale(env);
  return {
    ...dependencyTimeouts,
    connectionTimeoutMs: dependencyTimeouts.connectionTimeoutMs * scale,
    requestTimeoutMs: dependencyTimeouts.requestTimeoutMs * scale,
    requestBudgetMs: dependencyTimeouts.requestBudgetMs * scale,
  };
}

/**
 * The longest one call can take when its dependency hangs: every attempt runs
 * into the request timeout, plus the SDK's jittered backoff between attempts
 * (under 100 ms for these errors).
 */
export const perCallBoundMs = (t: DependencyTimeouts = currentTimeouts()): number => t.maxAttempts * t.requestTimeoutMs + 100;

/**
 * The longest an HTTP request waits on dependencies before it answers 503:
 * its budget. The bound a client (and a test) can count on, plus our own work.
 */
export const answerBoundMs = (t: DependencyTimeouts = currentTimeouts()): number => t.requestBudgetMs;
