import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { dependencyFaultOf } from '../../core/dependencies/faults.ts';
import { DomainError, type DomainErrorKind } from '../../core/errors.ts';
import { dependencyUnavailable, faultDetail } from '../dependency-unavailable.ts';
import { logger } from '../logger.ts';
import { HttpProblem, problem } from '../problem.ts';

const statusOf: Record<DomainErrorKind, number> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  unavailable: 503,
};

const titleOf: Record<DomainErrorKind, string> = {
  invalid: 'Bad request',
  not_found: 'Not found',
  conflict: 'Conflict',
  unprocessable: 'Unprocessable request',
  unavailable: 'Service unavailable',
};

export function toProblem(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof HttpProblem) return problem(error.input);
  if (error instanceof DomainError) {
    return problem({
      status: statusOf[error.kind],
      code: error.code,
      title: titleOf[error.kind],
      detail: error.message,
      extra: error.details,
    });
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
