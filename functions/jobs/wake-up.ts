import type { Context } from 'aws-lambda';
import { newId } from '#packages/core/ids.ts';
import { logger, withLogScope } from '#packages/core/logger.ts';
import type { WakeUpEvent } from '#packages/core/wake-ups/wake-ups.ts';
import { sendDelivery } from '#packages/features/webhooks/send-delivery.ts';
import { wakeRun } from '#packages/features/workflows/due-runs.ts';
import { continueRun } from '#packages/features/lifetime-value/run.ts';

/**
 * The target of the one-shot wake-ups (EventBridge Scheduler deployed, the
 * local runner's timers locally): one waiting workflow run, or one webhook
 * delivery whose retry time came. Each claims its item conditionally, as the
 * due jobs' sweeps do, so a wake-up and a sweep never both act; a wake-up
 * for something already done (a goal met, a delivery that succeeded) does
 * nothing. Not a row of events/schedules.ts: nothing runs it periodically.
 */
export async function handler(event: WakeUpEvent, context?: Partial<Context>): Promise<{ outcome: string }> {
  return withLogScope({ job: 'wake-up', correlationId: context?.awsRequestId ?? newId() }, context, async () => {
    const { kind, id } = event.wake ?? ({} as WakeUpEvent['wake']);
    let outcome: string;
    if (kind === 'workflow-run') outcome = (await wakeRun(id)) ? 'advanced' : 'not_due';
    else if (kind === 'webhook-delivery') outcome = await sendDelivery(id);
    else if (kind === 'lifetime-value-run') outcome = (await continueRun(Date.now() + (context?.getRemainingTimeInMillis?.() ?? 600_000) - 30_000)).status;
    else outcome = 'unknown_kind';
    logger.info('wake-up', { kind, id, outcome });
    return { outcome };
  });
}
