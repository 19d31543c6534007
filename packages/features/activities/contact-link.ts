import { db } from '#packages/core/db/service.ts';
import { unprocessable } from '#packages/core/errors.ts';

/**
 * Activities hang off a contact that must exist: an unknown id is a 422 (the
 * request is well-formed, it names nothing), not a 404 of the activity route.
 */
export async function assertContactExists(contactId: string): Promise<void> {
  const { data } = await db().entities.contact.get({ contactId }).go({ attributes: ['contactId'] });
  if (!data) throw unprocessable('unknown_contact', `Contact ${contactId} does not exist`, { contactId });
}

/** Every time key is stored in `toISOString()` form, so index keys sort by time whatever offset the client sent. */
export const utcIso = (value: string): string => new Date(value).toISOString();

/** PATCH semantics for optional fields: `undefined` keeps, `null` clears, anything else replaces. */
export function patched<T extends Record<string, unknown>>(current: T, changes: Record<string, unknown>): T {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next as T;
}
