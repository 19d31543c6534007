import { GetSecretValueCommand, SecretsManagerClient, type GetSecretValueCommandOutput } from '@aws-sdk/client-secrets-manager';
import { boundedClient, dependencyClientConfig } from '../core/dependencies/client-config.ts';

/** Key material for ticket-code HMACs. A string is used as its UTF-8 bytes. */
export type TicketSigningKey = string | Uint8Array;

/** 256 bits: HMAC-SHA256 gains nothing from more and is weakened by less. */
export const MIN_TICKET_KEY_BYTES = 32;

export function ticketKeyBytes(key: TicketSigningKey): Buffer {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
  if (bytes.length < MIN_TICKET_KEY_BYTES) {
    // A configuration fault, not bad input: fail loudly rather than sign with a weak key.
    throw new Error(`ticket signing key must be at least ${MIN_TICKET_KEY_BYTES} bytes`);
  }
  return bytes;
}

/** The key from `TICKET_SIGNING_KEY`: the local runner and tests; deployed stacks use Secrets Manager. */
export function ticketSigningKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env.TICKET_SIGNING_KEY;
  if (!key) throw new Error('TICKET_SIGNING_KEY is not set');
  ticketKeyBytes(key);
  return key;
}

/** The one call a Lambda needs to make `client.send(new GetSecretValueCommand(...))` testable without AWS. */
export interface SecretsClient {
  send(command: GetSecretValueCommand): Promise<GetSecretValueCommandOutput>;
}

let defaultClient: SecretsManagerClient | undefined;
const cache = new Map<string, Promise<Uint8Array>>();

/**
 * Reads the tenant's key once per process (a warm Lambda reuses it). The secret is
 * a plain SecretString (its UTF-8 bytes are the key) or SecretBinary. A failed read
 * is not cached, so the next invocation retries.
 */
export function loadTicketSigningKeyFromSecretsManager(secretArn: string, client?: SecretsClient): Promise<Uint8Array> {
  const cached = cache.get(secretArn);
  if (cached) return cached;
  const loading = readSecret(secretArn, client ?? (defaultClient ??= boundedClient(new SecretsManagerClient(dependencyClientConfig()))));
  cache.set(secretArn, loading);
  loading.catch(() => cache.delete(secretArn));
  return loading;
}

async function readSecret(secretArn: string, client: SecretsClient): Promise<Uint8Array> {
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const key = out.SecretString ?? out.SecretBinary;
  if (key === undefined) throw new Error('ticket signing secret has no value');
  return new Uint8Array(ticketKeyBytes(key));
}

/** Secrets Manager when `TICKET_SIGNING_SECRET_ARN` is set (deployed), else `TICKET_SIGNING_KEY`. */
export async function resolveTicketSigningKey(env: NodeJS.ProcessEnv = process.env): Promise<TicketSigningKey> {
  const arn = env.TICKET_SIGNING_SECRET_ARN;
  return arn ? loadTicketSigningKeyFromSecretsManager(arn) : ticketSigningKey(env);
}

/** Tests only: forget cached keys. */
export function clearTicketSigningKeyCache(): void {
  cache.clear();
}
