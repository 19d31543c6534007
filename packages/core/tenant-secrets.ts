/**
 * The tenant's secrets a function may need, and the variable that carries
 * each one's Secrets Manager ARN. Routes and consumers name the ones they use;
 * CDK grants exactly those and sets the variables.
 */
export const tenantSecretVariables = {
  ticketSigningKey: 'TICKET_SIGNING_SECRET_ARN',
  stripe: 'STRIPE_SECRET_ARN',
  /** HMAC key of the unsubscribe and recipient tokens in campaign mail (packages/features/campaigns/tokens.ts). */
  marketingTokenKey: 'MARKETING_TOKEN_SECRET_ARN',
} as const;

export type TenantSecret = keyof typeof tenantSecretVariables;
