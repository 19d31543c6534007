import { eventsReport as route } from '#packages/features/reports/routes.ts';
import { eventsReport } from '#packages/features/reports/reports.ts';
import { columns } from '#packages/features/reports/columns.ts';
import { httpHandler } from '#packages/http/http-handler.ts';
import { reportAnswer } from './answer.ts';

export const handler = httpHandler(route, async ({ query, event }) =>
  reportAnswer(await eventsReport(query), { format: query.format, event, columns: columns.events, filename: 'events' }),
);
