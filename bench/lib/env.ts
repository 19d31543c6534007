/** An integer knob from the environment, such as BENCH_DURATION. */
export function intFromEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name}=${raw} is not an integer ≥ ${min}`);
  return value;
}
