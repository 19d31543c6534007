import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ParameterSecret, TenantSecret } from '#packages/core/tenant-secrets.ts';

/**
 * A SecureString parameter of SSM Parameter Store, by name. CloudFormation
 * cannot create SecureString parameters; the operator CLI's deploy creates
 * each with a random value when absent (infra/cli/signing-key-parameters.ts),
 * and the stack only grants reading it.
 */
export interface SecureParameterRef {
  parameterName: string;
}

/** Where each tenant secret is: the Stripe keys in Secrets Manager, the generated keys in Parameter Store (packages/core/tenant-secrets.ts). */
export type TenantSecretRefs = { [N in TenantSecret]: N extends ParameterSecret ? SecureParameterRef : ISecret };
