import { optInPage as route } from '#packages/features/consents/routes.ts';
import { pendingOf } from '#packages/features/consents/double-opt-in.ts';
import { confirmOptInPage, htmlHeaders, linkNotValidPage } from '#packages/features/consents/pages.ts';
import { getPurpose } from '#packages/features/consents/purposes.ts';
import { DomainError } from '#packages/core/errors.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

/** Read-only: scanners and previews GET every link in a mail. */
export const handler = httpHandler(route, async ({ params }) => {
  try {
    const pending = await pendingOf(params.token);
    const purpose = await getPurpose(pending.purpose);
    return { status: 200, headers: htmlHeaders, rawBody: confirmOptInPage(purpose.name, purpose.text) };
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') return { status: 404, headers: htmlHeaders, rawBody: linkNotValidPage() };
    throw error;
  }
});
