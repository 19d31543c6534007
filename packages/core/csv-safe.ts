/**
 * A cell that a spreadsheet will show as text, never run as a formula
 * (CSV injection, OWASP): a value beginning with `=`, `+`, `-`, `@`, a tab or
 * a carriage return gets a leading apostrophe. Numbers written by us (counts,
 * amounts) go through unchanged only when they are plain digits; a negative
 * number from a cell a person typed is prefixed too — a spreadsheet shows it
 * as text, which is the price of never evaluating `-1+cmd|…`.
 */
export function safeCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
