import { DescribeStacksCommand, type StackStatus } from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetAccountCommand, GetEmailIdentityCommand } from '@aws-sdk/client-sesv2';
import { GetParameterCommand, ParameterNotFound } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { acmeOutputs, cliHarness, mocks, resetMocks, stackDeployed } from '../support/cli-harness.ts';

const bootstrapped = (StackStatus: StackStatus = 'UPDATE_COMPLETE') =>
  mocks.cloudFormation.on(DescribeStacksCommand, { StackName: 'CDKToolkit' }).resolves({ Stacks: [{ StackName: 'CDKToolkit', StackStatus, CreationTime: new Date() }] });
const identity = (verified: boolean) =>
  mocks.ses.on(GetEmailIdentityCommand, { EmailIdentity: 'acme.example' }).resolves({ VerifiedForSendingStatus: verified, DkimAttributes: { Status: verified ? 'SUCCESS' : 'PENDING' } });
const account = (ProductionAccessEnabled: boolean) =>
  mocks.ses.on(GetAccountCommand).resolves({ ProductionAccessEnabled, SendingEnabled: true, SendQuota: { MaxSendRate: 14, Max24HourSend: 50_000, SentLast24Hours: 0 } });
const stripeKeys = (secretKey: string, webhookSecret: string) =>
  mocks.secrets.on(GetSecretValueCommand, { SecretId: acmeOutputs.StripeSecretArn }).resolves({ SecretString: JSON.stringify({ secretKey, webhookSecret }) });

beforeEach(() => {
  resetMocks();
  stackDeployed();
  // The signing keys exist unless a test says otherwise.
  mocks.ssm.on(GetParameterCommand).resolves({ Parameter: { Name: '/eventos/acme/x', Type: 'SecureString', Value: 'AQICAH…' } });
});

describe('eventos doctor', () => {
  it('passes a tenant that is bootstrapped, deployed, verified, out of the sandbox and has both Stripe keys', async () => {
    bootstrapped();
    identity(true);
    account(true);
    stripeKeys('sk_live_abc', 'whsec_abc');
    const h = cliHarness();
    await h.cli('doctor', '-t', 'acme');
    expect(h.out.filter((line) => line.startsWith('ok'))).toHaveLength(6);
    expect(h.out.join('\n')).toContain('live mode');
    expect(h.out.at(-1)).toBe('acme is ready.');
  });

  it('runs every check and lists each failure with its fix', async () => {
    mocks.cloudFormation.on(DescribeStacksCommand, { StackName: 'CDKToolkit' }).rejects(new Error('Stack with id CDKToolkit does not exist'));
    identity(false);
    account(false);
    stripeKeys('set-me', 'set-me');
    const h = cliHarness();
    await expect(h.cli('doctor', '-t', 'acme')).rejects.toThrow('4 of 6 checks failed.');
    const report = h.out.join('\n');
    expect(report).toContain('FAIL  CDK bootstrap (stack CDKToolkit in eu-west-1): not bootstrapped: npx cdk bootstrap aws://123456789012/eu-west-1');
    expect(report).toContain('ok    stack EventOS-acme deployed');
    expect(report).toMatch(/FAIL {2}SES identity acme\.example verified: not verified yet \(DKIM PENDING\)/);
    expect(report).toMatch(/FAIL {2}SES production access.*sandbox/);
    expect(report).toContain('FAIL  Stripe API key and webhook secret set: no API key: eventos secrets set stripe -t acme');
  });

  it('asks for stripe connect when only the webhook secret is missing, and for a deploy when the stack is not there', async () => {
    bootstrapped('UPDATE_ROLLBACK_COMPLETE');
    identity(true);
    account(true);
    stripeKeys('sk_test_abc', 'set-me');
    const h = cliHarness();
    await expect(h.cli('doctor', '-t', 'acme')).rejects.toThrow('1 of 6 checks failed.');
    expect(h.out.join('\n')).toContain('no webhook secret: eventos stripe connect -t acme');

    mocks.cloudFormation.on(DescribeStacksCommand, { StackName: 'EventOS-acme' }).rejects(new Error('Stack with id EventOS-acme does not exist'));
    const fresh = cliHarness();
    await expect(fresh.cli('doctor', '-t', 'acme')).rejects.toThrow('2 of 6 checks failed.');
    expect(fresh.out.join('\n')).toContain('FAIL  stack EventOS-acme deployed: Stack EventOS-acme is not deployed: run `eventos tenant deploy` first.');
  });

  it('names the signing-key parameters a tenant lacks, and the deploy that creates them', async () => {
    bootstrapped();
    identity(true);
    account(true);
    stripeKeys('sk_live_abc', 'whsec_abc');
    mocks.ssm.reset();
    mocks.ssm.on(GetParameterCommand, { Name: '/eventos/acme/ticket-signing-key' }).resolves({ Parameter: { Name: '/eventos/acme/ticket-signing-key', Type: 'SecureString' } });
    mocks.ssm.on(GetParameterCommand, { Name: '/eventos/acme/marketing-token-key' }).rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));
    const h = cliHarness();
    await expect(h.cli('doctor', '-t', 'acme')).rejects.toThrow('1 of 6 checks failed.');
    expect(h.out.join('\n')).toContain('FAIL  signing keys in SSM Parameter Store: missing /eventos/acme/marketing-token-key: eventos tenant deploy acme creates them');
    for (const call of mocks.ssm.commandCalls(GetParameterCommand)) expect(call.args[0].input.WithDecryption).toBeUndefined();
  });
});
