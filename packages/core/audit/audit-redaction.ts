import type { AuditChange } from './audit-context.ts';

/**
 * Words of a field name (camelCase split) that make its values personal data
 * (or free text that may hold some): the audit keeps only that they changed.
 */
const PERSONAL_WORDS = new Set(
  'email emails phone phones mobile name names address addresses line1 line2 postal zip postcode city street birth birthday birthdate holder buyer attendee guest guests body text note notes comment comments message description answer answers ip agent token secret password url website linkedin twitter photo avatar tax vat iban card gender nationality passport subject title label summary content reason bio headline'.split(' '),
);

function personalField(field: string): boolean {
  const words = field.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).map((w) => w.toLowerCase());
  return words.some((w) => PERSONAL_WORDS.has(w));
}
const LOOKS_PERSONAL = /@|^\+?[\d\s().-]{7,}$/;

/**
 * Key and bookkeeping attributes of the single-table design: never a "change".
 * `revision` is the edit counter behind the ETag (packages/core/db/revisions.ts): it moves with every edit.
 */
const BOOKKEEPING = /^(pk|sk|gsi\d+pk|gsi\d+sk|__edb_[ev]__|ttl|updatedAt|createdAt|revision)$/;

export function isBookkeeping(field: string): boolean {
  return BOOKKEEPING.test(field);
}

/**
 * A value safe to keep in the audit: a number, a boolean, null, or a string
 * that is an id, a time or an enum-like token (`published`, `EUR`, a ULID).
 * Anything else may be free text a person typed (a subject naming someone):
 * the audit keeps only that the field changed.
 */
const SAFE_STRING = /^(?:[0-9A-HJKMNP-TV-Z]{26}|\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z)?|[a-z0-9_.:-]{1,40}|[A-Z]{3})$/;
function safeScalar(value: unknown): boolean {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return true;
  return typeof value === 'string' && SAFE_STRING.test(value) && !LOOKS_PERSONAL.test(value);
}

/**
 * A change as the audit keeps it: personal fields (by name, or a value that
 * looks like an email or phone) without values; lists and maps without
 * values (they may nest personal data). What changed stays known, and
 * erasing the person later leaves nothing of theirs in the audit.
 */
export function redactChange(change: AuditChange): AuditChange {
  const personal =
    personalField(change.field) ||
    [change.old, change.new].some((v) => typeof v === 'string' && LOOKS_PERSONAL.test(v));
  if (personal) return { field: change.field, personal: true };
  const kept: AuditChange = { field: change.field };
  if (change.old !== undefined && safeScalar(change.old)) kept.old = change.old;
  if (change.new !== undefined && safeScalar(change.new)) kept.new = change.new;
  return kept;
}
