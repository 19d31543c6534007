import { topCustomersReport as route } from '#packages/features/reports/routes.ts';
import { topCustomersReport } from '#packages/features/reports/reports.ts';
import { columns } from '#packages/features/reports/columns.ts';
import { httpHandler } from '#packages/http/http-handler.ts';
import { reportAnswer } from './answer.ts';

export const handler = httpHandler(route, async ({ query, event }) =>
  reportAnswer(await topCustomersReport(query), { format: query.format, event, columns: columns.topCustomers, filename: 'top-customers' }),
);
