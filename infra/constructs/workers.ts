import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { TenantSecretRefs } from './tenant-secret-refs.ts';
import type { Construct } from 'constructs';
import { sourceOf, type ConsumerRoute } from '#events/routing.ts';
import type { Schedule } from '#events/schedules.ts';
import type { TenantSecret } from '#packages/core/tenant-secrets.ts';
import { AsyncWorker, LAMBDA_ASYNC_MAX_EVENT_AGE, LAMBDA_ASYNC_MAX_RETRIES } from './async-worker.ts';
import { Concern } from './concern.ts';
import { constructId } from './names.ts';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { consumerEntryFile } from '../consumer-entries.ts';
import { consumerGroups } from '../consumer-layout.ts';
import { jobEntryFile } from '../job-entries.ts';
import { jobGroups } from '../job-layout.ts';
import { JobGroupWorker, type ScheduledJob } from './job-group-worker.ts';
import type { SendEmailGrant } from './tenant-mail.ts';

export interface WorkerDependencies {
  table: ITableV2;
  bus: IEventBus;
  secrets: TenantSecretRefs;
  sendEmail: SendEmailGrant;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  tracing?: boolean;
  deadLetterRetentionDays: number;
  /** The tenant's file bucket: granted to consumers and jobs that declare `files`. */
  files: IBucket;
  functionsRoot?: string;
}

/** EventBridge delivery to a consumer: how old an event may get before it goes to the DLQ. */
const CONSUMER_MAX_EVENT_AGE = Duration.hours(24);

/**
 * The consumers of events/routing.ts, by group (infra/consumer-layout.ts): per
 * group a rule on the tenant bus (the union of its members' detail-types and
 * their catalog sources), a function dispatching to its members, and a DLQ.
 */
export class EventConsumers extends Concern {
  /** By group name. */
  readonly workers = new Map<string, AsyncWorker>();
  /** By consumer name: the worker of its group. */
  readonly workerOfConsumer = new Map<string, AsyncWorker>();

  constructor(scope: Construct, id: string, props: WorkerDependencies & { routing: readonly ConsumerRoute[] }) {
    super(scope, id);
    for (const entry of props.routing) {
      if (!Number.isInteger(entry.retryAttempts) || entry.retryAttempts < 0 || entry.retryAttempts > 185) {
        throw new Error(`events/routing.ts: ${entry.consumer}.retryAttempts must be an integer 0–185 (EventBridge's limit)`);
      }
    }
    for (const group of consumerGroups(props.routing)) {
      const consumers = group.members.map((m) => m.consumer).join(', ');
      const worker = new AsyncWorker(this, `Consumer${constructId(group.name)}`, {
        kind: 'consumer',
        ...(group.timeoutSeconds && { timeout: Duration.seconds(group.timeoutSeconds) }),
        handler: group.name,
        entry: consumerEntryFile(group, props.functionsRoot),
        secrets: group.secrets,
        description: `Consumers ${consumers}: ${group.detailTypes.join(', ')}`,
        environment: props.environment,
        logRetention: props.logRetention,
        tracing: props.tracing,
        functionsRoot: props.functionsRoot,
        feeds: `consumers ${consumers}: their EventBridge target and their Lambda's on-failure destination`,
        deadLetterRetentionDays: props.deadLetterRetentionDays,
        trigger: {
          eventBus: props.bus,
          eventPattern: { source: [...new Set(group.detailTypes.map(sourceOf))], detailType: [...group.detailTypes] },
        },
        ruleDescription: `${group.detailTypes.join(', ')} → ${consumers}`.slice(0, 512),
        delivery: { retryAttempts: group.retryAttempts, maxEventAge: CONSUMER_MAX_EVENT_AGE },
        // EventBridge hands the event to Lambda asynchronously; a handler that throws is
        // retried by Lambda (≤ 2 times), then the event lands in the same DLQ.
        handlerRetries: {
          retryAttempts: Math.min(group.retryAttempts, LAMBDA_ASYNC_MAX_RETRIES),
          maxEventAge: LAMBDA_ASYNC_MAX_EVENT_AGE,
        },
      });
      const fn = worker.function;
      fn.grantTable(props.table, 'readwrite');
      fn.grantPutEvents(props.bus);
      fn.grantSendEmail(props.sendEmail);
      fn.grantSecrets(props.secrets, group.secrets);
      if (group.readsSendQuota) fn.grantReadSendQuota();
      fn.grantFiles(props.files, group.files);
      this.workers.set(group.name, worker);
      for (const member of group.members) this.workerOfConsumer.set(member.consumer, worker);
    }
  }
}

/**
 * The periodic jobs of events/schedules.ts, by group (infra/job-layout.ts):
 * per group a function dispatching to its jobs and a DLQ, and per job a
 * `rate(n minutes)` rule naming it.
 */
export class ScheduledJobs extends Concern {
  /** By group name. */
  readonly workers = new Map<string, JobGroupWorker>();
  /** By job name: its rule, its group's function and DLQ. */
  readonly jobs = new Map<string, ScheduledJob>();

  constructor(scope: Construct, id: string, props: WorkerDependencies & { schedules: readonly Schedule[] }) {
    super(scope, id);
    for (const job of props.schedules) {
      if (!Number.isInteger(job.rateMinutes) || job.rateMinutes < 1) {
        throw new Error(`events/schedules.ts: ${job.name}.rateMinutes must be a whole number of minutes ≥ 1`);
      }
    }
    for (const group of jobGroups(props.schedules)) {
      const worker = new JobGroupWorker(this, `Job${constructId(group.name)}`, {
        group,
        entry: jobEntryFile(group, props.functionsRoot),
        secrets: group.secrets,
        environment: props.environment,
        logRetention: props.logRetention,
        tracing: props.tracing,
        functionsRoot: props.functionsRoot,
        deadLetterRetentionDays: props.deadLetterRetentionDays,
      });
      const fn = worker.function;
      fn.grantTable(props.table, 'readwrite');
      fn.grantPutEvents(props.bus);
      fn.grantSendEmail(props.sendEmail);
      fn.grantFiles(props.files, group.files);
      fn.grantSecrets(props.secrets, group.secrets);
      this.workers.set(group.name, worker);
      for (const [name, job] of worker.jobs) this.jobs.set(name, job);
    }
  }
}
