import type { DiscreteHistory } from '#packages/features/lifetime-value/models/bg-bb.ts';
import type { ContinuousHistory } from '#packages/features/lifetime-value/models/bg-nbd.ts';
import type { Rng } from '#packages/features/lifetime-value/models/rng.ts';

/** BG/BB's story: before each opportunity a live customer dies with θ, else buys with p. */
export function simulateBgBb(rng: Rng, count: number, n: () => number, { alpha, beta, gamma, delta }: Record<'alpha' | 'beta' | 'gamma' | 'delta', number>): DiscreteHistory[] {
  return Array.from({ length: count }, () => {
    const p = rng.beta(alpha, beta);
    const theta = rng.beta(gamma, delta);
    const opportunities = n();
    let x = 0;
    let tx = 0;
    for (let t = 1; t <= opportunities; t++) {
      if (rng.uniform() < theta) break;
      if (rng.uniform() < p) {
        x += 1;
        tx = t;
      }
    }
    return { x, tx, n: opportunities };
  });
}

/** BG/NBD's story: Poisson purchases at λ after the first (time 0); after each repeat purchase it dies with p. */
export function simulateBgNbd(rng: Rng, count: number, T: () => number, { r, alpha, a, b }: Record<'r' | 'alpha' | 'a' | 'b', number>): ContinuousHistory[] {
  return Array.from({ length: count }, () => {
    const lambda = rng.gamma(r, 1 / alpha);
    const p = rng.beta(a, b);
    const age = T();
    let x = 0;
    let tx = 0;
    let t = 0;
    for (;;) {
      t += rng.exponential(lambda);
      if (t > age) break;
      x += 1;
      tx = t;
      if (rng.uniform() < p) break;
    }
    return { x, tx, T: age };
  });
}
