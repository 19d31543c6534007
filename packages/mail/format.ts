export interface Money {
  /** Integer minor units (cents; yen for JPY, which has none). */
  amount: number;
  /** ISO 4217. */
  currency: string;
}

/** One locale for every customer-facing string until the product supports choosing one. */
export const MAIL_LOCALE = 'en';

/**
 * The currency's own minor digits come from Intl (EUR 2, JPY 0, KWD 3), and the
 * amount is handed over as an exact decimal string so large sums never pass through
 * a binary fraction.
 */
export function formatMoney({ amount, currency }: Money, locale: string = MAIL_LOCALE): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError('amount must be an integer number of minor units');
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const units = Math.abs(amount).toString().padStart(digits + 1, '0');
  const whole = units.slice(0, units.length - digits);
  const decimal = `${amount < 0 ? '-' : ''}${whole}${digits > 0 ? `.${units.slice(-digits)}` : ''}`;
  return format.format(decimal as Intl.StringNumericLiteral);
}

/** Event times are stored in UTC and we do not know the venue's zone here, so say "UTC" explicitly. */
export function formatUtcDateTime(value: string | Date, locale: string = MAIL_LOCALE): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  return `${new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
}
