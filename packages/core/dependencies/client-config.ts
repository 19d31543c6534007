import { manySockets } from '../sdk-sockets.ts';
import { raceDeadline } from './deadline.ts';
import { currentTimeouts } from './timeouts.ts';
import { unrepeatable } from './write-timeouts.ts';

export interface DependencyClientOptions {
  /** Fewer attempts than the default, for calls that must never be repeated (a campaign's SendEmail). */
  maxAttempts?: number;
  /** Agent options on top of the shared socket pool (e.g. keepAlive off against a local emulator). */
  agent?: { keepAlive?: boolean };
}

/**
 * The constructor options of every SDK client EventOS sends requests with:
 * the timeouts and attempts of timeouts.ts and the shared socket pool.
 * `throwOnRequestTimeout` makes the request timeout an error (by default the
 * SDK only logs a warning); `socketTimeout` bounds a response body that stops
 * arriving after its headers.
 */
export function dependencyClientConfig(options: DependencyClientOptions = {}) {
  const { connectionTimeoutMs, requestTimeoutMs, maxAttempts } = currentTimeouts();
  return {
    maxAttempts: Math.min(options.maxAttempts ?? maxAttempts, maxAttempts),
    requestHandler: {
      connectionTimeout: connectionTimeoutMs,
      requestTimeout: requestTimeoutMs,
      throwOnRequestTimeout: true,
      socketTimeout: requestTimeoutMs,
      httpAgent: { ...manySockets.httpAgent, ...options.agent },
      httpsAgent: { ...manySockets.httpsAgent, ...options.agent },
    },
  };
}

// `any`: each client types its handler arguments by its own commands; this middleware passes them through untouched.
type Next = (args: any) => Promise<any>;

/** The part of an SDK client's middleware stack this needs; every v3 client has it. */
interface MiddlewareStackLike {
  add(middleware: (next: Next, context: { commandName?: string }) => Next, options: { step: 'deserialize'; name: string; priority: 'high' }): void;
}

export const CALL_BOUNDS_MIDDLEWARE = 'eventosCallBounds';

/**
 * Bounds every attempt of the client's calls: it must end by the request
 * deadline (deadline.ts), and a write that timed out is not sent again
 * (write-timeouts.ts). It sits in the deserialize step, inside the SDK's
 * retry loop; both errors it throws are ones the retry strategy does not
 * retry. Returns the client.
 */
export function boundedClient<C extends { middlewareStack: MiddlewareStackLike }>(client: C): C {
  client.middlewareStack.add((next, context) => async (args) => {
    try {
      return await raceDeadline(() => next(args));
    } catch (error) {
      throw unrepeatable(context.commandName, error);
    }
  }, {
    step: 'deserialize',
    name: CALL_BOUNDS_MIDDLEWARE,
    priority: 'high',
  });
  return client;
}
