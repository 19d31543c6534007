import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { legacySecretName, parameterSecrets, tenantParameterName, type ParameterSecret } from '#packages/core/tenant-secrets.ts';
import type { AwsClients } from './deps.ts';

export type SigningKeyOutcome = 'kept' | 'created' | 'copied';

const errorName = (error: unknown) => (error as { name?: string } | undefined)?.name;

/** 64 random characters: the length the Secrets Manager secrets were generated with. */
const randomKey = () => randomBytes(48).toString('base64url');

/**
 * The generated signing keys of a tenant (packages/core/tenant-secrets.ts),
 * as SSM SecureString parameters in the standard tier (no monthly fee).
 * CloudFormation cannot create SecureString parameters, so `tenant deploy`
 * does, before cdk: a parameter that exists is never touched (no Overwrite:
 * a new key would void every ticket sold and every unsubscribe link sent).
 * One that is absent gets the value of the Secrets Manager secret it replaces
 * when a stack deployed before the move still has it, else a random one.
 */
export async function ensureSigningKeyParameters(aws: Pick<AwsClients, 'ssm' | 'secrets'>, tenant: string): Promise<Record<ParameterSecret, SigningKeyOutcome>> {
  const outcomes = {} as Record<ParameterSecret, SigningKeyOutcome>;
  for (const key of parameterSecrets) outcomes[key] = await ensureParameter(aws, tenant, key);
  return outcomes;
}

async function ensureParameter(aws: Pick<AwsClients, 'ssm' | 'secrets'>, tenant: string, key: ParameterSecret): Promise<SigningKeyOutcome> {
  const name = tenantParameterName(tenant, key);
  try {
    // Without decryption: only whether it exists.
    const found = await aws.ssm.send(new GetParameterCommand({ Name: name }));
    if (found?.Parameter) return 'kept';
  } catch (error) {
    if (errorName(error) !== 'ParameterNotFound') throw error;
  }
  const legacy = await legacyValue(aws, tenant, key);
  try {
    await aws.ssm.send(
      new PutParameterCommand({
        Name: name,
        Value: legacy ?? randomKey(),
        Type: 'SecureString',
        Tier: 'Standard',
        Overwrite: false,
        Description: `EventOS ${tenant}: ${key} (HMAC key; never overwrite it, docs/operations.md)`,
      }),
    );
  } catch (error) {
    // Another deploy created it meanwhile: theirs stands.
    if (errorName(error) === 'ParameterAlreadyExists') return 'kept';
    throw error;
  }
  return legacy === undefined ? 'created' : 'copied';
}

/** The key in the Secrets Manager secret of a stack deployed before the move, if that secret is still there. */
async function legacyValue(aws: Pick<AwsClients, 'secrets'>, tenant: string, key: ParameterSecret): Promise<string | undefined> {
  try {
    const secret = await aws.secrets.send(new GetSecretValueCommand({ SecretId: legacySecretName(tenant, key) }));
    return secret?.SecretString || undefined;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}
