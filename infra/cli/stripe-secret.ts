import { GetSecretValueCommand, PutSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CliError } from './tenant-context.ts';

/**
 * The tenant's Stripe secret, JSON {"secretKey","webhookSecret"} as the
 * functions read it (packages/core/secrets). The stack creates it with
 * "set-me" in both; a value that is not a Stripe key counts as unset.
 */
export interface StripeKeys {
  secretKey: string | undefined;
  webhookSecret: string | undefined;
}

export const isStripeSecretKey = (value: string) => /^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(value);
export const isWebhookSecret = (value: string) => /^whsec_[A-Za-z0-9+/=]+$/.test(value);

export async function readStripeKeys(client: SecretsManagerClient, secretArn: string): Promise<StripeKeys> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(SecretString ?? '{}') as Record<string, unknown>;
  } catch {
    // Not JSON: treated as empty, and overwritten with the right shape on the next set.
  }
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const secretKey = text(parsed.secretKey);
  const webhookSecret = text(parsed.webhookSecret);
  return {
    secretKey: isStripeSecretKey(secretKey) ? secretKey : undefined,
    webhookSecret: isWebhookSecret(webhookSecret) ? webhookSecret : undefined,
  };
}

/** The stack's placeholder (constructs/tenant-data.ts): a webhook secret not set yet. */
const UNSET = 'set-me';

/**
 * Writes the keys as a new version; functions pick it up within their secret
 * cache's refresh (minutes). Without a webhook secret (before `stripe connect`)
 * the placeholder stays, and webhooks are refused as unsigned until it is set.
 */
export async function writeStripeKeys(client: SecretsManagerClient, secretArn: string, keys: { secretKey: string; webhookSecret?: string }): Promise<void> {
  if (!isStripeSecretKey(keys.secretKey)) throw new CliError('The Stripe secret key must look like sk_live_… / sk_test_… (or a restricted rk_… key).');
  if (keys.webhookSecret !== undefined && !isWebhookSecret(keys.webhookSecret)) throw new CliError('The webhook signing secret must look like whsec_….');
  const value = { secretKey: keys.secretKey, webhookSecret: keys.webhookSecret ?? UNSET };
  await client.send(new PutSecretValueCommand({ SecretId: secretArn, SecretString: JSON.stringify(value) }));
}
