/**
 * A small seeded generator (mulberry32) and the draws the models need: the
 * tests simulate customers from known parameters with it, and the job draws
 * parameter sets for the prediction range, so a rerun on the same data gives
 * the same figures.
 */
export interface Rng {
  uniform(): number;
  normal(): number;
  gamma(shape: number, scale?: number): number;
  beta(a: number, b: number): number;
  exponential(rate: number): number;
}

export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    // (0, 1): never exactly 0, so logs stay finite.
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  // Marsaglia & Tsang (2000); shape < 1 through the boost U^(1/shape).
  const gamma = (shape: number, scale = 1): number => {
    if (shape < 1) return gamma(shape + 1, scale) * uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
    }
  };
  const beta = (a: number, b: number): number => {
    const x = gamma(a);
    return x / (x + gamma(b));
  };
  const exponential = (rate: number): number => -Math.log(uniform()) / rate;
  return { uniform, normal, gamma, beta, exponential };
}

/** A seed from a string (the tenant and the fit's day): FNV-1a. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
