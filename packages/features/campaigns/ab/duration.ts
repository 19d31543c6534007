/** `P[n]W` or `P[n]D][T[n]H][n]M][n]S]` (no years or months: their length varies), fractions allowed on the last unit. */
const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** A test length as milliseconds: a number of hours, or an ISO 8601 duration such as `PT4H`, `P1D`, `PT90S`. null when unreadable. */
export function durationMs(value: number | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.round(value * 3_600_000) : null;
  const m = ISO_DURATION.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return null;
  const [w, d, h, min, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number];
  const ms = Math.round((((w * 7 + d) * 24 + h) * 60 + min) * 60_000 + s * 1000);
  return ms > 0 ? ms : null;
}
