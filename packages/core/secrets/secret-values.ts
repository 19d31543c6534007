import { MIN_TICKET_KEY_BYTES } from '#packages/tickets/signing-key.ts';
import type { TenantSecret } from '../tenant-secrets.ts';

/** A secret as stored: Secrets Manager's SecretString or SecretBinary, or the local runner's value. */
export type RawSecret = string | Uint8Array;

/** JSON `{ "secretKey", "webhookSecret" }`, as the operator fills in the tenant's Stripe secret. */
export interface StripeKeys {
  secretKey: string;
  webhookSecret: string;
}

/** What the code receives for each tenant secret, checked once per load. */
export interface TenantSecretValues {
  stripe: StripeKeys;
  /** HMAC key of the ticket codes (packages/tickets/ticket-code.ts). */
  ticketSigningKey: Uint8Array;
  /** HMAC key of the unsubscribe and recipient tokens (packages/features/campaigns/tokens.ts). */
  marketingTokenKey: Uint8Array;
}

export type LoadedSecrets = Partial<TenantSecretValues>;

// Messages name the secret, never its value.
function hmacKey(name: TenantSecret, raw: RawSecret): Uint8Array {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : new Uint8Array(raw);
  // A configuration fault, not bad input: fail loudly rather than sign with a weak key.
  if (bytes.length < MIN_TICKET_KEY_BYTES) throw new Error(`the ${name} secret must be at least ${MIN_TICKET_KEY_BYTES} bytes`);
  return bytes;
}

function stripeKeys(raw: RawSecret): StripeKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw));
  } catch {
    throw new Error('the stripe secret is not JSON {"secretKey","webhookSecret"}');
  }
  const { secretKey, webhookSecret } = (parsed ?? {}) as { secretKey?: unknown; webhookSecret?: unknown };
  if (typeof secretKey !== 'string' || !secretKey.trim() || typeof webhookSecret !== 'string' || !webhookSecret.trim()) {
    throw new Error('the stripe secret needs a secretKey and a webhookSecret');
  }
  // The key's format is the Stripe client's to judge: a placeholder still lets a webhook be refused cleanly.
  return { secretKey: secretKey.trim(), webhookSecret: webhookSecret.trim() };
}

export const parseSecret: { [N in TenantSecret]: (raw: RawSecret) => TenantSecretValues[N] } = {
  stripe: stripeKeys,
  ticketSigningKey: (raw) => hmacKey('ticketSigningKey', raw),
  marketingTokenKey: (raw) => hmacKey('marketingTokenKey', raw),
};
