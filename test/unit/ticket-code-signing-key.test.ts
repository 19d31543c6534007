import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clearTicketSigningKeyCache,
  loadTicketSigningKeyFromSecretsManager,
  resolveTicketSigningKey,
  signTicketCode,
  ticketSigningKey,
  verifyTicketCode,
} from '../../packages/tickets/ticket-code.ts';

const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:tenant-a/ticket-signing-AbCdEf';
const secret = 'tenant-a-ticket-signing-secret-0123456789';

/** A stand-in Secrets Manager: the answer is the point here, not AWS. */
function fakeSecrets(answers: Array<() => Promise<{ SecretString?: string; SecretBinary?: Uint8Array }>>) {
  const calls: string[] = [];
  return {
    calls,
    send: async (command: GetSecretValueCommand) => {
      calls.push(command.input.SecretId!);
      const next = answers.shift();
      if (!next) throw new Error('unexpected call');
      return { $metadata: {}, ...(await next()) };
    },
  };
}

afterEach(() => clearTicketSigningKeyCache());

describe('ticket signing key', () => {
  it('reads TICKET_SIGNING_KEY and refuses a missing or short one', () => {
    expect(ticketSigningKey({ TICKET_SIGNING_KEY: secret })).toBe(secret);
    expect(() => ticketSigningKey({})).toThrow(/TICKET_SIGNING_KEY/);
    expect(() => ticketSigningKey({ TICKET_SIGNING_KEY: 'short' })).toThrow(/32 bytes/);
  });

  it('loads the secret once per process and signs like the same string', async () => {
    const client = fakeSecrets([async () => ({ SecretString: secret })]);
    const [a, b] = await Promise.all([
      loadTicketSigningKeyFromSecretsManager(arn, client),
      loadTicketSigningKeyFromSecretsManager(arn, client),
    ]);
    expect(client.calls).toEqual([arn]);
    expect(a).toBe(b);
    const claims = { ticketId: '01JZ3F8Q6VQ2K7N4M9T5W1X0YB', eventId: '01JZ3F7A2C4D6E8G0H2J4K6M8N' };
    expect(verifyTicketCode(signTicketCode(claims, a), secret)).toEqual(claims);
  });

  it('accepts a binary secret', async () => {
    const bytes = new Uint8Array(32).fill(7);
    const client = fakeSecrets([async () => ({ SecretBinary: bytes })]);
    expect(await loadTicketSigningKeyFromSecretsManager(arn, client)).toEqual(bytes);
  });

  it('does not cache a failure, so the next invocation retries', async () => {
    const client = fakeSecrets([
      async () => {
        throw new Error('throttled');
      },
      async () => ({ SecretString: secret }),
    ]);
    await expect(loadTicketSigningKeyFromSecretsManager(arn, client)).rejects.toThrow('throttled');
    await expect(loadTicketSigningKeyFromSecretsManager(arn, client)).resolves.toEqual(new TextEncoder().encode(secret));
    expect(client.calls).toHaveLength(2);
  });

  it('rejects an empty or too-short secret', async () => {
    await expect(loadTicketSigningKeyFromSecretsManager(arn, fakeSecrets([async () => ({})]))).rejects.toThrow(/no value/);
    await expect(
      loadTicketSigningKeyFromSecretsManager(arn, fakeSecrets([async () => ({ SecretString: 'short' })])),
    ).rejects.toThrow(/32 bytes/);
  });

  it('uses the environment key when no secret ARN is configured', async () => {
    expect(await resolveTicketSigningKey({ TICKET_SIGNING_KEY: secret })).toBe(secret);
  });
});
