/** Minutes `timeZone` is ahead of UTC at `instant`. */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The local calendar date (y, m, d) of `instant` in `timeZone`. */
function localDate(instant: number, timeZone: string): [number, number, number] {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant)).split('-').map(Number);
  return [y!, m!, d!];
}

/** The instant of local `HH:MM` on the local date `dayOffset` days after `instant`'s, in `timeZone`. */
export function localTimeOn(instant: number, dayOffset: number, hhmm: string, timeZone: string): number {
  const [y, m, d] = localDate(instant, timeZone);
  const [hh, mm] = hhmm.split(':').map(Number);
  const naive = Date.UTC(y, m - 1, d + dayOffset, hh!, mm!);
  // Twice: the offset at the guess may differ from the one at the answer across a DST change.
  let at = naive - offsetMinutes(naive, timeZone) * 60_000;
  at = naive - offsetMinutes(at, timeZone) * 60_000;
  return at;
}

export const validTimeZone = (tz: string | undefined): string => {
  if (!tz) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
};
