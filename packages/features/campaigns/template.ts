import { formatUtcDateTime } from '#packages/mail/format.ts';
import { escapeHtml } from '#packages/mail/html-escape.ts';

/**
 * Campaign personalization: `{{name}}` placeholders (spaces inside the braces
 * allowed) in the subject, HTML and text. The set is closed, so a typo is a
 * 400 when the campaign is written, never a literal `{{fristName}}` in
 * ten thousand inboxes. A field the contact lacks renders as an empty string;
 * in HTML every value is escaped.
 */
const CONTACT_FIELDS = ['firstName', 'lastName', 'email'] as const;
const EVENT_FIELDS = ['event.name', 'event.startsAt'] as const;
/** Where the unsubscribe link goes when the author places it; otherwise a footer carries it. */
export const UNSUBSCRIBE_PLACEHOLDER = 'unsubscribeUrl';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export interface TemplateParts {
  subject: string;
  html: string;
  text: string;
}

export interface PersonalData {
  firstName?: string | undefined;
  lastName?: string | undefined;
  email?: string | undefined;
  event?: { name?: string | undefined; startsAt?: string | undefined } | undefined;
  unsubscribeUrl?: string | undefined;
}

/** The placeholder names allowed: event fields only when the campaign has an event. */
export function knownPlaceholders(hasEvent: boolean): string[] {
  return [...CONTACT_FIELDS, ...(hasEvent ? EVENT_FIELDS : []), UNSUBSCRIBE_PLACEHOLDER];
}

/** Placeholders used in `parts` that are not allowed, each once, in order of appearance. */
export function unknownPlaceholders(parts: Partial<TemplateParts>, hasEvent: boolean): string[] {
  const known = new Set(knownPlaceholders(hasEvent));
  const unknown = new Set<string>();
  for (const value of [parts.subject, parts.html, parts.text]) {
    for (const match of (value ?? '').matchAll(PLACEHOLDER)) {
      const name = match[1]!;
      if (!known.has(name)) unknown.add(name);
    }
  }
  return [...unknown];
}

export function usesPlaceholder(value: string, name: string): boolean {
  for (const match of value.matchAll(PLACEHOLDER)) if (match[1] === name) return true;
  return false;
}

function valueOf(name: string, data: PersonalData): string {
  switch (name) {
    case 'firstName':
      return data.firstName ?? '';
    case 'lastName':
      return data.lastName ?? '';
    case 'email':
      return data.email ?? '';
    case 'event.name':
      return data.event?.name ?? '';
    case 'event.startsAt':
      return data.event?.startsAt ? formatUtcDateTime(data.event.startsAt) : '';
    case UNSUBSCRIBE_PLACEHOLDER:
      return data.unsubscribeUrl ?? '';
    default:
      // Refused when the campaign was written; an old item cannot smuggle text in either.
      return '';
  }
}

/** Fills the placeholders of one part; `html` escapes each value. */
export function renderPart(template: string, data: PersonalData, mode: 'html' | 'text'): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = valueOf(name, data);
    return mode === 'html' ? escapeHtml(value) : value;
  });
}
