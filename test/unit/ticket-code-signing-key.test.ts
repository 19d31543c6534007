import { afterEach, describe, expect, it } from 'vitest';
import { currentSecret, loadSecrets, runWithSecrets, useLocalSecrets } from '#packages/core/secrets/index.ts';
import { ticketKeyBytes } from '#packages/tickets/signing-key.ts';
import { signTicketCode, verifyTicketCode } from '#packages/tickets/ticket-code.ts';

const secret = 'tenant-a-ticket-signing-secret-0123456789';
const claims = { ticketId: '01JZ3F8Q6VQ2K7N4M9T5W1X0YB', eventId: '01JZ3F7A2C4D6E8G0H2J4K6M8N' };

afterEach(() => useLocalSecrets(null));

// Loading from Secrets Manager (cache, refresh, outages) is tested in secrets.test.ts.
describe('ticket signing key', () => {
  it('refuses a short key', () => {
    expect(ticketKeyBytes(secret)).toEqual(Buffer.from(secret));
    expect(() => ticketKeyBytes('short')).toThrow(/32 bytes/);
  });

  it('signs, as the tenant secret, like the same string', async () => {
    useLocalSecrets({ ticketSigningKey: secret });
    const loaded = await loadSecrets(['ticketSigningKey']);
    const code = runWithSecrets(loaded, () => signTicketCode(claims, currentSecret('ticketSigningKey')));
    expect(verifyTicketCode(code, secret)).toEqual(claims);
  });

  it('accepts a binary secret and rejects a too-short one', async () => {
    const bytes = new Uint8Array(32).fill(7);
    useLocalSecrets({ ticketSigningKey: bytes });
    expect((await loadSecrets(['ticketSigningKey'])).ticketSigningKey).toEqual(bytes);
    useLocalSecrets({ ticketSigningKey: 'short' });
    await expect(loadSecrets(['ticketSigningKey'])).rejects.toThrow(/ticketSigningKey secret must be at least 32 bytes/);
  });
});
