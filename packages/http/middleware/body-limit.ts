import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpProblem } from '../problem.ts';

export const MAX_BODY_BYTES = 256 * 1024;

export function bodyBytes(event: APIGatewayProxyEventV2): number {
  if (!event.body) return 0;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').length : Buffer.byteLength(event.body);
}

export const bodyLimit = (max = MAX_BODY_BYTES): MiddlewareObj<APIGatewayProxyEventV2> => ({
  before: (request) => {
    const size = bodyBytes(request.event);
    if (size > max) {
      throw new HttpProblem({
        status: 413,
        code: 'payload_too_large',
        title: 'Payload too large',
        detail: `The body is ${size} bytes; the limit is ${max}`,
      });
    }
  },
});
