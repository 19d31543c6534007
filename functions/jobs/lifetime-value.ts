import type { Context } from 'aws-lambda';
import { jobHandler } from '#packages/core/bus/job-handler.ts';
import { logger } from '#packages/core/logger.ts';
import { nightlyRun } from '#packages/features/lifetime-value/run.ts';

/** Leaves this much of the Lambda's time to save the resume point; the next run (or a POST) carries on. */
const MARGIN_MS = 30_000;

export const handler = (event?: unknown, context?: Partial<Context>) =>
  jobHandler('lifetime-value', async () => {
    const remaining = context?.getRemainingTimeInMillis?.() ?? 14 * 60_000;
    const result = await nightlyRun(Date.now() + remaining - MARGIN_MS);
    logger.info('lifetime-value run', result);
    return result;
  })(event, context);
