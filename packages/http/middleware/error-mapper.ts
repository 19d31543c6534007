import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { dependencyFaultOf } from '#packages/core/dependencies/faults.ts';
import { dependencyTimeouts } from '#packages/core/dependencies/timeouts.ts';
import { DomainError, type DomainErrorKind } from '#packages/core/errors.ts';
import { dependencyUnavailable, faultDetail } from '../dependency-unavailable.ts';
import { logger } from '#packages/core/logger.ts';
import { HttpProblem, problem } from '../problem.ts';

/** The one table from a domain error's kind to its HTTP status. */
export const statusOf: Readonly<Record<DomainErrorKind, number>> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  precondition: 412,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

const titleOf: Record<DomainErrorKind, string> = {
  invalid: 'Bad request',
  not_found: 'Not found',
  conflict: 'Conflict',
  precondition: 'Precondition failed',
  unprocessable: 'Unprocessable request',
  rate_limited: 'Too many requests',
  unavailable: 'Service unavailable',
};

/** ElectroDB wraps whatever its client throws, a domain error too (core/db/start-key-guard.ts): find it under the wrapper. */
function domainErrorIn(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof DomainError ? cause : undefined;
}

function retryAfterOf(error: DomainError): number {
  const seconds = error.details.retryAfter;
  return typeof seconds === 'number' && Number.isInteger(seconds) && seconds > 0 ? seconds : dependencyTimeouts.retryAfterSeconds;
}

export function toProblem(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof HttpProblem) return problem(error.input);
  const domain = domainErrorIn(error);
  if (domain) {
    const { errors, ...extra } = domain.details;
    const response = problem({
      status: statusOf[domain.kind],
      code: domain.code,
      title: titleOf[domain.kind],
      detail: domain.message,
      errors,
      extra,
    });
    // A dependency's fault or a rate limit: tell the client when retrying makes sense (the domain may say, else the one default).
    if (domain.kind === 'unavailable' || domain.kind === 'rate_limited') response.headers = { ...response.headers, 'retry-after': String(retryAfterOf(domain)) };
    return response;
  }
  // A dependency down, slow or throttling: not our bug, not the client's; it may retry.
  const fault = dependencyFaultOf(error);
  if (fault) {
    logger.warn('dependency unavailable', { reason: fault, error: (error as Error)?.message });
    return dependencyUnavailable(faultDetail(fault));
  }
  // Anything else is our fault: log it, answer without internals.
  logger.error('unhandled error', error as Error);
  return problem({ status: 500, code: 'internal_error', title: 'Internal server error' });
}

export const errorMapper = (): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  onError: (request) => {
    request.response = toProblem(request.error);
  },
});
