import { Duration } from 'aws-cdk-lib';
import { Rule, type EventPattern, type IEventBus, type Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Construct } from 'constructs';
import { transparent } from './concern.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import { EventosFunction, type EventosFunctionProps } from './eventos-function.ts';

/** Lambda's asynchronous invocation allows at most 2 retries and 6 hours. */
export const LAMBDA_ASYNC_MAX_RETRIES = 2;
export const LAMBDA_ASYNC_MAX_EVENT_AGE = Duration.hours(6);

export interface AsyncWorkerProps extends Omit<EventosFunctionProps, 'async'> {
  kind: 'consumer' | 'job';
  /** What the dead-letter queue keeps, for its acknowledgement and the operator. */
  feeds: string;
  deadLetterRetentionDays: number;
  /** What fires the rule: an event pattern on `eventBus`, or a schedule on the default bus. */
  trigger: { eventBus: IEventBus; eventPattern: EventPattern } | { schedule: Schedule };
  ruleDescription: string;
  /** EventBridge's delivery retries and how old an event may get before it goes to the DLQ. */
  delivery: { retryAttempts: number; maxEventAge: Duration };
  /** Lambda's retries of a handler that threw (asynchronous invocation), then the DLQ. */
  handlerRetries: { retryAttempts: number; maxEventAge: Duration };
}

/**
 * One asynchronous worker: a dead-letter queue, the function, and the
 * EventBridge rule that invokes it. The queue takes both kinds of failure:
 * events EventBridge could not deliver (target DLQ) and events whose handler
 * kept throwing after Lambda's retries (on-failure destination). Hence one
 * function per worker: Lambda's on-failure destination is a setting of the
 * function, not of the rule.
 *
 * Transparent to logical ids; its children are named `<id>DeadLetters`,
 * `<id>` and `<id>Rule`/`<id>Schedule` as when the stack built them inline.
 */
export class AsyncWorker extends Construct {
  readonly deadLetters: DeadLetterQueue;
  readonly function: EventosFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: AsyncWorkerProps) {
    super(scope, id);
    transparent(this);
    const { feeds, deadLetterRetentionDays, trigger, ruleDescription, delivery, handlerRetries, ...functionProps } = props;
    this.deadLetters = new DeadLetterQueue(this, `${id}DeadLetters`, { feeds, retentionDays: deadLetterRetentionDays });
    this.function = new EventosFunction(this, id, {
      ...functionProps,
      async: { ...handlerRetries, onFailure: new SqsDestination(this.deadLetters.queue) },
    });
    const target = new LambdaFunction(this.function.function, { deadLetterQueue: this.deadLetters.queue, ...delivery });
    this.rule =
      'schedule' in trigger
        ? new Rule(this, `${id}Schedule`, { description: ruleDescription, schedule: trigger.schedule, targets: [target] })
        : new Rule(this, `${id}Rule`, {
            eventBus: trigger.eventBus,
            description: ruleDescription,
            eventPattern: trigger.eventPattern,
            targets: [target],
          });
  }
}
