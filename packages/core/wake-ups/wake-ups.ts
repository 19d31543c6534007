import { createHash } from 'node:crypto';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import { boundedClient, dependencyClientConfig } from '../dependencies/client-config.ts';
import { logger } from '../logger.ts';

/** What wakes: a waiting workflow run, a webhook delivery whose retry time comes, or a lifetime-value run asked for now. */
export type WakeKind = 'workflow-run' | 'webhook-delivery' | 'lifetime-value-run';

export interface WakeUp {
  kind: WakeKind;
  id: string;
  /** ISO 8601 UTC. */
  at: string;
}

/** The payload the wake-up target (functions/jobs/wake-up.ts) receives. */
export interface WakeUpEvent {
  wake: { kind: WakeKind; id: string };
}

/** Where wake-ups go when not deployed: the local runner's one-shot timers (packages/local/scheduler.ts). */
type LocalSink = (wake: WakeUp) => void;
let localSink: LocalSink | null = null;
export function useLocalWakeUps(sink: LocalSink | null): void {
  localSink = sink;
}

const PREFIX: Record<WakeKind, string> = { 'workflow-run': 'wf', 'webhook-delivery': 'wh', 'lifetime-value-run': 'ltv' };

/** ≤ 64 characters of [0-9a-zA-Z-_.]: the same wake-up (kind, id, time) always has the same name, so a retry creates nothing new. */
export const scheduleNameOf = (wake: WakeUp): string =>
  `${PREFIX[wake.kind]}-${createHash('sha256').update(`${wake.kind}\n${wake.id}\n${wake.at}`).digest('hex').slice(0, 48)}`;

/** Scheduler refuses a one-shot in the past: a wake-up due now is asked for this far ahead (the claim accepts it late). */
const SOONEST_MS = 2_000;

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC, rounded up to the next second so it never fires early, and never in the past. */
export function atExpression(iso: string, now = Date.now()): string {
  const ms = Math.max(Date.parse(iso), now + SOONEST_MS);
  return `at(${new Date(Math.ceil(ms / 1000) * 1000).toISOString().slice(0, 19)})`;
}

let client: SchedulerClient | undefined;
const schedulerSdk = () => import('./scheduler-sdk.ts');

async function createOneShot(group: string, wake: WakeUp): Promise<void> {
  const { CreateScheduleCommand, ConflictException, SchedulerClient } = await schedulerSdk();
  client ??= boundedClient(new SchedulerClient(dependencyClientConfig()));
  const payload: WakeUpEvent = { wake: { kind: wake.kind, id: wake.id } };
  try {
    await client.send(
      new CreateScheduleCommand({
        GroupName: group,
        Name: scheduleNameOf(wake),
        ScheduleExpression: atExpression(wake.at),
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        // One-shot: Scheduler deletes it once it has run, so the group holds only what is still to come.
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: process.env.WAKE_TARGET_ARN!,
          RoleArn: process.env.WAKE_ROLE_ARN!,
          Input: JSON.stringify(payload),
          RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 },
        },
      }),
    );
  } catch (error) {
    // Created already (a retried step or attempt): the same name is the same wake-up.
    if (error instanceof ConflictException) return;
    throw error;
  }
}

/**
 * Asks for `wake` at its time: deployed (WAKE_SCHEDULE_GROUP set by CDK), an
 * EventBridge Scheduler one-shot schedule invoking the wake-up function;
 * locally, the local runner's timer. Never throws: the state is durable
 * already (the run waits, the delivery is pending with its due time), and the
 * due job's sweep of the due index picks up any wake-up that was not made.
 */
export async function scheduleWakeUp(wake: WakeUp): Promise<void> {
  const group = process.env.WAKE_SCHEDULE_GROUP;
  try {
    if (group) await createOneShot(group, wake);
    else localSink?.(wake);
  } catch (error) {
    logger.warn('wake-up not scheduled; the due job will find it', { kind: wake.kind, id: wake.id, at: wake.at, error: (error as Error).message });
  }
}
