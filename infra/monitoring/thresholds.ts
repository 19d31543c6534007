import { Duration } from 'aws-cdk-lib';
import { Operation } from 'aws-cdk-lib/aws-dynamodb';

/**
 * When a tenant's alarms fire. One table so an operator tuning them reads
 * every number and its reason in one place (docs/operations.md#alarms says
 * what to do when each fires).
 */
export const thresholds = {
  /** Any message in a dead-letter queue is an event some consumer or job gave up on. */
  deadLetters: { messages: 0, period: Duration.minutes(5) },
  /**
   * Lambda `Errors` count what escaped a handler: HTTP handlers answer their own
   * failures as problem+json, so an error here is a crash or a timeout; a
   * consumer's or job's error is retried and then dead-lettered. One is worth a look.
   */
  functionErrors: { count: 1, period: Duration.minutes(5) },
  /** A throttled invocation is a request refused or an event delayed: concurrency ran out. */
  functionThrottles: { count: 1, period: Duration.minutes(5) },
  /**
   * Share of API responses that are 5xx, in percent, over periods with at least
   * `minRequests` requests (two failures out of three requests at night page nobody).
   */
  api5xx: { percent: 5, minRequests: 20, period: Duration.minutes(5), evaluationPeriods: 2 },
  /**
   * p99 of API Gateway's `Latency`, in ms: the HTTP functions time out at 10 s and the
   * readiness/dependency deadlines are a few seconds, so a p99 above 3 s for 15 minutes
   * means a dependency is slow for many, not one unlucky cold start.
   */
  apiP99LatencyMs: { ms: 3000, period: Duration.minutes(5), evaluationPeriods: 3 },
  /** On-demand tables still throttle (a hot partition, a GSI that cannot keep up): any is news. */
  dynamoThrottleEvents: { count: 1, period: Duration.minutes(5) },
  /** DynamoDB's own 500s, over every operation the code sends (below). */
  dynamoSystemErrors: { count: 1, period: Duration.minutes(5) },
  /**
   * SES reputation of the tenant's configuration set, as a fraction. SES reviews an
   * account at a 5 % bounce rate or a 0.1 % complaint rate and may pause sending at
   * 10 % / 0.5 %; these fire before the review.
   */
  sesBounceRate: { rate: 0.04, period: Duration.hours(1) },
  sesComplaintRate: { rate: 0.0008, period: Duration.hours(1) },
  /**
   * A job that did not run: fewer than one invocation in three of its periods
   * (at least 5 minutes: one late tick is not an outage).
   */
  jobMissedPeriods: 3,
  jobMinWindow: Duration.minutes(5),
} as const;

/**
 * The DynamoDB operations the code sends (grantTable in
 * constructs/eventos-function.ts, plus ElectroDB's transactions), whose
 * `SystemErrors` the alarm sums. At most 10: an alarm's metric math takes 10 metrics.
 */
export const dynamoOperations: readonly Operation[] = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

/** The window a job must have run in: three of its periods, at least five minutes, at most a day. */
export function jobWindow(rateMinutes: number): Duration {
  const minutes = Math.min(Math.max(rateMinutes * thresholds.jobMissedPeriods, thresholds.jobMinWindow.toMinutes()), 24 * 60);
  return Duration.minutes(minutes);
}
