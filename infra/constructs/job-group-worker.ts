import { Duration } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule as RuleSchedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Construct } from 'constructs';
import type { Schedule } from '#events/schedules.ts';
import type { JobTick } from '#packages/core/bus/job-group.ts';
import { LAMBDA_ASYNC_MAX_EVENT_AGE } from './async-worker.ts';
import { transparent } from './concern.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import { EventosFunction, type EventosFunctionProps } from './eventos-function.ts';
import { constructId } from './names.ts';
import type { JobGroupSpec } from '../job-layout.ts';

export interface JobGroupWorkerProps extends Omit<EventosFunctionProps, 'async' | 'kind' | 'handler' | 'description'> {
  group: JobGroupSpec;
  deadLetterRetentionDays: number;
}

/** One job of a group, as monitoring and the wake-up grants see it: its own rule, its group's function and queue. */
export interface ScheduledJob {
  name: string;
  rateMinutes: number;
  rule: Rule;
  function: EventosFunction;
  deadLetters: DeadLetterQueue;
}

/**
 * The function of one job group (infra/job-layout.ts), its dead-letter queue,
 * and one `rate(n minutes)` rule per job on the default bus (scheduled rules
 * live there), each sending `{ "job": "<name>" }` to the function, whose
 * dispatcher (packages/core/bus/job-group.ts) runs that job alone. Each rule
 * keeps its job's id (`Job<Name>Schedule`) and so its own metrics, which the
 * job-not-run alarm watches.
 *
 * Transparent to logical ids, as AsyncWorker is: a lone job's queue, function
 * and rule keep the ids they had when every job had its own worker.
 */
export class JobGroupWorker extends Construct {
  readonly deadLetters: DeadLetterQueue;
  readonly function: EventosFunction;
  /** By job name. */
  readonly jobs = new Map<string, ScheduledJob>();

  constructor(scope: Construct, id: string, props: JobGroupWorkerProps) {
    super(scope, id);
    transparent(this);
    const { group, deadLetterRetentionDays, ...functionProps } = props;
    const names = group.members.map((m) => m.name).join(', ');
    this.deadLetters = new DeadLetterQueue(this, `${id}DeadLetters`, {
      feeds: `scheduled jobs ${names}: their EventBridge targets and their Lambda's on-failure destination`,
      retentionDays: deadLetterRetentionDays,
    });
    this.function = new EventosFunction(this, id, {
      ...functionProps,
      kind: 'job',
      handler: group.name,
      description: `Jobs ${group.members.map((m) => `${m.name} (${m.rateMinutes} min)`).join(', ')}`,
      // A failed run is not retried (the next tick runs it again) but is recorded in the DLQ.
      async: {
        retryAttempts: 0,
        maxEventAge: Duration.minutes(Math.min(group.minRateMinutes, LAMBDA_ASYNC_MAX_EVENT_AGE.toMinutes())),
        onFailure: new SqsDestination(this.deadLetters.queue),
      },
    });
    for (const job of group.members) this.jobs.set(job.name, this.schedule(job));
  }

  private schedule(job: Schedule): ScheduledJob {
    const tick: JobTick = { job: job.name };
    const rule = new Rule(this, `Job${constructId(job.name)}Schedule`, {
      description: `Every ${job.rateMinutes} min → ${job.name}`,
      schedule: RuleSchedule.rate(Duration.minutes(job.rateMinutes)),
      targets: [
        new LambdaFunction(this.function.function, {
          event: RuleTargetInput.fromObject(tick),
          deadLetterQueue: this.deadLetters.queue,
          retryAttempts: 2,
          // A tick older than one period is superseded by the next one (EventBridge allows 1 min–24 h).
          maxEventAge: Duration.minutes(Math.min(job.rateMinutes, 24 * 60)),
        }),
      ],
    });
    return { name: job.name, rateMinutes: job.rateMinutes, rule, function: this.function, deadLetters: this.deadLetters };
  }
}
