/**
 * Nelder–Mead minimiser with restarts. Derivative-free, so the likelihoods need no gradients, and
 * deterministic: the simplex is built from the start point and fixed steps, never from random draws.
 * A simplex can stall on a false minimum (collapsed along one direction); restarting from the best
 * point with a fresh full-size simplex until a restart no longer improves is the usual cure.
 */

export interface MinimizeOptions {
  /** initial simplex edge along each coordinate */
  step?: number;
  /** converged when the simplex spans less than this in every coordinate… */
  xTolerance?: number;
  /** …and its values differ by less than this times (1 + |best|) */
  fTolerance?: number;
  maxIterations?: number;
  maxRestarts?: number;
}

export interface MinimizeResult {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

/** Minimises f from x0; non-finite values of f count as +∞, so f may refuse points by returning NaN. */
export function nelderMead(f: (x: number[]) => number, x0: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const { step = 0.5, xTolerance = 1e-7, fTolerance = 1e-13, maxIterations = 20_000, maxRestarts = 20 } = options;
  const g = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let best = { x: [...x0], value: g([...x0]) };
  let iterations = 0;
  for (let restart = 0; restart <= maxRestarts; restart++) {
    const run = simplexSearch(g, best.x, best.value, step, xTolerance, fTolerance, maxIterations - iterations);
    iterations += run.iterations;
    const gain = best.value - run.value;
    if (run.value <= best.value) best = { x: run.x, value: run.value };
    if (!run.converged) return { ...best, iterations, converged: false };
    if (gain <= fTolerance * (1 + Math.abs(best.value))) return { ...best, iterations, converged: true };
  }
  return { ...best, iterations, converged: false };
}

function simplexSearch(
  f: (x: number[]) => number,
  start: number[],
  startValue: number,
  step: number,
  xTol: number,
  fTol: number,
  maxIterations: number,
): MinimizeResult {
  const n = start.length;
  // Gao & Han's dimension-adapted coefficients; for n = 2 they are the classic 1, 2, ½, ½
  const [alpha, beta, gamma, delta] = [1, 1 + 2 / n, 0.75 - 1 / (2 * n), Math.max(1 - 1 / n, 0.5)];
  const pts: number[][] = [start];
  const vals: number[] = [startValue];
  for (let i = 0; i < n; i++) {
    const p = [...start];
    p[i] = p[i] + step;
    pts.push(p);
    vals.push(f(p));
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const along = (from: number[], to: number[], t: number) => from.map((v, i) => v + t * (to[i] - v));
  let iterations = 0;
  while (iterations < maxIterations) {
    order.sort((i, j) => vals[i] - vals[j] || i - j);
    const bestI = order[0];
    const worstI = order[n];
    const fBest = vals[bestI];
    const fWorst = vals[worstI];
    const fSecond = vals[order[n - 1]];
    const bestP = pts[bestI];
    let spread = 0;
    for (const p of pts) for (let i = 0; i < n; i++) spread = Math.max(spread, Math.abs(p[i] - bestP[i]));
    if (spread <= xTol && fWorst - fBest <= fTol * (1 + Math.abs(fBest))) {
      return { x: bestP, value: fBest, iterations, converged: true };
    }
    iterations++;
    const centroid = new Array<number>(n).fill(0);
    for (const k of order.slice(0, n)) for (let i = 0; i < n; i++) centroid[i] = centroid[i] + pts[k][i] / n;
    const worst = pts[worstI];
    const xr = along(centroid, worst, -alpha);
    const fr = f(xr);
    if (fr < fBest) {
      const xe = along(centroid, worst, -alpha * beta);
      const fe = f(xe);
      [pts[worstI], vals[worstI]] = fe < fr ? [xe, fe] : [xr, fr];
      continue;
    }
    if (fr < fSecond) {
      [pts[worstI], vals[worstI]] = [xr, fr];
      continue;
    }
    // contract towards the better of the reflected and the worst point
    const outside = fr < fWorst;
    const xc = along(centroid, outside ? xr : worst, gamma);
    const fc = f(xc);
    if (fc < (outside ? fr : fWorst)) {
      [pts[worstI], vals[worstI]] = [xc, fc];
      continue;
    }
    for (const k of order.slice(1)) {
      pts[k] = along(bestP, pts[k], delta);
      vals[k] = f(pts[k]);
    }
  }
  order.sort((i, j) => vals[i] - vals[j] || i - j);
  return { x: pts[order[0]], value: vals[order[0]], iterations, converged: false };
}

/** Log-parameters beyond ±LOG_BOUND (e^25 ≈ 7·10¹⁰) are refused, so a degenerate fit stops at a wall, finite. */
const LOG_BOUND = 25;

/**
 * Minimises f over positive parameters by searching their logarithms: positivity is automatic and
 * scale parameters (α in days or weeks, γ in kuruş) move by ratios, which is how they are identified.
 */
export function minimizePositive(
  f: (params: number[]) => number,
  start: readonly number[],
  options: MinimizeOptions = {},
): MinimizeResult & { params: number[] } {
  const result = nelderMead(
    (theta) => (theta.every((t) => Math.abs(t) <= LOG_BOUND) ? f(theta.map(Math.exp)) : Number.NaN),
    start.map(Math.log),
    options,
  );
  return { ...result, params: result.x.map(Math.exp) };
}
