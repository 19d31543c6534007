import { Stack, Token, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { tenantSecretStores, tenantSecretVariables, type ParameterSecret, type TenantSecret } from '#packages/core/tenant-secrets.ts';
import type { EventosFunction } from './eventos-function.ts';
import type { TenantSecretRefs } from './tenant-secret-refs.ts';

/**
 * Read access to the named tenant secrets, and where each is in the variable
 * the code reads: a Secrets Manager secret's ARN (the Stripe keys), or a
 * SecureString parameter's name (the signing keys) with ssm:GetParameter on
 * exactly those parameters and kms:Decrypt only through SSM, only for them
 * (SSM puts the parameter's ARN in the encryption context).
 */
export function grantTenantSecrets(fn: EventosFunction, secrets: TenantSecretRefs, names: readonly TenantSecret[]): void {
  const parameters: ParameterSecret[] = [];
  for (const name of new Set(names)) {
    if (tenantSecretStores[name] === 'parameter') {
      parameters.push(name as ParameterSecret);
      continue;
    }
    const secret = secrets[name as Exclude<TenantSecret, ParameterSecret>];
    secret.grantRead(fn.role);
    fn.function.addEnvironment(tenantSecretVariables[name], secret.secretArn);
  }
  if (parameters.length === 0) return;
  const stack = Stack.of(fn);
  const arns = parameters.map((name) => {
    const { parameterName } = secrets[name];
    fn.function.addEnvironment(tenantSecretVariables[name], parameterName);
    return stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: parameterName.replace(/^\//, '') });
  });
  fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['ssm:GetParameter'], resources: arns }));
  // SecureString parameters are encrypted with the account's AWS managed key aws/ssm, whose id is not known at synth.
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [stack.formatArn({ service: 'kms', resource: 'key', resourceName: '*' })],
      conditions: {
        StringEquals: { 'kms:ViaService': `ssm.${stack.region}.amazonaws.com` },
        'ForAnyValue:StringEquals': { 'kms:EncryptionContext:PARAMETER_ARN': arns },
      },
    }),
  );
  // The finding names the resource as cdk-nag prints it (a token as `<AWS::…>`), as wake-ups.ts does.
  const printed = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
  Validations.of(fn).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:${printed(stack.partition, 'Partition')}:kms:${printed(stack.region, 'Region')}:${printed(stack.account, 'AccountId')}:key/*]`,
    reason:
      'kms:Decrypt of the AWS managed key aws/ssm, whose key id is not known at synth: only through SSM (kms:ViaService) and only for the SecureString parameters this function reads (kms:EncryptionContext:PARAMETER_ARN).',
  });
}
