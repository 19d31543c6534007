import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { DependencyFaultReason } from '#packages/core/dependencies/faults.ts';
import { dependencyTimeouts } from '#packages/core/dependencies/timeouts.ts';
import { problem } from './problem.ts';

const whatHappened: Record<DependencyFaultReason, string> = {
  timeout: 'A service this request depends on did not answer in time',
  unreachable: 'A service this request depends on could not be reached',
  throttled: 'A service this request depends on is busy',
  server_error: 'A service this request depends on failed',
};

/** The detail of the 503 a dependency fault becomes; which dependency it was stays in the logs. */
export const faultDetail = (reason: DependencyFaultReason): string =>
  `${whatHappened[reason]}. Retry in ${dependencyTimeouts.retryAfterSeconds} seconds.`;

/**
 * The 503 of docs/api-conventions.md ("Dependency faults and readiness"):
 * problem+json `dependency_unavailable` with `Retry-After` in seconds.
 */
export function dependencyUnavailable(detail: string, extra?: Record<string, unknown>): APIGatewayProxyStructuredResultV2 {
  const response = problem({ status: 503, code: 'dependency_unavailable', title: 'Service unavailable', detail, extra });
  return { ...response, headers: { ...response.headers, 'retry-after': String(dependencyTimeouts.retryAfterSeconds) } };
}
