import { jobHandler } from '#packages/core/bus/job-handler.ts';
import { sealFinishedDays } from '#packages/features/audit/index.ts';

export const handler = jobHandler('audit-seal', async () => ({ sealed: await sealFinishedDays() }));
