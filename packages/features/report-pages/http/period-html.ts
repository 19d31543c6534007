import { periodReportHtml as route } from '#packages/features/report-pages/routes.ts';
import { periodReportHtml } from '#packages/features/report-pages/period-report-html.ts';
import { httpHandler } from '#packages/http/http-handler.ts';
import { htmlAnswer } from './html-answer.ts';

export const handler = httpHandler(route, async ({ query }) => htmlAnswer(await periodReportHtml(query)));
