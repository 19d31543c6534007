import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { tableDefinition } from '#packages/core/db/table-definition.ts';
import type { TenantSecret } from '#packages/core/tenant-secrets.ts';
import type { TenantConfig } from '../tenants.ts';
import { Concern } from './concern.ts';

/**
 * What a tenant keeps: the table (from table-definition.ts), the bus of its
 * domain events and its secrets. Everything stateful here is retained.
 */
export class TenantData extends Concern {
  readonly table: TableV2;
  readonly bus: EventBus;
  readonly ticketSigningKey: Secret;
  readonly stripeSecret: Secret;
  readonly marketingTokenKey: Secret;
  /** By the names routes and consumers use in `secrets: [...]`. */
  readonly secrets: Record<TenantSecret, Secret>;

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

    this.ticketSigningKey = new Secret(this, 'TicketSigningKey', {
      secretName: `eventos/${tenant.name}/ticket-signing-key`,
      description: `HMAC key that signs the ticket QR codes of tenant ${tenant.name}`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.ticketSigningKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the ticket-signing HMAC key would void the QR code of every ticket already sold. Rotation needs key versions in the code (sign with the new key, verify with old and new), which the check-in issue will bring; until then the key is rotated by hand.',
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

    this.marketingTokenKey = new Secret(this, 'MarketingTokenKey', {
      secretName: `eventos/${tenant.name}/marketing-token-key`,
      description: `HMAC key that signs the unsubscribe and recipient tokens in campaign mail of tenant ${tenant.name}`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.marketingTokenKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the marketing-token HMAC key would break the unsubscribe link in every campaign mail already sent, and unsubscribe links must keep working. Rotation needs key versions in the token (verify with old and new); until then the key is rotated by hand.',
    });

    this.secrets = { ticketSigningKey: this.ticketSigningKey, stripe: this.stripeSecret, marketingTokenKey: this.marketingTokenKey };
  }
}
