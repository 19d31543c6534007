import { createHash } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { RouteDefinition } from '#packages/core/route.ts';
import { principalFromClaims } from '#packages/auth/principal.ts';
import type { Lock, StoredResponse } from '../idempotency-store.ts';

// Loaded on the first POST that carries a key: a GET-only function never
// evaluates the store (and the database layer behind it) at all.
const loadStore = () => import('../idempotency-store.ts');
import { logger } from '#packages/core/logger.ts';
import { HttpProblem } from '../problem.ts';

/**
 * `Idempotency-Key` on POST routes (README §2).
 *
 * Record scope = caller + route + key:
 * - caller: `user:<sub>` from the JWT claims (already verified by the
 *   authorizer) on a request that carries a token;
 * - `anonymous` when there is none (public routes: storefront orders). Like
 *   Stripe scopes keys per account, we cannot scope an anonymous buyer more
 *   narrowly without breaking retries (the source IP changes between Wi-Fi and
 *   mobile data, exactly when a client retries). Two anonymous buyers who
 *   send one key with different bodies get 422 `idempotency_key_reused`,
 *   never each other's response; the same key AND the same body is by
 *   definition the same request and is replayed. So for public routes the key
 *   is the secret: clients must use a random one (a UUID v4), as the docs say.
 *
 * Fingerprint = SHA-256 of the method, the route, its path and query
 * parameters (so `POST /v1/events/A/publish` and `…/B/publish` differ) and the
 * body. A JSON body is canonicalized (keys sorted, whitespace dropped) so a
 * client that re-serializes the same object is not told it reused its key;
 * anything else is taken byte for byte.
 *
 * Flow: the handler stack authorizes the caller and validates the request
 * first, exactly as for a new request, and only then calls `begin` (see
 * http-handler.ts). So a replay is never handed to a caller who may not make
 * the request now (a disabled user, a token whose role lost the permission),
 * and a request refused before the domain handler (401/403, invalid JSON,
 * schema validation, 413, a bad key) neither claims nor answers from the key:
 * nothing was executed, so fixing the request and retrying with the same key
 * must work (Stripe's rule too), and a refused caller learns nothing about
 * what the key holds.
 *
 * `begin` claims the key `in_progress` with a conditional put whose lock ends
 * when this invocation can no longer be running: the Lambda's remaining time
 * + 5 s (≈ 15 s for the 10 s HTTP functions; 35 s with no Lambda context), so
 * a crashed attempt does not hold the key for 48 h. If the put fails: other
 * fingerprint → 422; in progress → 409 `idempotency_in_progress`; completed →
 * the stored response again, with `Idempotent-Replayed: true`, which the
 * handler returns instead of running the domain call. After: a response < 500
 * is stored (4xx domain refusals included, as Stripe does) with the record's
 * TTL pushed to 48 h; a 5xx deletes the record so the client can retry.
 *
 * Wiring (see http-handler.ts): this middleware sits inside CORS and outside
 * the error mapper, so in middy's reversed after/onError chains it sees the
 * final, mapped problem response and stores it without CORS headers. A replay
 * is the handler's own return value (not an early return from `before`, which
 * would make middy skip every `after`), so CORS is computed for the replaying
 * request's own origin.
 */

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
export const MAX_KEY_LENGTH = 255;
const DEFAULT_LOCK_MS = 30_000;
const LOCK_MARGIN_MS = 5_000;
/** Attempts at claiming the key when the record vanished or expired between our put and our read. */
const ACQUIRE_ATTEMPTS = 3;

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

/** A claimed key: the domain call runs under this lock, its outcome is stored or released. */
interface RequestState {
  lock?: Lock;
}

const states = new WeakMap<object, RequestState>();

export interface Idempotency extends MiddlewareObj<Event, Result> {
  /**
   * Called by the handler once the request is authorized and valid, right
   * before the domain call: claims the key (its outcome is stored from now
   * on) or returns the stored response to replay instead of running it.
   */
  begin(event: Event, context: Context): Promise<Result | undefined>;
}

export function headerValue(event: Pick<Event, 'headers'>, name: string): string | undefined {
  const headers = event.headers ?? {};
  if (headers[name] !== undefined) return headers[name];
  const found = Object.keys(headers).find((h) => h.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

function canonicalBody(event: Event): string {
  if (event.body === undefined || event.body === null || event.body === '') return '';
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return `json:${canonicalJson(JSON.parse(text))}`;
  } catch {
    return `raw:${event.isBase64Encoded ? event.body : text}`;
  }
}

const sortedEntries = (record: Record<string, string | undefined> | undefined) =>
  Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export function fingerprintOf(route: Pick<RouteDefinition, 'method' | 'path'>, event: Event): string {
  return sha256(
    JSON.stringify([
      route.method,
      route.path,
      sortedEntries(event.pathParameters),
      sortedEntries(event.queryStringParameters),
      canonicalBody(event),
    ]),
  );
}

export function callerScope(event: Event): string {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer?.jwt?.claims;
  const principal = claims ? principalFromClaims(claims) : null;
  return principal ? `user:${principal.userId}` : 'anonymous';
}

const problem = (status: number, code: string, title: string, detail: string) => new HttpProblem({ status, code, title, detail });

function toStored(response: Result): StoredResponse {
  const { statusCode, headers, body, isBase64Encoded, cookies } = response;
  return { statusCode, headers, body, isBase64Encoded, cookies };
}

function replayOf(stored: StoredResponse): Result {
  return { ...stored, headers: { ...stored.headers, [REPLAYED_HEADER]: 'true' } };
}

export function idempotency(route: Pick<RouteDefinition, 'method' | 'path' | 'operationId'>): Idempotency {
  const routeKey = `${route.method} ${route.path}`;
  const applies = route.method === 'POST';

  async function claim(event: Event, context: Context, key: string): Promise<{ lock: Lock } | { replay: Result }> {
    const scope = callerScope(event);
    const recordId = sha256(JSON.stringify([scope, routeKey, key]));
    const fingerprint = fingerprintOf(route, event);
    const remaining = typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : DEFAULT_LOCK_MS;
    const lockMs = Math.max(remaining, 1_000) + LOCK_MARGIN_MS;

    const { acquire, isExpired, parseStoredResponse } = await loadStore();
    for (let attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
      const now = Date.now();
      const result = await acquire({ recordId, scope, route: routeKey, fingerprint, lockMs, now });
      if (result.acquired) return { lock: result.lock };
      const existing = result.existing;
      // Gone (a 5xx released it) or past its TTL between our put and our read: claim again.
      if (!existing || isExpired(existing, Date.now())) continue;
      if (existing.fingerprint !== fingerprint) {
        throw problem(
          422,
          'idempotency_key_reused',
          'Idempotency key reused',
          'This Idempotency-Key was used with a different request; use a new key for a new request',
        );
      }
      if (existing.status === 'completed') {
        const stored = parseStoredResponse(existing);
        if (stored) return { replay: replayOf(stored) };
        continue;
      }
      if (existing.lockExpiresAt >= Date.now()) {
        throw problem(
          409,
          'idempotency_in_progress',
          'Request in progress',
          'A request with this Idempotency-Key is still being processed; retry shortly',
        );
      }
      // In progress with an expired lock and our fingerprint: another retry took it over first, or will; try again.
    }
    throw problem(409, 'idempotency_in_progress', 'Request in progress', 'A request with this Idempotency-Key is being processed; retry shortly');
  }

  /** Stores or releases after the response is final. Never throws: the response stands either way. */
  async function settle(event: Event, response: Result | null | undefined): Promise<void> {
    const state = states.get(event);
    if (!state?.lock) return;
    const lock = state.lock;
    state.lock = undefined;
    try {
      const { complete, MAX_STORED_RESPONSE_BYTES, release, storedSize } = await loadStore();
      const status = response?.statusCode ?? 500;
      if (!response || status >= 500) {
        await release(lock);
        return;
      }
      const stored = toStored(response);
      const size = storedSize(stored);
      if (size > MAX_STORED_RESPONSE_BYTES) {
        logger.warn('idempotency: response too large to store; key released', { route: routeKey, bytes: size });
        await release(lock);
        return;
      }
      if (!(await complete(lock, stored))) {
        logger.warn('idempotency: lock lost before the response was stored', { route: routeKey });
      }
    } catch (error) {
      // The lock stays until it expires; a retry meanwhile gets 409.
      logger.error('idempotency: could not store the outcome', error as Error);
    }
  }

  return {
    before: (request) => {
      // A fresh event object per invocation keys this request's state, even
      // when a caller hands the same event object to two invocations.
      if (applies && headerValue(request.event, IDEMPOTENCY_HEADER) !== undefined) request.event = { ...request.event };
    },
    after: async (request) => {
      await settle(request.event, request.response);
    },
    onError: async (request) => {
      // Runs after the error mapper's onError: request.response is the final problem response.
      await settle(request.event, request.response);
    },
    begin: async (event, context) => {
      if (!applies) return undefined;
      const key = headerValue(event, IDEMPOTENCY_HEADER);
      if (key === undefined) return undefined;
      if (key.length < 1 || key.length > MAX_KEY_LENGTH) {
        throw new HttpProblem({
          status: 400,
          code: 'invalid_idempotency_key',
          title: 'Invalid Idempotency-Key',
          detail: `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters; it has ${key.length}`,
        });
      }
      const claimed = await claim(event, context, key);
      if ('replay' in claimed) {
        logger.info('idempotent replay', { route: route.operationId, status: claimed.replay.statusCode });
        return claimed.replay;
      }
      states.set(event, { lock: claimed.lock });
      return undefined;
    },
  };
}
