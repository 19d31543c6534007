import { Email } from '#packages/core/common-schemas.ts';
import { uniqueTags, word } from '#packages/features/contacts/index.ts';
import { toE164 } from '#packages/core/phone.ts';
import type { ColumnMappingT, ImportFieldName, ImportOptionsT } from './contract.ts';

export interface RowFields {
  email?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  leadSource?: string;
  tags?: string[];
  externalId?: string;
}

export type ParsedRow = { ok: true; set: RowFields; clear: ImportFieldName[] } | { ok: false; reason: string };

/** Fields an empty cell may clear; the email and the match key never. */
const CLEARABLE: ImportFieldName[] = ['firstName', 'lastName', 'phone', 'leadSource'];

/**
 * One CSV row as contact fields, normalised as the API would store them:
 * the email trimmed and lower-cased (so `Ana@X.com` and ` ana@x.com ` are one
 * person), the phone in E.164, tags and lead source as words (tags split on
 * `;` or `,`). A cell the API would refuse fails the row with a reason.
 */
export function rowFields(cells: readonly string[], headers: readonly string[], mapping: ColumnMappingT, options: Pick<ImportOptionsT, 'emptyCells'>): ParsedRow {
  const set: RowFields = {};
  const clear: ImportFieldName[] = [];
  for (let i = 0; i < headers.length; i++) {
    const field = mapping[headers[i]!];
    if (!field) continue;
    const raw = (cells[i] ?? '').trim();
    if (!raw) {
      if (options.emptyCells === 'clear' && CLEARABLE.includes(field)) clear.push(field);
      continue;
    }
    switch (field) {
      case 'email': {
        const parsed = Email.safeParse(raw);
        if (!parsed.success) return { ok: false, reason: `invalid_email: "${raw}" is not an email address` };
        set.email = parsed.data;
        break;
      }
      case 'phone': {
        const e164 = toE164(raw);
        if (!e164) return { ok: false, reason: `invalid_phone: "${raw}" cannot be written in E.164` };
        set.phone = e164;
        break;
      }
      case 'firstName':
      case 'lastName':
        if (raw.length > 100) return { ok: false, reason: `too_long: ${field} is longer than 100 characters` };
        set[field] = raw;
        break;
      case 'leadSource':
        set.leadSource = word(raw).slice(0, 50);
        break;
      case 'tags':
        set.tags = uniqueTags(raw.split(/[;,]/)).map((t) => t.slice(0, 50));
        if (set.tags.length > 40) return { ok: false, reason: 'too_many_tags: at most 40' };
        break;
      case 'externalId':
        if (raw.length > 100) return { ok: false, reason: 'too_long: externalId is longer than 100 characters' };
        set.externalId = raw;
        break;
    }
  }
  return { ok: true, set, clear };
}
