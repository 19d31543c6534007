import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolGroup,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { builtInRoleNames } from '#packages/auth/roles.ts';
import type { TenantConfig } from '../tenants.ts';
import { Concern } from './concern.ts';
import { constructId } from './names.ts';

/**
 * The tenant's staff directory: a Cognito user pool without self sign-up, the
 * app client whose id is the API's JWT audience, and one group per built-in
 * role (the API reads the token's `cognito:groups`).
 */
export class TenantAuth extends Concern {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly userPoolGroups: UserPoolGroup[] = [];

  constructor(scope: Construct, id: string, tenant: TenantConfig) {
    super(scope, id);
    const prefix = `eventos-${tenant.name}`;
    const plus = tenant.cognitoFeaturePlan === 'plus';
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: prefix,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: tenant.mfa === 'required' ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: plus ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(plus && { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (!plus) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: `Tenant ${tenant.name} is on the Essentials plan: the Plus plan (threat protection) is billed per monthly active user. Set "cognitoFeaturePlan": "plus" in infra/tenants.json to turn it on; staff sign-in is already protected by a 12-character password policy and ${tenant.mfa} TOTP MFA.`,
      });
    }
    if (tenant.mfa !== 'required') {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason: `infra/tenants.json sets "mfa": "optional" for tenant ${tenant.name} (users may enrol TOTP; e.g. shared gate scanners). Set "required" to enforce it.`,
      });
    }
    this.userPoolClient = this.userPool.addClient('ApiClient', {
      userPoolClientName: `${prefix}-api`,
      generateSecret: false,
      // SRP for apps; the admin password flow for `eventos token` (infra/cli), which only
      // callers with IAM rights to cognito-idp:AdminInitiateAuth on this pool can use.
      authFlows: { userSrp: true, adminUserPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    for (const [precedence, role] of builtInRoleNames.entries()) {
      this.userPoolGroups.push(
        new UserPoolGroup(this, `Group${constructId(role)}`, {
          userPool: this.userPool,
          groupName: role,
          precedence,
          description: `EventOS built-in role "${role}" (packages/auth/roles.ts)`,
        }),
      );
    }
  }
}
