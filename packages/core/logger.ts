import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types';
import type { Context } from 'aws-lambda';

/**
 * The one structured logger. Request and response bodies, headers and tokens
 * are never logged: they carry personal data and credentials.
 *
 * Each invocation (a route, a consumer, a job) logs through its own child of
 * the root logger, kept in AsyncLocalStorage, so the keys it appends are its
 * own. The local runner serves every route and consumer in one process and
 * interleaves their awaits; one shared, mutable logger there (appendKeys,
 * injectLambdaContext) made a refund's error carry the webhook's name.
 * `logger` below delegates to the current invocation's child, so the modules
 * that import it need no change; outside any invocation it is the root.
 */
let coldStart = true;

/** A Logger whose children share one cold-start flag: each instance would otherwise call its first invocation cold. */
class InvocationLogger extends Logger {
  protected override createLogger(options?: ConstructorOptions): Logger {
    return new InvocationLogger(options);
  }

  protected override getColdStart(): boolean {
    if (this.getInitializationType() !== 'on-demand') return false;
    const first = coldStart;
    coldStart = false;
    return first;
  }
}

let rootLogger: Logger | undefined;
/** The root, built on first use (its first line, or the first invocation's child), not at import. */
const root = (): Logger => (rootLogger ??= new InvocationLogger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'eventos' }));
const current = new AsyncLocalStorage<Logger>();

export const logger: Logger = new Proxy(Object.create(InvocationLogger.prototype) as Logger, {
  get(_target, property) {
    const active = current.getStore() ?? root();
    const value: unknown = Reflect.get(active, property, active);
    // Logger's methods use private fields: call them on the instance they belong to.
    return typeof value === 'function' ? value.bind(active) : value;
  },
  // What the proxy would otherwise do to its stand-in target, done to the root as before it was built lazily.
  set: (_target, property, value) => Reflect.set(root(), property, value),
  has: (_target, property) => Reflect.has(root(), property),
});

/** Who writes a line: exactly one of route (operationId), consumer or job, and the correlation id. */
export type LogScope = ({ route: string } | { consumer: string } | { job: string }) & {
  correlationId: string;
  [key: string]: unknown;
};

/** The tenant the function serves (EVENTOS_TENANT, set by CDK; the local runner sets `local`). */
const tenant = (): string => process.env.EVENTOS_TENANT ?? 'local';

/**
 * Runs one invocation with its own logger: every line it writes carries the
 * tenant, its route, consumer or job name, the correlation id, and the Lambda
 * context when there is one.
 */
export function withLogScope<T>(scope: LogScope, context: Partial<Context> | undefined, fn: () => T): T {
  const child = root().createChild({ persistentKeys: { tenant: tenant(), ...scope } });
  if (context?.awsRequestId) child.addContext(context as Context);
  return current.run(child, fn);
}
