import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IRule } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { ConsumerRoute } from '#events/routing.ts';
import type { Schedule } from '#events/schedules.ts';
import type { AsyncWorker } from '../constructs/async-worker.ts';
import type { EventosFunction } from '../constructs/eventos-function.ts';
import type { DeadLetterQueue } from '../constructs/dead-letter-queue.ts';

/** One thing watched, with the name its alarm and dashboard line carry. */
export interface Named<T> {
  name: string;
  resource: T;
}

/** What a tenant's monitoring watches; built from the stack by monitoredResources(). */
export interface MonitoredResources {
  tenant: string;
  functions: Named<IFunction>[];
  deadLetterQueues: Named<IQueue>[];
  /** Each scheduled job by its own rule (several jobs may share a function: infra/job-layout.ts). */
  jobs: (Named<IRule> & { rateMinutes: number })[];
  api: IHttpApi;
  table: ITableV2;
  configurationSetName: string;
  /** The functions whose invocations the dashboard's sales and door rows count. */
  signals: {
    /** The storefront's order route: every purchase attempt. */
    ordersCreated: IFunction | undefined;
    /** A consumer of `order.paid` alone: one invocation per paid order (plus its retries). */
    ordersPaid: IFunction | undefined;
    /** The scan and batch routes: every request from a gate. */
    scans: Named<IFunction>[];
  };
}

/** The parts of TenantStack monitoring reads (a structural type: the stack builds monitoring). */
export interface MonitoredStack {
  tenant: { name: string };
  httpFeatures: readonly { functions: ReadonlyMap<string, EventosFunction> }[];
  consumers: ReadonlyMap<string, AsyncWorker>;
  /** By job name: its own rule. */
  jobs: ReadonlyMap<string, { rule: IRule; rateMinutes: number }>;
  /** By job group: the function and DLQ its jobs share. */
  jobGroups: ReadonlyMap<string, { function: EventosFunction; deadLetters: DeadLetterQueue }>;
  /** The one-shot wake-ups' target function, when the stack has it. */
  wakeUps?: { target: EventosFunction } | undefined;
  mail: { deadLetters: DeadLetterQueue };
  api: IHttpApi;
  table: ITableV2;
  configurationSet: { configurationSetName: string };
}

/** The storefront purchase and the door, by handler (packages/api/routes). */
const ORDER_CREATE_HANDLER = 'orders/create';
const SCAN_HANDLERS = ['check-ins/scan', 'check-ins/batch'];

/**
 * Every function (HTTP features and own functions, consumers, jobs), every
 * dead-letter queue (consumers, jobs, SES forwarding), the API, the table and
 * the configuration set of a tenant stack, named for humans.
 */
export function monitoredResources(
  stack: MonitoredStack,
  tables: { routing: readonly ConsumerRoute[]; schedules: readonly Schedule[] },
): MonitoredResources {
  const httpFunctions = stack.httpFeatures.flatMap((feature) =>
    [...feature.functions].map(([name, fn]) => ({ name: `http ${name}`, handler: name, resource: fn.function })),
  );
  const consumers = [...stack.consumers].map(([name, worker]) => ({ name, worker }));
  const jobGroups = [...stack.jobGroups].map(([name, worker]) => ({ name, worker }));
  const paidConsumer = tables.routing.find((entry) => entry.detailTypes.length === 1 && entry.detailTypes[0] === 'order.paid');
  return {
    tenant: stack.tenant.name,
    functions: [
      ...httpFunctions.map(({ name, resource }) => ({ name, resource })),
      ...consumers.map(({ name, worker }) => ({ name: `consumer ${name}`, resource: worker.function.function })),
      ...jobGroups.map(({ name, worker }) => ({ name: `job ${name}`, resource: worker.function.function })),
      ...(stack.wakeUps ? [{ name: 'wake-up', resource: stack.wakeUps.target.function }] : []),
    ],
    deadLetterQueues: [
      ...consumers.map(({ name, worker }) => ({ name: `consumer ${name}`, resource: worker.deadLetters.queue })),
      ...jobGroups.map(({ name, worker }) => ({ name: `job ${name}`, resource: worker.deadLetters.queue })),
      { name: 'ses forwarding', resource: stack.mail.deadLetters.queue },
    ],
    jobs: [...stack.jobs].map(([name, job]) => {
      if (!tables.schedules.some((s) => s.name === name)) throw new Error(`monitoring: job ${name} is not in the schedules table`);
      return { name, resource: job.rule, rateMinutes: job.rateMinutes };
    }),
    api: stack.api,
    table: stack.table,
    configurationSetName: stack.configurationSet.configurationSetName,
    signals: {
      ordersCreated: httpFunctions.find((fn) => fn.handler === ORDER_CREATE_HANDLER)?.resource,
      ordersPaid: paidConsumer && stack.consumers.get(paidConsumer.consumer)?.function.function,
      scans: httpFunctions.filter((fn) => SCAN_HANDLERS.includes(fn.handler)).map(({ name, resource }) => ({ name, resource })),
    },
  };
}
