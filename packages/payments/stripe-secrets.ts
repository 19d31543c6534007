import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { boundedClient, dependencyClientConfig } from '../core/dependencies/client-config.ts';

let loading: Promise<void> | undefined;

/**
 * Deployed, the tenant's Stripe keys live in one Secrets Manager secret
 * (`STRIPE_SECRET_ARN`, JSON `{ "secretKey", "webhookSecret" }`); they are
 * read once per cold start into the variables the Stripe client reads.
 * Locally the runner sets those variables directly and this does nothing.
 */
export function ensureStripeSecrets(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const arn = env.STRIPE_SECRET_ARN;
  if (!arn || (env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET)) return Promise.resolve();
  loading ??= boundedClient(new SecretsManagerClient(dependencyClientConfig()))
    .send(new GetSecretValueCommand({ SecretId: arn }))
    .then((out) => {
      const { secretKey, webhookSecret } = JSON.parse(out.SecretString ?? '{}') as { secretKey?: string; webhookSecret?: string };
      if (!secretKey || !webhookSecret) throw new Error('the Stripe secret needs secretKey and webhookSecret');
      env.STRIPE_SECRET_KEY = secretKey;
      env.STRIPE_WEBHOOK_SECRET = webhookSecret;
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}
