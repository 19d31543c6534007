import { GetSecretValueCommand, ResourceNotFoundException } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, ParameterAlreadyExists, ParameterNotFound, PutParameterCommand } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { cliHarness, mocks, resetMocks } from '../support/cli-harness.ts';

beforeEach(resetMocks);

const notFound = () => new ParameterNotFound({ message: 'not found', $metadata: {} });
const noSecret = () => new ResourceNotFoundException({ message: 'Secrets Manager can’t find the specified secret.', $metadata: {} });
const puts = () => mocks.ssm.commandCalls(PutParameterCommand).map((c) => c.args[0].input);

describe('eventos tenant deploy: the signing keys as SSM SecureString parameters', () => {
  it('creates each absent key with a random value, SecureString, standard tier, never overwriting, before cdk runs', async () => {
    mocks.ssm.on(GetParameterCommand).rejects(notFound());
    mocks.secrets.on(GetSecretValueCommand).rejects(noSecret());
    const h = cliHarness();
    let runsAtPut = -1;
    mocks.ssm.on(PutParameterCommand).callsFake(async () => {
      runsAtPut = h.runs.length;
      return { Version: 1, Tier: 'Standard' };
    });
    await h.cli('tenant', 'deploy', 'acme');
    expect(runsAtPut).toBe(0);
    expect(h.runs).toEqual([['npx', 'cdk', 'deploy', 'EventOS-acme', '-c', 'tenant=acme']]);
    const created = puts();
    expect(created.map((p) => p.Name)).toEqual(['/eventos/acme/ticket-signing-key', '/eventos/acme/marketing-token-key']);
    for (const put of created) {
      expect(put).toMatchObject({ Type: 'SecureString', Tier: 'Standard', Overwrite: false });
      expect(put.Value).toMatch(/^[A-Za-z0-9_-]{64}$/);
    }
    expect(created[0]!.Value).not.toBe(created[1]!.Value);
    // Asked without decryption: whether it exists, not its value.
    for (const call of mocks.ssm.commandCalls(GetParameterCommand)) expect(call.args[0].input.WithDecryption).toBeUndefined();
    expect(h.info.join('\n')).toContain('ticketSigningKey: created with a random value');
  });

  it('keeps a key that exists: no PutParameter, so no sold ticket is voided', async () => {
    mocks.ssm.on(GetParameterCommand).resolves({ Parameter: { Name: '/eventos/acme/x', Type: 'SecureString', Value: 'AQICAH…' } });
    const h = cliHarness();
    await h.cli('tenant', 'deploy', 'acme');
    expect(puts()).toEqual([]);
    expect(mocks.secrets.commandCalls(GetSecretValueCommand)).toEqual([]);
    expect(h.info.join('\n')).toContain('marketingTokenKey: kept');
  });

  it('copies the key of a stack deployed before the move from its Secrets Manager secret, and says to delete that secret', async () => {
    mocks.ssm.on(GetParameterCommand).rejects(notFound());
    mocks.secrets.on(GetSecretValueCommand, { SecretId: 'eventos/acme/ticket-signing-key' }).resolves({ SecretString: 'the-old-ticket-key-'.padEnd(64, 'x') });
    mocks.secrets.on(GetSecretValueCommand, { SecretId: 'eventos/acme/marketing-token-key' }).rejects(noSecret());
    mocks.ssm.on(PutParameterCommand).resolves({ Version: 1 });
    const h = cliHarness();
    await h.cli('tenant', 'deploy', 'acme');
    const [ticket, marketing] = puts();
    expect(ticket).toMatchObject({ Name: '/eventos/acme/ticket-signing-key', Value: 'the-old-ticket-key-'.padEnd(64, 'x'), Overwrite: false });
    expect(marketing!.Value).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(h.info.join('\n')).toContain('copied from the Secrets Manager secret eventos/acme/ticket-signing-key');
  });

  it('leaves a key another deploy created meanwhile as it is, and stops on any other SSM failure without running cdk', async () => {
    mocks.ssm.on(GetParameterCommand).rejects(notFound());
    mocks.secrets.on(GetSecretValueCommand).rejects(noSecret());
    mocks.ssm.on(PutParameterCommand).rejects(new ParameterAlreadyExists({ message: 'exists', $metadata: {} }));
    const h = cliHarness();
    await h.cli('tenant', 'deploy', 'acme');
    expect(h.info.join('\n')).toContain('ticketSigningKey: kept');
    expect(h.runs).toHaveLength(1);

    resetMocks();
    mocks.ssm.on(GetParameterCommand).rejects(Object.assign(new Error('User is not authorized to perform: ssm:GetParameter'), { name: 'AccessDeniedException' }));
    const denied = cliHarness();
    await expect(denied.cli('tenant', 'deploy', 'acme')).rejects.toThrow(/not authorized/);
    expect(denied.runs).toEqual([]);
  });

  it('diff touches no parameter', async () => {
    const h = cliHarness();
    await h.cli('tenant', 'diff', 'acme');
    expect(mocks.ssm.calls()).toEqual([]);
  });
});
