import { cohortsReport as route } from '#packages/features/reports/routes.ts';
import { cohortsReport } from '#packages/features/reports/reports.ts';
import { columns } from '#packages/features/reports/columns.ts';
import { httpHandler } from '#packages/http/http-handler.ts';
import { reportAnswer } from './answer.ts';

export const handler = httpHandler(route, async ({ query, event }) =>
  reportAnswer(await cohortsReport(query), { format: query.format, event, columns: columns.cohorts, filename: 'cohorts' }),
);
