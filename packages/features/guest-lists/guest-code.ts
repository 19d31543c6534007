/** Guest codes are `GL1.<guestId>.<80 random bits>`: told apart from ticket codes (`EO1…`) by the scan route. */
export const GUEST_CODE_PREFIX = 'GL1.';

export const isGuestCode = (code: string): boolean => code.startsWith(GUEST_CODE_PREFIX);

export function guestIdOf(code: string): string | null {
  const [, guestId] = code.split('.');
  return guestId && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(guestId) ? guestId : null;
}
