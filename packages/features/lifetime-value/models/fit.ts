import { nelderMead } from './nelder-mead.ts';
import type { Rng } from './rng.ts';

/**
 * Maximum likelihood with benfred's `fmin` Nelder-Mead (the maintained
 * optimiser we use; no hand-written one), in log-parameter space so every
 * parameter stays positive — as lifetimes does. Nelder-Mead stalls on a
 * shrunken simplex now and then, so it restarts from its best point until a
 * restart gains nothing; `converged` is false when it still moved after the
 * last restart or the optimum is not finite. fmin 0.0.4's shrink step assigns
 * an undeclared `i` and throws in strict mode (ES modules), so we pass
 * `sigma: 1`, which makes it stop where it would shrink: the restart, with a
 * smaller simplex each round, is our shrink.
 */
export interface Fit {
  /** The parameters (not their logs). */
  params: number[];
  logLikelihood: number;
  converged: boolean;
  /** Covariance of the log-parameters (inverse of the observed information), null when not positive definite. */
  logCovariance: number[][] | null;
}

const MAX_RESTARTS = 40;
const PENALTY = 1e10;

export function maximiseLogLikelihood(logLikelihood: (params: number[]) => number, start: number[]): Fit {
  const objective = (logParams: number[]): number => {
    const params = logParams.map((v) => Math.exp(v));
    if (params.some((p) => !Number.isFinite(p) || p <= 0)) return PENALTY;
    const ll = logLikelihood(params);
    return Number.isFinite(ll) ? -ll : PENALTY;
  };
  let x = start.map((p) => Math.log(p));
  let fx = objective(x);
  let converged = false;
  for (let round = 0; round < MAX_RESTARTS && !converged; round++) {
    const step = Math.max(0.3 * 0.7 ** round, 1e-3);
    const result = nelderMead(objective, x, { maxIterations: 2000, nonZeroDelta: 1 + step, zeroDelta: step, minErrorDelta: 1e-10, sigma: 1 });
    converged = step < 0.05 && Math.abs(fx - result.fx) < 1e-8 * Math.max(1, Math.abs(fx));
    if (result.fx <= fx) {
      x = result.x.slice();
      fx = result.fx;
    }
  }
  const finite = fx < PENALTY / 2 && x.every(Number.isFinite);
  return {
    params: x.map((v) => Math.exp(v)),
    logLikelihood: -fx,
    converged: converged && finite,
    logCovariance: finite ? invertIfPositive(hessian(objective, x)) : null,
  };
}

/** The Hessian of f at x by central differences. */
function hessian(f: (x: number[]) => number, x: number[]): number[][] {
  const n = x.length;
  const h = 1e-4;
  const at = (i: number, di: number, j: number, dj: number): number => {
    const y = x.slice();
    y[i] = y[i]! + di;
    y[j] = y[j]! + dj;
    return f(y);
  };
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = (at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4 * h * h);
      H[i]![j] = v;
      H[j]![i] = v;
    }
  }
  return H;
}

/** Lower Cholesky factor, or null when the matrix is not positive definite. */
export function cholesky(m: number[][]): number[][] | null {
  const n = m.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (!(s > 0)) return null;
        L[i]![i] = Math.sqrt(s);
      } else L[i]![j] = s / L[j]![j]!;
    }
  }
  return L;
}

function invertIfPositive(m: number[][]): number[][] | null {
  const L = cholesky(m);
  if (!L) return null;
  const n = m.length;
  // Solve L·Lᵀ·X = I column by column.
  const inv = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= L[i]![k]! * y[k]!;
      y[i] = s / L[i]![i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i]!;
      for (let k = i + 1; k < n; k++) s -= L[k]![i]! * inv[k]![c]!;
      inv[i]![c] = s / L[i]![i]!;
    }
  }
  return inv;
}

/**
 * Parameter sets drawn from the fit's asymptotic distribution (normal in log
 * space: the Laplace approximation); just the estimate when there is no
 * covariance.
 */
export function drawParams(fit: Fit, count: number, rng: Rng): number[][] {
  const L = fit.logCovariance ? cholesky(fit.logCovariance) : null;
  if (!L) return [fit.params];
  const mean = fit.params.map((p) => Math.log(p));
  return Array.from({ length: count }, () => {
    const z = mean.map(() => rng.normal());
    return mean.map((m, i) => {
      let v = m;
      for (let k = 0; k <= i; k++) v += L[i]![k]! * z[k]!;
      return Math.exp(v);
    });
  });
}
