import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AssociateSoftwareTokenCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeEach, describe, expect, it } from 'vitest';
import { acmeOutputs, cliHarness, mocks, resetMocks, stackDeployed } from '../support/cli-harness.ts';

beforeEach(() => {
  resetMocks();
  stackDeployed();
});

const inputs = (command: Parameters<typeof mocks.cognito.commandCalls>[0]) => mocks.cognito.commandCalls(command).map((c) => c.args[0].input as Record<string, unknown>);

describe('eventos admin create', () => {
  it('creates the user in the stack’s pool (email verified, invitation mailed) and puts it in the admin group', async () => {
    mocks.cognito.on(AdminCreateUserCommand).resolves({ User: { Username: 'u', Attributes: [{ Name: 'sub', Value: 'sub-123' }] } });
    mocks.cognito.on(AdminAddUserToGroupCommand).resolves({});
    const h = cliHarness();
    await h.cli('admin', 'create', 'ana@acme.example', '-t', 'acme');
    expect(inputs(AdminCreateUserCommand)).toEqual([
      expect.objectContaining({
        UserPoolId: acmeOutputs.UserPoolId,
        Username: 'ana@acme.example',
        DesiredDeliveryMediums: ['EMAIL'],
        UserAttributes: expect.arrayContaining([{ Name: 'email_verified', Value: 'true' }]),
      }),
    ]);
    expect(inputs(AdminAddUserToGroupCommand)).toEqual([{ UserPoolId: acmeOutputs.UserPoolId, Username: 'sub-123', GroupName: 'admin' }]);
    expect(h.out.join('\n')).toContain('eventos token -t acme --email ana@acme.example');
  });

  it('says so when the email already has an account, adding no group', async () => {
    mocks.cognito.on(AdminCreateUserCommand).rejects(Object.assign(new Error('exists'), { name: 'UsernameExistsException' }));
    await expect(cliHarness().cli('admin', 'create', 'ana@acme.example', '-t', 'acme')).rejects.toThrow('already has an account');
    expect(inputs(AdminAddUserToGroupCommand)).toEqual([]);
  });
});

describe('eventos token', () => {
  const auth = (IdToken: string) => ({ AuthenticationResult: { IdToken, AccessToken: 'access', ExpiresIn: 3600 } });

  it('prints only the ID token on stdout, signing in with the admin password flow against the stack’s pool and client', async () => {
    mocks.cognito.on(AdminInitiateAuthCommand).resolves(auth('id.token.1'));
    const h = cliHarness({ env: { EVENTOS_PASSWORD: 'Correct-Horse-9' } });
    await h.cli('token', '-t', 'acme', '--email', 'ana@acme.example');
    expect(h.out).toEqual(['id.token.1']);
    expect(h.asked).toEqual([]);
    expect(inputs(AdminInitiateAuthCommand)).toEqual([
      {
        UserPoolId: acmeOutputs.UserPoolId,
        ClientId: acmeOutputs.UserPoolClientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ana@acme.example', PASSWORD: 'Correct-Horse-9' },
      },
    ]);
  });

  it('takes a first-time user through the new password and authenticator enrolment', async () => {
    mocks.cognito.on(AdminInitiateAuthCommand).resolves({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's1', ChallengeParameters: { USER_ID_FOR_SRP: 'sub-123' } });
    mocks.cognito
      .on(AdminRespondToAuthChallengeCommand, { ChallengeName: 'NEW_PASSWORD_REQUIRED' })
      .resolves({ ChallengeName: 'MFA_SETUP', Session: 's2', ChallengeParameters: { USER_ID_FOR_SRP: 'sub-123' } });
    mocks.cognito.on(AssociateSoftwareTokenCommand).resolves({ SecretCode: 'JBSWY3DPEHPK3PXP', Session: 's3' });
    mocks.cognito.on(VerifySoftwareTokenCommand).resolves({ Status: 'SUCCESS', Session: 's4' });
    mocks.cognito.on(AdminRespondToAuthChallengeCommand, { ChallengeName: 'MFA_SETUP' }).resolves(auth('id.token.2'));
    const h = cliHarness({ answers: ['Temp-Password-1!', 'New-Password-22!', '123456'] });
    await h.cli('token', '-t', 'acme', '--email', 'ana@acme.example');
    expect(h.asked).toEqual(['Password of ana@acme.example: ', 'New password: ', 'Code from the authenticator app: ']);
    expect(h.info.join('\n')).toContain('otpauth://totp/EventOS%20acme%3Aana%40acme.example?secret=JBSWY3DPEHPK3PXP');
    expect(inputs(VerifySoftwareTokenCommand)).toEqual([{ Session: 's3', UserCode: '123456', FriendlyDeviceName: 'eventos-cli' }]);
    expect(inputs(AdminRespondToAuthChallengeCommand)).toEqual([
      expect.objectContaining({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's1', ChallengeResponses: { USERNAME: 'sub-123', NEW_PASSWORD: 'New-Password-22!' } }),
      expect.objectContaining({ ChallengeName: 'MFA_SETUP', Session: 's4', ChallengeResponses: { USERNAME: 'sub-123' } }),
    ]);
    expect(h.out).toEqual(['id.token.2']);
  });

  it('answers the TOTP challenge with --code, and stops on a challenge it cannot answer', async () => {
    mocks.cognito.on(AdminInitiateAuthCommand).resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's1' });
    mocks.cognito.on(AdminRespondToAuthChallengeCommand).resolves(auth('id.token.3'));
    const h = cliHarness({ env: { EVENTOS_PASSWORD: 'pw' } });
    await h.cli('token', '-t', 'acme', '--email', 'ana@acme.example', '--code', '654321');
    expect(inputs(AdminRespondToAuthChallengeCommand)[0]).toMatchObject({ ChallengeResponses: { USERNAME: 'ana@acme.example', SOFTWARE_TOKEN_MFA_CODE: '654321' } });
    expect(h.out).toEqual(['id.token.3']);

    mocks.cognito.on(AdminInitiateAuthCommand).resolves({ ChallengeName: 'CUSTOM_CHALLENGE', Session: 's1' });
    const stuck = cliHarness({ env: { EVENTOS_PASSWORD: 'pw' } });
    await expect(stuck.cli('token', '-t', 'acme', '--email', 'ana@acme.example')).rejects.toThrow('CUSTOM_CHALLENGE');
    expect(stuck.out).toEqual([]);
  });
});
