import {
  checkFrequencyRecency,
  checkNonNegative,
  type FrequencyRecency,
  type GroupedHistories,
  groupHistories,
  timePerPurchase,
} from './input';
import { type MinimizeOptions, minimizePositive } from './optimize';
import { hyp2f1, logAddExp, logGamma } from './special';

/**
 * BG/NBD ("beta-geometric / negative binomial"), Fader, Hardie & Lee (2005), "Counting your customers
 * the easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2). While alive a
 * customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase they drop out with probability
 * p ~ Beta(a, b). Time is in whatever unit x, tx, T are given in (α carries that unit).
 */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit extends BgNbdParams {
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

function logLikelihood([r, alpha, a, b]: number[], g: GroupedHistories): number {
  // FHL (2005) eq. 6, in logs: L = B(a, b + x)/B(a, b) · Γ(r + x) α^r / Γ(r)
  //   · [ (α + T)^−(r+x) + 1{x>0} a/(b + x − 1) (α + tx)^−(r+x) ]
  const base = logGamma(r) - logGamma(a + b) + logGamma(b);
  const logA = Math.log(a);
  const byX = g.distinctX.map((x) => logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x) - base);
  const droppedByX = g.distinctX.map((x) => (x > 0 ? logA - Math.log(b + x - 1) : 0));
  const logAlphaPlus = g.distinctTimes.map((t) => Math.log(alpha + t));
  const rLogAlpha = r * Math.log(alpha);
  let ll = 0;
  for (let i = 0; i < g.x.length; i++) {
    const x = g.x[i];
    const rx = r + x;
    const xi = g.xIndex[i];
    const stays = -rx * logAlphaPlus[g.tIndex[i]];
    const dropped = x > 0 ? droppedByX[xi] - rx * logAlphaPlus[g.txIndex[i]] : Number.NEGATIVE_INFINITY;
    ll += g.weight[i] * (byX[xi] + rLogAlpha + logAddExp(stays, dropped));
  }
  return ll;
}

/** Total log-likelihood of the customers under the parameters. */
export function bgNbdLogLikelihood(params: BgNbdParams, customers: readonly FrequencyRecency[]): number {
  return logLikelihood([params.r, params.alpha, params.a, params.b], groupHistories(customers));
}

/**
 * Maximum-likelihood fit, searched over log-parameters from r = a = b = 1 and α = observed time per
 * repeat purchase (so the start is on the data's time scale, days or weeks alike).
 */
export function fitBgNbd(customers: readonly FrequencyRecency[], options: MinimizeOptions = {}): BgNbdFit {
  const g = groupHistories(customers);
  const result = minimizePositive((p) => -logLikelihood(p, g), [1, timePerPurchase(g), 1, 1], options);
  const [r, alpha, a, b] = result.params as [number, number, number, number];
  return { r, alpha, a, b, logLikelihood: -result.value, iterations: result.iterations, converged: result.converged };
}

/**
 * Unconditional E[X(t)], purchases of a random new customer in (0, t] (FHL 2005 eq. 9):
 * (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))].
 */
export function bgNbdExpectedPurchases(p: BgNbdParams, t: number): number {
  checkNonNegative(t, 't');
  const z = t / (p.alpha + t);
  return ((p.a + p.b - 1) / (p.a - 1)) * (1 - hyp2f1(p.r, p.b, p.a + p.b - 1, z, p.r * Math.log1p(-z)));
}

/** P(alive | x, tx, T) = 1 / (1 + 1{x>0} a/(b + x − 1) ((α + T)/(α + tx))^(r+x)) (FHL 2005, note on P(alive)). */
export function bgNbdProbabilityAlive(p: BgNbdParams, c: FrequencyRecency): number {
  checkFrequencyRecency(c, 'customer');
  return 1 / (1 + Math.exp(logDropOdds(p, c)));
}

function logDropOdds(p: BgNbdParams, c: FrequencyRecency): number {
  if (c.x === 0) return Number.NEGATIVE_INFINITY;
  return Math.log(p.a / (p.b + c.x - 1)) + (p.r + c.x) * Math.log((p.alpha + c.T) / (p.alpha + c.tx));
}

/**
 * E[Y(t) | x, tx, T], purchases in (T, T + t] of a customer with this history (FHL 2005 eq. 10):
 * (a + b + x − 1)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t))]
 * · P(alive | x, tx, T).
 */
export function bgNbdConditionalExpectedPurchases(p: BgNbdParams, c: FrequencyRecency, t: number): number {
  checkFrequencyRecency(c, 'customer');
  checkNonNegative(t, 't');
  const rx = p.r + c.x;
  const z = t / (p.alpha + c.T + t);
  const bracket = 1 - hyp2f1(rx, p.b + c.x, p.a + p.b + c.x - 1, z, rx * Math.log1p(-z));
  return (((p.a + p.b + c.x - 1) / (p.a - 1)) * bracket) / (1 + Math.exp(logDropOdds(p, c)));
}
