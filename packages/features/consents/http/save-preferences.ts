import { savePreferences as route } from '#packages/features/consents/routes.ts';
import { htmlHeaders, linkNotValidPage, preferencesPage } from '#packages/features/consents/pages.ts';
import { preferencesOf, savePreferences } from '#packages/features/consents/preferences.ts';
import { DomainError } from '#packages/core/errors.ts';
import { httpHandler } from '#packages/http/http-handler.ts';
import { originOf } from './origin.ts';

/** The body is the page's own form, form-encoded: one `purpose` per ticked box (none ticked: no field at all). */
export const handler = httpHandler(route, async ({ params, event }) => {
  const text = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8') : '';
  const chosen = new Set(new URLSearchParams(text).getAll('purpose'));
  try {
    const saved = await savePreferences(params.token, chosen, originOf(event));
    const { email, rows } = await preferencesOf(params.token);
    const form = rows.map(({ purpose, state }) => ({ ...purpose, checked: state === 'granted' }));
    return { status: 200, headers: htmlHeaders, rawBody: preferencesPage(email, form, saved) };
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') return { status: 404, headers: htmlHeaders, rawBody: linkNotValidPage() };
    throw error;
  }
});
