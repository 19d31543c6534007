/**
 * The tenant's secrets a function may need, and the variable that carries
 * where each one is. Routes and consumers name the ones they use; CDK grants
 * exactly those and sets the variables.
 *
 * One Secrets Manager secret per tenant (the Stripe keys: the operator sets
 * them, `eventos secrets set stripe` / `stripe connect`); the generated HMAC
 * keys are SSM Parameter Store SecureString parameters (standard tier, no
 * monthly fee), created by `eventos tenant deploy` with a random value when
 * absent (infra/cli/signing-key-parameters.ts). That keeps the idle stack's
 * floor under $1 (docs/cost.md).
 */
export const tenantSecretVariables = {
  /** SSM parameter name. */
  ticketSigningKey: 'TICKET_SIGNING_PARAMETER',
  /** Secrets Manager ARN. */
  stripe: 'STRIPE_SECRET_ARN',
  /** SSM parameter name. HMAC key of the unsubscribe and recipient tokens in campaign mail (packages/features/campaigns/tokens.ts). */
  marketingTokenKey: 'MARKETING_TOKEN_PARAMETER',
} as const;

export type TenantSecret = keyof typeof tenantSecretVariables;

/** Where each secret is kept deployed. */
export const tenantSecretStores = {
  ticketSigningKey: 'parameter',
  stripe: 'secretsManager',
  marketingTokenKey: 'parameter',
} as const satisfies Record<TenantSecret, 'parameter' | 'secretsManager'>;

export type ParameterSecret = { [N in TenantSecret]: (typeof tenantSecretStores)[N] extends 'parameter' ? N : never }[TenantSecret];

/** The generated keys, kept as SecureString parameters. */
export const parameterSecrets = (Object.keys(tenantSecretStores) as TenantSecret[]).filter(
  (name): name is ParameterSecret => tenantSecretStores[name] === 'parameter',
);

const parameterLeaf: Record<ParameterSecret, string> = {
  ticketSigningKey: 'ticket-signing-key',
  marketingTokenKey: 'marketing-token-key',
};

/** `/eventos/<tenant>/ticket-signing-key`: the parameter's name (the same leaf as the Secrets Manager secret it replaces). */
export const tenantParameterName = (tenant: string, name: ParameterSecret): string => `/eventos/${tenant}/${parameterLeaf[name]}`;

/** The Secrets Manager secret a key lived in before it moved to Parameter Store (copied once by the CLI, then deleted by the operator). */
export const legacySecretName = (tenant: string, name: ParameterSecret): string => `eventos/${tenant}/${parameterLeaf[name]}`;
