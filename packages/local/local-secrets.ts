import { LOCAL_MARKETING_TOKEN_KEY } from '#packages/features/campaigns/tokens.ts';
import { parseSecret, type RawSecret } from '#packages/core/secrets/secret-values.ts';
import type { TenantSecret } from '#packages/core/tenant-secrets.ts';
import { LocalStartError } from './local-start-error.ts';
import { LOCAL_STRIPE_SECRET_KEY, LOCAL_STRIPE_WEBHOOK_SECRET } from './stripe-standin/defaults.ts';

/** Documented default so tickets stay valid across restarts of a persistent local database. */
export const LOCAL_TICKET_SIGNING_KEY = 'eventos-local-ticket-signing-key-not-for-production';

/** Which shell variable overrides each local secret (read once, when the runner starts). */
const overrides = {
  ticketSigningKey: 'TICKET_SIGNING_KEY',
  marketingTokenKey: 'MARKETING_TOKEN_KEY',
  stripe: 'STRIPE_WEBHOOK_SECRET',
} as const satisfies Record<TenantSecret, string>;

/**
 * The tenant secrets of the local runner, in the format Secrets Manager holds
 * deployed (the Stripe one as JSON), for `localSecretSource`: documented
 * defaults, or the shell's overrides. Checked here, so a bad override stops
 * the runner at start, naming its variable, instead of failing each request.
 */
export function localSecrets(env: NodeJS.ProcessEnv = process.env): Record<TenantSecret, RawSecret> {
  const values: Record<TenantSecret, RawSecret> = {
    ticketSigningKey: env.TICKET_SIGNING_KEY || LOCAL_TICKET_SIGNING_KEY,
    marketingTokenKey: env.MARKETING_TOKEN_KEY || LOCAL_MARKETING_TOKEN_KEY,
    // Locally the SDK always talks to the stand-in, so it gets the local key even if the shell has a real one.
    stripe: JSON.stringify({ secretKey: LOCAL_STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET || LOCAL_STRIPE_WEBHOOK_SECRET }),
  };
  for (const name of Object.keys(values) as TenantSecret[]) {
    try {
      parseSecret[name](values[name]);
    } catch (error) {
      throw new LocalStartError(`${overrides[name]}: ${(error as Error).message}`);
    }
  }
  return values;
}
