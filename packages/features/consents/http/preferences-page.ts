import { preferencesPage as route } from '#packages/features/consents/routes.ts';
import { htmlHeaders, linkNotValidPage, preferencesPage } from '#packages/features/consents/pages.ts';
import { preferencesOf } from '#packages/features/consents/preferences.ts';
import { DomainError } from '#packages/core/errors.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

/** Read-only: scanners and previews GET every link in a mail. */
export const handler = httpHandler(route, async ({ params }) => {
  try {
    const { email, rows } = await preferencesOf(params.token);
    const form = rows.map(({ purpose, state }) => ({ ...purpose, checked: state === 'granted' }));
    return { status: 200, headers: htmlHeaders, rawBody: preferencesPage(email, form) };
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') return { status: 404, headers: htmlHeaders, rawBody: linkNotValidPage() };
    throw error;
  }
});
