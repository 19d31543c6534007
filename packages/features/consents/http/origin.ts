import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The caller's address and user agent as API Gateway saw them (proof of a consent given through this request). */
export const originOf = (event: APIGatewayProxyEventV2) => ({
  ip: event.requestContext?.http?.sourceIp,
  userAgent: event.headers?.['user-agent'],
});

export const wantsHtml = (event: APIGatewayProxyEventV2) => (event.headers?.accept ?? '').includes('text/html');
