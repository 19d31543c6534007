import { REPORT_CSP } from '#packages/features/report-pages/html-page.ts';
import type { HttpResult } from '#packages/http/http-handler.ts';

/** A report page: HTML under a policy that runs no script and loads nothing. */
export const htmlAnswer = (html: string): HttpResult => ({
  status: 200,
  rawBody: html,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': REPORT_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'private, no-store',
  },
});
