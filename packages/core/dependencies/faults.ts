/**
 * The one place that decides whether an error means "a dependency is down,
 * slow or refusing load" — not our bug and not the client's mistake, so the
 * client should come back later (HTTP: 503 `dependency_unavailable` with
 * Retry-After; a consumer: throw, so EventBridge retries). Works on what the
 * AWS SDK v3 throws, also when ElectroDB wraps it (the SDK error is the
 * `cause`).
 */
export type DependencyFaultReason = 'timeout' | 'unreachable' | 'throttled' | 'server_error';

/** The SDK's names for a call that ran out of time (ours included: deadline.ts, write-timeouts.ts). */
const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'DeadlineExceeded', 'WriteTimeout']);

/** Node's socket error codes: no connection, or one that broke mid-request. */
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_HTTP2_STREAM_ERROR',
]);

/**
 * Throttling, as the services name it (DynamoDB, EventBridge, SES, Secrets
 * Manager), and DynamoDB's refusal to touch an item a transaction holds:
 * nothing was done, and the same request later will do.
 */
const THROTTLING_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'LimitExceededException',
  'TransactionInProgressException',
  'TransactionConflictException',
]);

/** Server-side faults that arrive with a name the SDK's service model gives them. */
const SERVER_NAMES = new Set(['InternalServerError', 'InternalServerErrorException', 'InternalFailure', 'ServiceUnavailable', 'ServiceUnavailableException']);

interface SdkErrorLike {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function reasonOf(error: SdkErrorLike): DependencyFaultReason | null {
  const name = typeof error.name === 'string' ? error.name : '';
  const code = typeof error.code === 'string' ? error.code : '';
  const status = typeof error.$metadata?.httpStatusCode === 'number' ? error.$metadata.httpStatusCode : undefined;
  if (TIMEOUT_NAMES.has(name) || TIMEOUT_CODES.has(code)) return 'timeout';
  if (NETWORK_CODES.has(code)) return 'unreachable';
  if (THROTTLING_NAMES.has(name) || status === 429) return 'throttled';
  if (SERVER_NAMES.has(name) || (status !== undefined && status >= 500) || (status === undefined && error.$fault === 'server')) return 'server_error';
  return null;
}

/**
 * Why `error` is a dependency fault, or null when it is not one (a refusal
 * the caller should see: a failed condition, a validation error, our bug).
 * Follows `cause` a few levels: ElectroDB puts the SDK error there.
 */
export function dependencyFaultOf(error: unknown): DependencyFaultReason | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const reason = reasonOf(current as SdkErrorLike);
    if (reason) return reason;
    current = (current as SdkErrorLike).cause;
  }
  return null;
}

export const isDependencyFault = (error: unknown): boolean => dependencyFaultOf(error) !== null;
