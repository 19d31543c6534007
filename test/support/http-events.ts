import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context, EventBridgeEvent } from 'aws-lambda';
import type { RouteDefinition } from '#packages/core/route.ts';
import { lambdaContext } from '#packages/local/api-gateway-event.ts';
import { newId } from '#packages/core/ids.ts';
import { catalog, type DetailType } from '#events/catalog.ts';

/** A payload-2.0 event for an anonymous call of `route`, as API Gateway hands it to Lambda. */
export function anonymousEvent(route: RouteDefinition, requestId: string = randomUUID()): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: route.path,
    rawQueryString: '',
    headers: {},
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: route.method, path: route.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId,
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

type HttpLambda = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Calls a handler the way the local API Gateway does. */
export async function invoke(handler: HttpLambda, route: RouteDefinition, requestId?: string) {
  const event = anonymousEvent(route, requestId);
  const res = await handler(event, lambdaContext(route.operationId, event.requestContext.requestId));
  return { status: res.statusCode!, body: res.body ? (JSON.parse(res.body) as unknown) : undefined };
}

/** The bus's delivery of the catalog's example of `detailType`, with a fresh envelope. */
export function busEvent(detailType: DetailType, correlationId = `corr-${randomUUID()}`): EventBridgeEvent<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source: catalog[detailType].source,
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'eu-west-1',
    resources: [],
    detail: {
      metadata: { id: newId(), occurredAt: new Date().toISOString(), version: catalog[detailType].version, correlationId },
      data: catalog[detailType].example,
    },
  };
}
