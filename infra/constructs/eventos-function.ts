import { existsSync } from 'node:fs';
import path from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { ArnPrincipal, Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing, type IDestination } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TenantSecretRefs } from './tenant-secret-refs.ts';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { FilesAccess } from '#packages/core/route.ts';
import { cognitoDirectoryActions } from '#packages/auth/cognito-directory-actions.ts';
import type { TenantSecret } from '#packages/core/tenant-secrets.ts';
import { grantTenantSecrets } from './secret-grants.ts';
import { tableDefinition } from '#packages/core/db/table-definition.ts';
import { lambdaBundleDir, skippedBundleDir } from '../lambda-bundles.ts';
import { functionsRoot as defaultFunctionsRoot, repoRoot } from '../paths.ts';

export type FunctionKind = 'http' | 'consumer' | 'job';

/**
 * The audit log is append-only (issue 17): whatever a function's code does,
 * IAM refuses to update or delete an item whose partition key is the audit
 * log's (`$eventos#auditday_…`) or a day's seal (`$eventos#auditsealday_…`),
 * in a single call, a batch or a transaction (each of its items is checked
 * against these actions). Creating them stays allowed (a Put with
 * attribute_not_exists).
 */
export const AUDIT_KEY_PREFIX = '$eventos#audit';

export function auditAppendOnly(table: ITableV2): PolicyStatement {
  return new PolicyStatement({
    effect: Effect.DENY,
    actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
    resources: [table.tableArn],
    conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [`${AUDIT_KEY_PREFIX}*`] } },
  });
}

/** Per kind: the folder under functions/ and the sizing every function of that kind gets. */
export const functionKinds = {
  http: { dir: 'http', memorySize: 1024, timeout: Duration.seconds(10) },
  consumer: { dir: 'consumers', memorySize: 512, timeout: Duration.seconds(60) },
  job: { dir: 'jobs', memorySize: 512, timeout: Duration.minutes(5) },
} as const satisfies Record<FunctionKind, { dir: string; memorySize: number; timeout: Duration }>;

/** The one Lambda runtime; infra/bundling.ts targets the same Node major (node22). */
export const LAMBDA_RUNTIME = Runtime.NODEJS_22_X;
export const LAMBDA_ARCHITECTURE = Architecture.ARM_64;

export interface EventosFunctionProps {
  kind: FunctionKind;
  /** Entry file under functions/<kind dir>/, without `.ts`; it exports `handler`. Names the function when `entry` is given. */
  handler: string;
  /** An entry file elsewhere (a generated feature dispatcher, infra/http-entries.ts) instead of `handler`'s. */
  entry?: string;
  description: string;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  /** X-Ray active tracing (tenants.json `tracing`; off by default: docs/operations.md, "Metrics and traces"). */
  tracing?: boolean;
  memorySize?: number;
  timeout?: Duration;
  /** Asynchronous invocation (EventBridge → Lambda): retries of a failed handler and where failures go. */
  async?: { retryAttempts: number; maxEventAge: Duration; onFailure: IDestination };
  /** Root holding http/, consumers/, jobs/ (tests point it at fixtures). */
  functionsRoot?: string;
  /** The tenant secrets its code reads (granted with grantSecrets): its bundle carries the SSM client only if one is a parameter. */
  secrets?: readonly TenantSecret[];
  /** A fixed physical name: only for a function whose ARN others must know without a reference to it (the wake-up target). */
  functionName?: string;
}

/**
 * Every EventOS Lambda: Node 22 on arm64, ESM bundle from infra/bundling.ts
 * (built at synth by infra/lambda-bundles.ts; `index.mjs`, handler `index.handler`),
 * X-Ray tracing only when the tenant turns it on, its own log group with a retention, and its own role that
 * starts with nothing but "write to my log group". Callers add exactly the
 * data access it needs (grantTable, grantPutEvents, ...).
 */
export class EventosFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly entry: string;

  constructor(scope: Construct, id: string, props: EventosFunctionProps) {
    super(scope, id);
    const kind = functionKinds[props.kind];
    this.entry = props.entry ?? path.join(props.functionsRoot ?? defaultFunctionsRoot, kind.dir, `${props.handler}.ts`);
    if (!existsSync(this.entry)) {
      throw new Error(
        `${props.description}: handler "${props.handler}" has no entry file ${path.relative(repoRoot, this.entry)} (it must export \`handler\`)`,
      );
    }

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      // Operational logs with a retention: they go with the stack. (The API access log is kept.)
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // An explicit role instead of the default one, which would carry the AWS managed
    // AWSLambdaBasicExecutionRole (logs:* on every log group of the account).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.kind} ${props.handler}`.slice(0, 1000),
    });
    this.logGroup.grantWrite(this.role);

    this.function = new LambdaFunction(this, 'Function', {
      code: Code.fromAsset(Stack.of(this).bundlingRequired ? lambdaBundleDir(this.entry, { secrets: props.secrets ?? [] }) : skippedBundleDir()),
      handler: 'index.handler',
      description: props.description.slice(0, 256),
      runtime: LAMBDA_RUNTIME,
      architecture: LAMBDA_ARCHITECTURE,
      memorySize: props.memorySize ?? kind.memorySize,
      timeout: props.timeout ?? kind.timeout,
      role: this.role,
      logGroup: this.logGroup,
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      environment: props.environment,
      ...(props.functionName && { functionName: props.functionName }),
      ...(props.async && {
        retryAttempts: props.async.retryAttempts,
        maxEventAge: props.async.maxEventAge,
        onFailure: props.async.onFailure,
      }),
    });

    if (props.tracing) this.acknowledgeWildcard();
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is pinned on purpose: package.json engines, the esbuild target in infra/bundling.ts (node22), the local runner and the bench all use Node 22. Move them together to the next LTS runtime.',
    });
  }

  /**
   * DynamoDB data access on the tenant table and exactly its GSIs (named from
   * table-definition.ts, so no `index/*` wildcard). No Scan, no streams, no
   * DescribeTable: every access path is GetItem, Query or a transaction on keys.
   */
  grantTable(table: ITableV2, access: 'read' | 'readwrite'): void {
    const read = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
    const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: access === 'read' ? read : [...read, ...write],
        resources: [
          table.tableArn,
          ...tableDefinition.globalIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
        ],
      }),
    );
    if (access === 'readwrite') this.role.addToPrincipalPolicy(auditAppendOnly(table));
  }

  /**
   * The identity directory (packages/auth/identity-directory.ts) on the
   * tenant's user pool: USER_POOL_ID for the code and exactly the cognito-idp
   * actions the Cognito adapter sends, on that pool only.
   */
  grantIdentityDirectory(userPool: IUserPool): void {
    this.function.addEnvironment('USER_POOL_ID', userPool.userPoolId);
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: [...cognitoDirectoryActions], resources: [userPool.userPoolArn] }));
  }

  grantPutEvents(bus: IEventBus): void {
    bus.grantPutEventsTo(this.role);
  }

  /** Read access to the named tenant secrets (secret-grants.ts), and where each is in the variable the code reads. */
  grantSecrets(secrets: TenantSecretRefs, names: readonly TenantSecret[]): void {
    grantTenantSecrets(this, secrets, names);
  }

  /**
   * SES v2 GetAccount, for the account's MaxSendRate (campaign pacing). It has
   * no resource-level permissions, so its Resource is "*": it reads only the
   * account's sending quota and status.
   */
  grantReadSendQuota(): void {
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }));
    this.acknowledgeWildcard();
  }

  private wildcardAcknowledged = false;
  /** Acknowledged once, where a wildcard really is (X-Ray when tracing, ses:GetAccount), so an unused one fails the nag test. */
  private acknowledgeWildcard(): void {
    if (this.wildcardAcknowledged) return;
    this.wildcardAcknowledged = true;
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Resource "*" only where the action supports no resource-level permissions: X-Ray (tracing: ACTIVE: xray:PutTraceSegments, xray:PutTelemetryRecords) and, for the campaign sender and the readiness check, ses:GetAccount (reads the send quota). Table, bus, log group and SES sending grants name their resources.',
    });
  }

  /**
   * The readiness check's calls beyond a table read (packages/core/dependencies/probes.ts):
   * DescribeEventBus on the tenant bus, and SES GetAccount (see grantReadSendQuota).
   */
  grantDependencyProbes(bus: IEventBus): void {
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['events:DescribeEventBus'], resources: [bus.eventBusArn] }));
    this.grantReadSendQuota();
  }

  /**
   * The tenant's file bucket (packages/core/storage): FILES_BUCKET for the
   * code, and in the bucket's own policy this role's object access —
   * GetObject, plus PutObject and DeleteObject for `write`; never listing,
   * never the bucket's settings. Granted by the bucket's policy rather than
   * the role's because object keys are minted at run time (`<bucket>/*`), and
   * the bucket policy is where S3 access of the tenant is reviewed. Presigned
   * links are signed with this role's credentials, so a function without
   * `files` cannot issue one either.
   */
  grantFiles(bucket: IBucket, access: FilesAccess | undefined): void {
    if (!access) return;
    this.function.addEnvironment('FILES_BUCKET', bucket.bucketName);
    const actions = access === 'write' ? ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] : ['s3:GetObject'];
    const { statementAdded } = bucket.addToResourcePolicy(
      new PolicyStatement({ principals: [new ArnPrincipal(this.role.roleArn)], actions, resources: [bucket.arnForObjects('*')] }),
    );
    if (!statementAdded) throw new Error(`${this.node.path}: the file bucket must be one this app owns (its policy takes the grant)`);
  }

  /** SES v2 SendEmail from the tenant's address only, through its configuration set only. */
  grantSendEmail(mail: { identityArn: string; configurationSetArn: string; fromAddress: string }): void {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [mail.identityArn, mail.configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': mail.fromAddress } },
      }),
    );
  }
}
