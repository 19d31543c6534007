import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64 (the library's own format). */
export const newSigningSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

export interface SigningSecrets {
  secret: string;
  previousSecret?: string | undefined;
  previousSecretExpiresAt?: string | undefined;
}

/**
 * The three Standard Webhooks headers of one attempt. During the 24 h after a
 * rotation both secrets sign, space-separated, so a receiver still holding
 * the old secret verifies too.
 */
export function signedHeaders(messageId: string, payload: string, secrets: SigningSecrets, at: Date): Record<string, string> {
  const signatures = [new Webhook(secrets.secret).sign(messageId, at, payload)];
  if (secrets.previousSecret && secrets.previousSecretExpiresAt && secrets.previousSecretExpiresAt > at.toISOString()) {
    signatures.push(new Webhook(secrets.previousSecret).sign(messageId, at, payload));
  }
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
