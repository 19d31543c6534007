import type { Context } from 'aws-lambda';
import { newId } from '#packages/core/ids.ts';
import { logger, withLogScope } from '#packages/core/logger.ts';
import type { WakeUpEvent } from '#packages/core/wake-ups/wake-ups.ts';

type Kind = WakeUpEvent['wake']['kind'];

/**
 * What each kind of wake-up runs, loaded on the first wake-up of that kind
 * (a chunk beside index.mjs, as the job groups' dispatchers load their jobs):
 * a wake-up is one of three unrelated things — a webhook delivery (the SSRF-
 * guarded HTTP client, Standard Webhooks signing), a workflow run (the
 * workflow engine) or a lifetime-value run (the model fitting, @stdlib) — and
 * a cold instance imported all three before serving any (bench: bundles).
 */
const members = {
  'workflow-run': () => import('#packages/features/workflows/due-runs.ts'),
  'webhook-delivery': () => import('#packages/features/webhooks/send-delivery.ts'),
  'lifetime-value-run': () => import('#packages/features/lifetime-value/run.ts'),
} satisfies Record<Kind, () => Promise<unknown>>;

const runners: Record<Kind, (id: string, deadline: number) => Promise<string>> = {
  'workflow-run': async (id) => ((await (await members['workflow-run']()).wakeRun(id)) ? 'advanced' : 'not_due'),
  'webhook-delivery': async (id) => (await members['webhook-delivery']()).sendDelivery(id),
  'lifetime-value-run': async (_id, deadline) => (await (await members['lifetime-value-run']()).continueRun(deadline)).status,
};

/**
 * The target of the one-shot wake-ups (EventBridge Scheduler deployed, the
 * local runner's timers locally): one waiting workflow run, or one webhook
 * delivery whose retry time came. Each claims its item conditionally, as the
 * due jobs' sweeps do, so a wake-up and a sweep never both act; a wake-up
 * for something already done (a goal met, a delivery that succeeded) does
 * nothing. Not a row of events/schedules.ts: nothing runs it periodically.
 */
async function wakeUp(event: WakeUpEvent, context?: Partial<Context>): Promise<{ outcome: string }> {
  return withLogScope({ job: 'wake-up', correlationId: context?.awsRequestId ?? newId() }, context, async () => {
    const { kind, id } = event.wake ?? ({} as WakeUpEvent['wake']);
    const run = Object.hasOwn(runners, kind) ? runners[kind] : undefined;
    const outcome = run ? await run(id, Date.now() + (context?.getRemainingTimeInMillis?.() ?? 600_000) - 30_000) : 'unknown_kind';
    logger.info('wake-up', { kind, id, outcome });
    return { outcome };
  });
}

/** `members`: each kind's loader, as a job group's dispatcher exposes its jobs' (the bundle bench times the heaviest). */
export const handler = Object.assign(wakeUp, { members: Object.freeze(members) });
