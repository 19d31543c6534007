import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { boundedClient, dependencyClientConfig } from '../dependencies/client-config.ts';
import { tenantSecretStores, tenantSecretVariables, type TenantSecret } from '../tenant-secrets.ts';
import type { RawSecret } from './secret-values.ts';

/** Where the raw value of a tenant secret comes from. */
export interface SecretSource {
  read(name: TenantSecret): Promise<RawSecret>;
}

/**
 * How long a value read from Secrets Manager is reused. A rotated Stripe key,
 * or a placeholder the operator has just filled in, is picked up within this
 * time by a warm function, without a cold start.
 */
export const SECRET_MAX_AGE_SECONDS = 300;

let provider: SecretsProvider | undefined;
let parameters: SSMProvider | undefined;

// Built on first use: the local runner never needs it. The same timeouts, attempts
// and request deadline as every other dependency (dependencies/client-config.ts),
// so a slow Secrets Manager is a fault the request can report. The Secrets Manager
// client and Powertools Parameters are loaded then too (a chunk of their own in a
// Lambda bundle), not in every function's cold import.
async function secretsProvider(): Promise<SecretsProvider> {
  if (provider) return provider;
  const { SecretsProvider, SecretsManagerClient } = await import('#packages/core/secrets/secrets-manager-sdk.ts');
  return (provider ??= new SecretsProvider({
    awsSdkV3Client: boundedClient(new SecretsManagerClient(dependencyClientConfig())),
  }));
}

/**
 * The signing keys' SecureString parameters (tenant-secrets.ts), built on first use as the Secrets Manager provider is.
 * Both SDK modules are imported by their `#` names: a Lambda none of whose routes names a secret kept in one store is
 * bundled with a stub for that store's module (infra/bundling.ts), and esbuild's alias matches bare names only.
 */
async function parameterProvider(): Promise<SSMProvider> {
  if (parameters) return parameters;
  const { SSMProvider, SSMClient } = await import('#packages/core/secrets/ssm-sdk.ts');
  return (parameters ??= new SSMProvider({ awsSdkV3Client: boundedClient(new SSMClient(dependencyClientConfig())) }));
}

/**
 * Deployed: through Powertools Parameters' cache (maxAge above), where CDK's
 * variable (tenant-secrets.ts) says, for the functions whose route, routing
 * row or job names the secret: the Stripe keys in Secrets Manager (by ARN),
 * the signing keys in SSM Parameter Store (by name, decrypted).
 */
export function secretsManagerSource(env: NodeJS.ProcessEnv = process.env): SecretSource {
  return {
    async read(name) {
      const variable = tenantSecretVariables[name];
      const where = env[variable];
      if (!where) throw new Error(`${variable} is not set: the ${name} secret is not granted to this function`);
      let value: RawSecret | undefined;
      try {
        value =
          tenantSecretStores[name] === 'parameter'
            ? await (await parameterProvider()).get(where, { maxAge: SECRET_MAX_AGE_SECONDS, decrypt: true })
            : await (await secretsProvider()).get(where, { maxAge: SECRET_MAX_AGE_SECONDS });
      } catch (error) {
        // Powertools wraps the SDK's error; hand on the SDK's own (its name and
        // $fault) so that a Secrets Manager outage maps to dependency_unavailable.
        const { GetParameterError } = tenantSecretStores[name] === 'parameter' ? await import('#packages/core/secrets/ssm-sdk.ts') : await import('#packages/core/secrets/secrets-manager-sdk.ts');
        throw error instanceof GetParameterError && error.cause !== undefined ? error.cause : error;
      }
      if (value === undefined) throw new Error(`the ${name} secret has no value`);
      return value;
    },
  };
}

/** Tests: forget what was read, as a cold start would. */
export function clearSecretCache(): void {
  provider?.clearCache();
  parameters?.clearCache();
}

/**
 * Locally there are no ARNs: the runner hands its values (defaults, or the
 * shell's TICKET_SIGNING_KEY, MARKETING_TOKEN_KEY, STRIPE_WEBHOOK_SECRET read
 * once at start) to this source, in the format Secrets Manager would hold.
 */
export function localSecretSource(values: Partial<Record<TenantSecret, RawSecret>>): SecretSource {
  const copy = { ...values };
  return {
    async read(name) {
      const value = copy[name];
      if (value === undefined) throw new Error(`the local runner has no ${name} secret`);
      return value;
    },
  };
}

let local: { source: SecretSource; values: Partial<Record<TenantSecret, RawSecret>> } | undefined;

/**
 * The local runner (or a test) replaces Secrets Manager with these values;
 * null goes back to Secrets Manager. Never called in a deployed function.
 */
export function useLocalSecrets(values: Partial<Record<TenantSecret, RawSecret>> | null): void {
  local = values ? { source: localSecretSource(values), values: { ...values } } : undefined;
}

/** Where loadSecrets reads: the local values when the runner gave some, else Secrets Manager. */
export function secretSource(): SecretSource {
  return local?.source ?? secretsManagerSource();
}

/** The local values, for code that runs outside any route or consumer (tests, scripts); none deployed. */
export function localSecretValues(): Partial<Record<TenantSecret, RawSecret>> | undefined {
  return local?.values;
}
