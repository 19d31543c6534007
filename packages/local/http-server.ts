import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { handlerEntryPath, type RouteDefinition } from '#packages/core/route.ts';
import { toApiGatewayEvent, lambdaContext } from './api-gateway-event.ts';
import { verifyDevToken } from './dev-token.ts';
import { createRouteMatcher } from './route-matcher.ts';

type LambdaHandler = (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** A route the local runner serves itself and that never deploys (/dev/*, /docs). */
export interface LocalRoute {
  method: string;
  /** Exact path, or a prefix when it ends with `*`. */
  path: string;
  handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> | void;
}

export interface LocalHttpServerOptions {
  port: number;
  routes: readonly RouteDefinition[];
  tokenSecret: string;
  localRoutes?: LocalRoute[];
  /** API Gateway's own hard limit; the handlers enforce the product's smaller one. */
  maxBodyBytes?: number;
}

const handlerCache = new Map<string, Promise<LambdaHandler>>();

export function loadHttpHandler(handlerPath: string): Promise<LambdaHandler> {
  let loading = handlerCache.get(handlerPath);
  if (!loading) {
    const file = new URL(`../../${handlerEntryPath(handlerPath)}`, import.meta.url).href;
    loading = import(file).then((m: { handler: LambdaHandler }) => m.handler);
    handlerCache.set(handlerPath, loading);
  }
  return loading;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(JSON.stringify(body));
}

function sendProblem(res: ServerResponse, status: number, code: string, title: string, detail: string): void {
  sendJson(res, status, { type: `https://eventos.dev/problems/${code}`, title, status, detail, code }, 'application/problem+json');
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function writeLambdaResult(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode ?? 200, headers);
  const body = result.body ?? '';
  res.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

function matchesLocal(route: LocalRoute, method: string, path: string): boolean {
  if (route.method !== method) return false;
  return route.path.endsWith('*') ? path.startsWith(route.path.slice(0, -1)) : route.path === path;
}

/**
 * The local API Gateway: dispatches by the route table to the very handler
 * exports Lambda runs, verifying the bearer token like the JWT authorizer.
 */
export async function startLocalHttpServer(options: LocalHttpServerOptions): Promise<{ server: Server; url: string }> {
  const matcher = createRouteMatcher(options.routes);
  const maxBody = options.maxBodyBytes ?? 10 * 1024 * 1024;

  const server = createServer(async (req, res) => {
    try {
      const url = URL.parse(req.url ?? '/', 'http://localhost');
      // A request target no URL parser accepts is the client's mistake, as API Gateway answers it.
      if (!url) return sendProblem(res, 400, 'invalid_path', 'Invalid path', 'The request target is not a valid URL path');
      const method = (req.method ?? 'GET').toUpperCase();
      const body = await readBody(req, maxBody);
      if (body === null) return sendProblem(res, 413, 'payload_too_large', 'Payload too large', 'The body is too large');

      const local = options.localRoutes?.find((r) => matchesLocal(r, method, url.pathname));
      if (local) return await local.handle(req, res, url, body);

      if (method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': 'GET,POST,PATCH,PUT,DELETE,OPTIONS',
          'access-control-allow-headers': 'authorization,content-type,idempotency-key,if-match',
        });
        return res.end();
      }

      const match = matcher.match(method, url.pathname);
      if (match === null) return sendProblem(res, 404, 'not_found', 'Not found', `No route for ${url.pathname}`);
      if (match === 'method_not_allowed') {
        if (matcher.unlistedMethodNeedsToken(url.pathname) && !(await verifyDevToken(options.tokenSecret, req.headers.authorization))) {
          return sendProblem(res, 401, 'unauthorized', 'Unauthorized', 'A valid bearer token is required');
        }
        const allow = matcher.allowed(url.pathname).join(', ');
        res.setHeader('allow', allow);
        return sendProblem(res, 405, 'method_not_allowed', 'Method not allowed', `${method} is not allowed on ${url.pathname}; allowed: ${allow}`);
      }

      const claims = await verifyDevToken(options.tokenSecret, req.headers.authorization);
      if (match.route.permission !== null && !claims) {
        return sendProblem(res, 401, 'unauthorized', 'Unauthorized', 'A valid bearer token is required');
      }
      const event = toApiGatewayEvent(req, url, match.route, match.pathParameters, body, claims);
      const handler = await loadHttpHandler(match.route.handler);
      const result = await handler(event, lambdaContext(match.route.operationId, event.requestContext.requestId));
      writeLambdaResult(res, result);
    } catch (error) {
      process.stderr.write(`local http server: ${(error as Error).stack ?? String(error)}\n`);
      if (!res.headersSent) sendProblem(res, 500, 'internal_error', 'Internal server error', 'The local server failed');
      else res.end();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}
