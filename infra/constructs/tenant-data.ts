import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { tableDefinition } from '#packages/core/db/table-definition.ts';
import { tenantParameterName } from '#packages/core/tenant-secrets.ts';
import type { SecureParameterRef, TenantSecretRefs } from './tenant-secret-refs.ts';
import type { TenantConfig } from '../tenants.ts';
import { Concern } from './concern.ts';

/**
 * What a tenant keeps: the table (from table-definition.ts), the bus of its
 * domain events and its one secret (Stripe's keys); its signing keys are
 * SecureString parameters the operator CLI creates (packages/core/tenant-secrets.ts).
 * Everything stateful here is retained.
 */
export class TenantData extends Concern {
  readonly table: TableV2;
  readonly bus: EventBus;
  /** The tenant's one Secrets Manager secret. */
  readonly stripeSecret: Secret;
  readonly ticketSigningKey: SecureParameterRef;
  readonly marketingTokenKey: SecureParameterRef;
  /** By the names routes and consumers use in `secrets: [...]`. */
  readonly secrets: TenantSecretRefs;

  constructor(scope: Construct, id: string, tenant: TenantConfig) {
    super(scope, id);
    const { partitionKey, sortKey, globalIndexes, timeToLiveAttribute } = tableDefinition;
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: globalIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
      timeToLiveAttribute,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bus = new EventBus(this, 'Bus', {
      eventBusName: `eventos-${tenant.name}`,
      description: `EventOS domain events of tenant ${tenant.name}`,
    });

    this.stripeSecret = new Secret(this, 'StripeKeys', {
      secretName: `eventos/${tenant.name}/stripe`,
      description: `Stripe API key and webhook signing secret of tenant ${tenant.name}: JSON {"secretKey","webhookSecret"}, set by the operator after the first deploy`,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ secretKey: 'set-me', webhookSecret: 'set-me' }),
        generateStringKey: 'placeholder',
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.stripeSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Stripe keys are rolled in the Stripe dashboard, which Secrets Manager rotation cannot drive; the operator pastes the new key here.',
    });

    // The generated HMAC keys are SecureString parameters (no monthly fee), created by the operator CLI's deploy.
    this.ticketSigningKey = { parameterName: tenantParameterName(tenant.name, 'ticketSigningKey') };
    this.marketingTokenKey = { parameterName: tenantParameterName(tenant.name, 'marketingTokenKey') };

    this.secrets = { ticketSigningKey: this.ticketSigningKey, stripe: this.stripeSecret, marketingTokenKey: this.marketingTokenKey };
  }
}
