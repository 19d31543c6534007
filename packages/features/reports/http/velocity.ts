import { velocityReport as route } from '#packages/features/reports/routes.ts';
import { velocityReport } from '#packages/features/reports/reports.ts';
import { columns } from '#packages/features/reports/columns.ts';
import { httpHandler } from '#packages/http/http-handler.ts';
import { reportAnswer } from './answer.ts';

export const handler = httpHandler(route, async ({ params, query, event }) =>
  reportAnswer(await velocityReport(params.id), { format: query.format, event, columns: columns.velocity, filename: `velocity-${params.id}` }),
);
