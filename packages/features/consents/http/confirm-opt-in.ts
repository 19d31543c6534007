import { confirmOptIn as route } from '#packages/features/consents/routes.ts';
import { confirmOptIn } from '#packages/features/consents/double-opt-in.ts';
import { htmlHeaders, linkNotValidPage, optInConfirmedPage } from '#packages/features/consents/pages.ts';
import { DomainError } from '#packages/core/errors.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';
import { originOf, wantsHtml } from './origin.ts';

export const handler = httpHandler(route, async ({ params, event }) => {
  try {
    const status = await confirmOptIn(params.token, originOf(event));
    return wantsHtml(event) ? { status: 200, headers: htmlHeaders, rawBody: optInConfirmedPage() } : ok({ status });
  } catch (error) {
    if (wantsHtml(event) && error instanceof DomainError && error.kind === 'not_found') {
      return { status: 404, headers: htmlHeaders, rawBody: linkNotValidPage() };
    }
    throw error;
  }
});
