import { AsyncLocalStorage } from 'node:async_hooks';
import type { TenantSecret } from '../tenant-secrets.ts';
import { localSecretValues, secretSource } from './secret-sources.ts';
import { parseSecret, type LoadedSecrets, type TenantSecretValues } from './secret-values.ts';

/**
 * The secrets of one invocation. The HTTP stack loads those its route names
 * (`secrets` in the route table), the consumer wrapper those of its routing
 * row; the code below them asks `currentSecret(name)`. Nothing is written to
 * process.env, and nothing outlives the invocation but the source's cache.
 */
const scope = new AsyncLocalStorage<LoadedSecrets>();

/** Reads and checks the named secrets. A source's failure (Secrets Manager down) propagates as is. */
export async function loadSecrets(names: readonly TenantSecret[]): Promise<LoadedSecrets> {
  const source = secretSource();
  const unique = [...new Set(names)];
  const raws = await Promise.all(unique.map((name) => source.read(name)));
  const loaded: Record<string, unknown> = {};
  unique.forEach((name, i) => {
    loaded[name] = parseSecret[name](raws[i]!);
  });
  return loaded as LoadedSecrets;
}

/** Runs `fn` with exactly these secrets available to `currentSecret`. */
export function runWithSecrets<T>(secrets: LoadedSecrets, fn: () => T): T {
  return scope.run(Object.freeze({ ...secrets }), fn);
}

/**
 * The value of a secret the current route or consumer declared. Using one it
 * did not declare fails here, locally too, as it would deployed (where CDK
 * grants only the declared ones). Outside any route or consumer (a test, a
 * script) only the local runner's values exist; deployed, that is an error.
 */
export function currentSecret<N extends TenantSecret>(name: N): TenantSecretValues[N] {
  const secrets = scope.getStore();
  if (secrets) {
    const value = secrets[name];
    if (value === undefined) throw new Error(`the ${name} secret is not in the secrets this route or consumer declares`);
    return value as TenantSecretValues[N];
  }
  const raw = localSecretValues()?.[name];
  if (raw === undefined) throw new Error(`the ${name} secret is read outside a route or consumer (no secrets loaded)`);
  return parseSecret[name](raw);
}
