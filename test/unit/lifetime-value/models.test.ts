import { describe, expect, it } from 'vitest';
import { bgbbExpectedPurchases, bgbbProbabilityAlive, fitBgBb } from '#packages/features/lifetime-value/models/bg-bb.ts';
import { bgnbdExpectedPurchases, bgnbdProbabilityAlive, fitBgNbd } from '#packages/features/lifetime-value/models/bg-nbd.ts';
import { fitGammaGamma, gammaGammaExpectedSpend, pearson } from '#packages/features/lifetime-value/models/gamma-gamma.ts';
import type { Fit } from '#packages/features/lifetime-value/models/fit.ts';
import { seededRng } from '#packages/features/lifetime-value/models/rng.ts';
import { simulateBgBb, simulateBgNbd } from './simulate.ts';

/**
 * Parameter recovery. The tolerance: every parameter within 3 standard errors
 * (from the fit's own observed information) AND within 20–30 % of the truth (per test) —
 * so a wrong likelihood, a wrong covariance or a lazy optimiser each fail.
 */
function expectRecovered(fit: Fit, truth: number[], relative = 0.2): void {
  expect(fit.converged).toBe(true);
  expect(fit.logCovariance).not.toBeNull();
  truth.forEach((value, i) => {
    const estimate = fit.params[i]!;
    const se = Math.sqrt(fit.logCovariance![i]![i]!);
    expect(Math.abs(Math.log(estimate) - Math.log(value)), `parameter ${i}: ${estimate} vs ${value}`).toBeLessThan(3 * se);
    expect(Math.abs(estimate / value - 1), `parameter ${i}: ${estimate} vs ${value}`).toBeLessThan(relative);
  });
}

describe('BG/BB (Fader, Hardie & Shang 2010)', () => {
  // The paper's donation data estimates.
  const truth = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };

  it('recovers the parameters of 5,000 simulated customers with 6–20 opportunities each', () => {
    const rng = seededRng(19);
    const data = simulateBgBb(rng, 5000, () => 6 + Math.floor(rng.uniform() * 15), truth);
    expectRecovered(fitBgBb(data), [truth.alpha, truth.beta, truth.gamma, truth.delta], 0.25);
  }, 60_000);

  it('P(alive) falls with the opportunities since the last purchase; expectations grow with the horizon', () => {
    const recent = bgbbProbabilityAlive(truth, { x: 3, tx: 6, n: 6 });
    const lapsed = bgbbProbabilityAlive(truth, { x: 3, tx: 3, n: 6 });
    expect(recent).toBeGreaterThan(lapsed);
    expect(recent).toBeLessThanOrEqual(1);
    // Paper, table 3 / lifetimes: a 6-for-6 donor is alive with P = 1 - θ-ish, and buys more than a 0-for-6.
    expect(bgbbExpectedPurchases(truth, { x: 6, tx: 6, n: 6 }, 5)).toBeGreaterThan(bgbbExpectedPurchases(truth, { x: 0, tx: 0, n: 6 }, 5));
    expect(bgbbExpectedPurchases(truth, { x: 2, tx: 5, n: 6 }, 10)).toBeGreaterThan(bgbbExpectedPurchases(truth, { x: 2, tx: 5, n: 6 }, 5));
  });

  it('the expected purchases match a simulation of the same customers going on', () => {
    const rng = seededRng(7);
    const h = { x: 2, tx: 4, n: 6 };
    // Monte Carlo: draw (p, θ) from the posterior by rejection on the observed history, then run 5 more opportunities.
    let kept = 0;
    let total = 0;
    while (kept < 4000) {
      const p = rng.beta(truth.alpha, truth.beta);
      const theta = rng.beta(truth.gamma, truth.delta);
      let alive = true;
      let x = 0;
      let tx = 0;
      for (let t = 1; t <= 11; t++) {
        if (alive && rng.uniform() < theta) alive = false;
        const bought = alive && rng.uniform() < p;
        if (t <= 6 && bought) {
          x += 1;
          tx = t;
        }
        if (t === 6 && (x !== h.x || tx !== h.tx)) break;
        if (t > 6 && bought) total += 1;
        if (t === 11) kept += 1;
      }
    }
    expect(bgbbExpectedPurchases(truth, h, 5)).toBeCloseTo(total / kept, 1);
  });
});

describe('BG/NBD (Fader, Hardie & Lee 2005)', () => {
  // The paper's CDNOW estimates (weeks).
  const truth = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it('recovers the parameters of 5,000 simulated customers observed 26–78 weeks', () => {
    const rng = seededRng(2005);
    const data = simulateBgNbd(rng, 5000, () => 26 + rng.uniform() * 52, truth);
    expectRecovered(fitBgNbd(data), [truth.r, truth.alpha, truth.a, truth.b], 0.3);
  }, 60_000);

  it("matches the paper's figure for a CDNOW customer and P(alive) for one-time buyers is 1", () => {
    // FHL 2005 §5: x = 2, tx = 30.43, T = 38.86 → 1.226 expected purchases in the next 39 weeks.
    expect(bgnbdExpectedPurchases(truth, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 2);
    expect(bgnbdProbabilityAlive(truth, { x: 0, tx: 0, T: 30 })).toBe(1);
    expect(bgnbdProbabilityAlive(truth, { x: 5, tx: 5, T: 60 })).toBeLessThan(bgnbdProbabilityAlive(truth, { x: 5, tx: 55, T: 60 }));
  });
});

describe('Gamma-Gamma spend (Fader, Hardie & Lee 2005, RFM and CLV)', () => {
  // The paper's CDNOW estimates, spends in cents (v scaled by 100).
  const truth = { p: 6.25, q: 3.74, v: 1544 };

  it('recovers the parameters of 3,000 simulated repeat buyers', () => {
    const rng = seededRng(42);
    const data = Array.from({ length: 3000 }, () => {
      const nu = rng.gamma(truth.q, 1 / truth.v);
      const x = 1 + Math.floor(rng.uniform() * 8);
      let sum = 0;
      for (let i = 0; i < x; i++) sum += rng.gamma(truth.p, 1 / nu);
      return { x, m: sum / x };
    });
    expectRecovered(fitGammaGamma(data), [truth.p, truth.q, truth.v], 0.25);
    // Independence of spend and frequency holds in this story: the gate lets it through.
    expect(Math.abs(pearson(data.map((d) => d.x), data.map((d) => d.m)))).toBeLessThan(0.3);
  }, 60_000);

  it("pulls a customer's average towards the population mean, less so the more they bought", () => {
    const population = (truth.p * truth.v) / (truth.q - 1);
    const few = gammaGammaExpectedSpend(truth, { x: 1, m: 10_000 });
    const many = gammaGammaExpectedSpend(truth, { x: 20, m: 10_000 });
    expect(few).toBeGreaterThan(population);
    expect(many).toBeGreaterThan(few);
    expect(many).toBeLessThan(10_000);
  });
});
