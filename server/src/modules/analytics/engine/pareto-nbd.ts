import { type FrequencyRecency, type GroupedHistories, groupHistories, timePerPurchase } from './input';
import { type MinimizeOptions, minimizePositive } from './optimize';
import { logAddExp, logGamma, logHyp2f1 } from './special';

/**
 * Pareto/NBD, Schmittlein, Morrison & Colombo (1987), "Counting your customers: who are they and what
 * will they do next?", Management Science 33(1). Purchases at Poisson rate λ ~ Gamma(r, α) while alive;
 * an exponential lifetime with rate μ ~ Gamma(s, β). Likelihood as in Fader & Hardie (2005), "A note on
 * deriving the Pareto/NBD model and related expressions".
 */
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

export interface ParetoNbdFit extends ParetoNbdParams {
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

/** log(e^a − e^b) for a ≥ b; −∞ when they are equal (or rounding puts b above a). */
function logSubExp(a: number, b: number): number {
  return b >= a ? Number.NEGATIVE_INFINITY : a + Math.log1p(-Math.exp(b - a));
}

/** log of ₂F₁(r + s + x, b; r + s + x + 1; |α − β|/(max + t)) / (max + t)^(r+s+x), one end of A₀ */
function a0Term(rsx: number, b: number, diff: number, big: number, t: number): number {
  return logHyp2f1(rsx, b, rsx + 1, diff / (big + t)) - rsx * Math.log(big + t);
}

function logLikelihood([r, alpha, s, beta]: number[], g: GroupedHistories): number {
  // L = Γ(r + x) α^r β^s / Γ(r) · [ (α + T)^−(r+x) (β + T)^−s + s/(r + s + x) · A₀ ], where A₀ is the
  // integral over the unseen death time in (tx, T]; its closed form takes the larger of α and β as the
  // base so that the ₂F₁ argument |α − β|/(max + t) stays in [0, 1).
  const [big, upper] = alpha >= beta ? [alpha, s + 1] : [beta, r];
  const diff = Math.abs(alpha - beta);
  const head = r * Math.log(alpha) + s * Math.log(beta) - logGamma(r);
  const byX = g.distinctX.map((x) => logGamma(r + x) + head);
  let ll = 0;
  for (let i = 0; i < g.x.length; i++) {
    const x = g.x[i];
    const rsx = r + s + x;
    const b2 = alpha >= beta ? upper : upper + x;
    const logA0 = logSubExp(a0Term(rsx, b2, diff, big, g.tx[i]), a0Term(rsx, b2, diff, big, g.T[i]));
    const alive = -(r + x) * Math.log(alpha + g.T[i]) - s * Math.log(beta + g.T[i]);
    ll += g.weight[i] * (byX[g.xIndex[i]] + logAddExp(alive, Math.log(s / rsx) + logA0));
  }
  return ll;
}

/** Total log-likelihood of the customers under the parameters. */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, customers: readonly FrequencyRecency[]): number {
  return logLikelihood([params.r, params.alpha, params.s, params.beta], groupHistories(customers));
}

/** Maximum-likelihood fit over log-parameters, from r = s = 1 and α = β = observed time per repeat purchase. */
export function fitParetoNbd(customers: readonly FrequencyRecency[], options: MinimizeOptions = {}): ParetoNbdFit {
  const g = groupHistories(customers);
  const scale = timePerPurchase(g);
  const result = minimizePositive((p) => -logLikelihood(p, g), [1, scale, 1, scale], options);
  const [r, alpha, s, beta] = result.params;
  return { r, alpha, s, beta, logLikelihood: -result.value, iterations: result.iterations, converged: result.converged };
}
