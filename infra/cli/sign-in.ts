import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AssociateSoftwareTokenCommand,
  VerifySoftwareTokenCommand,
  type AdminInitiateAuthCommandOutput,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Prompt } from './deps.ts';
import { CliError } from './tenant-context.ts';

export interface SignInInput {
  userPoolId: string;
  clientId: string;
  email: string;
  password: string;
  /** Names the authenticator entry (otpauth issuer). */
  tenant: string;
  /** A TOTP code given up front (the `--code` option); asked for otherwise. */
  code?: string;
}

type Step = Pick<AdminInitiateAuthCommandOutput, 'AuthenticationResult' | 'ChallengeName' | 'ChallengeParameters' | 'Session'>;

/** Cognito may ask for these in turn (a new user meets the first two once); more means something is wrong. */
const MAX_CHALLENGES = 5;

/**
 * Signs a user in with ADMIN_USER_PASSWORD_AUTH (IAM-authorized; the app
 * client allows it for this) and answers Cognito's challenges until it hands
 * out tokens: a new password after the emailed temporary one, enrolling an
 * authenticator app when MFA is required and none is set up, and the TOTP code.
 * Returns the ID token: it carries `cognito:groups`, the caller's roles.
 */
export async function signIn(cognito: CognitoIdentityProviderClient, input: SignInInput, prompt: Prompt, info: (line: string) => void): Promise<string> {
  const { userPoolId: UserPoolId, clientId: ClientId } = input;
  let step: Step = await cognito.send(
    new AdminInitiateAuthCommand({ UserPoolId, ClientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: input.email, PASSWORD: input.password } }),
  );
  let code = input.code;
  const totp = async () => {
    const given = code;
    code = undefined; // a code is good for one answer
    return given ?? (await prompt('Code from the authenticator app: '));
  };
  for (let round = 0; round < MAX_CHALLENGES; round++) {
    if (step.AuthenticationResult?.IdToken) return step.AuthenticationResult.IdToken;
    const USERNAME = step.ChallengeParameters?.USER_ID_FOR_SRP ?? input.email;
    const answer = (ChallengeName: string, responses: Record<string, string>, Session = step.Session) =>
      cognito.send(new AdminRespondToAuthChallengeCommand({ UserPoolId, ClientId, ChallengeName: ChallengeName as never, Session, ChallengeResponses: { USERNAME, ...responses } }));
    switch (step.ChallengeName) {
      case 'NEW_PASSWORD_REQUIRED': {
        info('First sign-in: choose a password (12+ characters: lower and upper case, digits, symbols).');
        step = await answer('NEW_PASSWORD_REQUIRED', { NEW_PASSWORD: await prompt('New password: ', { secret: true }) });
        break;
      }
      case 'MFA_SETUP': {
        const { SecretCode, Session } = await cognito.send(new AssociateSoftwareTokenCommand({ Session: step.Session }));
        const label = encodeURIComponent(`EventOS ${input.tenant}:${input.email}`);
        info(`MFA is required: add this key to an authenticator app (or open the URI on the phone):\n  ${SecretCode}\n  otpauth://totp/${label}?secret=${SecretCode}&issuer=${encodeURIComponent(`EventOS ${input.tenant}`)}`);
        const verified = await cognito.send(new VerifySoftwareTokenCommand({ Session, UserCode: await totp(), FriendlyDeviceName: 'eventos-cli' }));
        if (verified.Status !== 'SUCCESS') throw new CliError('The authenticator code was not accepted; run the command again.');
        step = await answer('MFA_SETUP', {}, verified.Session);
        break;
      }
      case 'SELECT_MFA_TYPE':
        step = await answer('SELECT_MFA_TYPE', { ANSWER: 'SOFTWARE_TOKEN_MFA' });
        break;
      case 'SOFTWARE_TOKEN_MFA':
        step = await answer('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: await totp() });
        break;
      default:
        throw new CliError(`Cognito asked for ${step.ChallengeName ?? 'nothing and returned no token'}, which this command cannot answer.`);
    }
  }
  throw new CliError(`Cognito was still asking after ${MAX_CHALLENGES} answers; sign-in abandoned.`);
}
