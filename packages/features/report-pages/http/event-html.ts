import { eventReportHtml as route } from '#packages/features/report-pages/routes.ts';
import { eventReportHtml } from '#packages/features/report-pages/event-report-html.ts';
import { httpHandler } from '#packages/http/http-handler.ts';
import { htmlAnswer } from './html-answer.ts';

export const handler = httpHandler(route, async ({ params }) => htmlAnswer(await eventReportHtml(params.id)));
