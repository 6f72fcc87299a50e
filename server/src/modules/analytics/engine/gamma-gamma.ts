import { type BgNbdParams, bgNbdConditionalExpectedPurchases } from './bgnbd';
import { AnalyticsError, invalid } from './errors';
import { checkFrequencyRecency, checkNonNegative, checkPositive, type FrequencyRecency, requireNonEmpty } from './input';
import { type MinimizeOptions, minimizePositive } from './optimize';
import { logGamma } from './special';

/**
 * Gamma-Gamma spend model, Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves for
 * customer base analysis", JMR 42(4), and Fader & Hardie (2013), "The Gamma-Gamma model of monetary
 * value". A customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ); the model takes the
 * mean mbar of a repeater's x transactions. It assumes spend is independent of purchase frequency.
 */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

/** A repeater: x > 0 transactions of mean value mbar > 0. */
export interface SpendHistory {
  x: number;
  mbar: number;
}

function checkSpend(c: SpendHistory, field: string): void {
  if (!Number.isSafeInteger(c.x) || c.x <= 0) throw invalid(`${field}.x`, `must be a positive integer, got ${c.x}`);
  checkPositive(c.mbar, `${field}.mbar`);
}

/**
 * Maximum-likelihood fit. Density of the mean (Fader & Hardie 2013, eq. 3):
 * f(mbar | x) = Γ(px + q)/(Γ(px) Γ(q)) · γ^q mbar^(px−1) x^(px) / (γ + x mbar)^(px+q).
 * Starts from p = 1, q = 2 and γ = the mean of mbar, which puts the population mean pγ/(q − 1) on
 * the data's currency scale.
 */
export function fitGammaGamma(customers: readonly SpendHistory[], options: MinimizeOptions = {}): GammaGammaFit {
  requireNonEmpty(customers, 'customers');
  customers.forEach((c, i) => {
    checkSpend(c, `customers[${i}]`);
  });
  const xs = customers.map((c) => c.x);
  const xm = customers.map((c) => c.x * c.mbar);
  // Γ terms depend on x only, and Σ (px − 1) ln mbar + px ln x = p Σ x (ln mbar + ln x) − Σ ln mbar:
  // per evaluation only ln(γ + x mbar) is left per customer.
  const countByX = new Map<number, number>();
  let linearInP = 0;
  let sumLogM = 0;
  for (const c of customers) {
    countByX.set(c.x, (countByX.get(c.x) ?? 0) + 1);
    linearInP += c.x * (Math.log(c.mbar) + Math.log(c.x));
    sumLogM += Math.log(c.mbar);
  }
  const negLl = ([p, q, gamma]: number[]) => {
    let ll = p * linearInP - sumLogM - customers.length * (logGamma(q) - q * Math.log(gamma));
    for (const [x, n] of countByX) ll += n * (logGamma(p * x + q) - logGamma(p * x));
    for (let i = 0; i < xs.length; i++) ll -= (p * xs[i] + q) * Math.log(gamma + xm[i]);
    return -ll;
  };
  const mean = xm.reduce((s, v) => s + v, 0) / xs.reduce((s, v) => s + v, 0);
  const result = minimizePositive(negLl, [1, 2, mean], options);
  const [p, q, gamma] = result.params;
  return { p, q, gamma, logLikelihood: -result.value, iterations: result.iterations, converged: result.converged };
}

/**
 * E[M | x, mbar] = (q − 1)/(px + q − 1) · pγ/(q − 1) + px/(px + q − 1) · mbar: a weighted average of
 * the population mean and the customer's own mean, leaning to the latter as x grows. x = 0 gives the
 * population mean. Undefined (thrown) when q ≤ 1, where the population mean is infinite.
 */
export function expectedAverageValue(params: GammaGammaParams, customer: { x: number; mbar: number }): number {
  const { p, q, gamma } = params;
  if (!(q > 1)) throw new AnalyticsError('undefined_mean', `the population mean is infinite for q = ${q} ≤ 1`, 'q');
  if (!Number.isSafeInteger(customer.x) || customer.x < 0) throw invalid('customer.x', `must be a non-negative integer, got ${customer.x}`);
  if (customer.x > 0) checkPositive(customer.mbar, 'customer.mbar');
  const px = p * customer.x;
  return (p * gamma + px * (customer.x > 0 ? customer.mbar : 0)) / (px + q - 1);
}

export interface ClvOptions {
  /** how many periods to sum over, e.g. 12 */
  periods: number;
  /** one period in the BG/NBD time unit, e.g. 30 (days) or 4.345 (weeks) for a month */
  periodLength: number;
  /** discount rate per period, e.g. 0.01 a month */
  discountRate: number;
}

/**
 * Discounted expected value of a customer's future transactions, period by period (the discounted
 * cash flow of the `lifetimes` package): Σₖ₌₁ⁿ v · (E[Y(k·L)] − E[Y((k−1)·L)]) / (1 + d)^k, where E[Y(t)]
 * is the BG/NBD conditional expectation, v the expected average value (in the unit of `averageValue`),
 * L the period length and d the discount rate. With d = 0 it is v · E[Y(n·L)].
 */
export function customerLifetimeValue(bgnbd: BgNbdParams, customer: FrequencyRecency, averageValue: number, options: ClvOptions): number {
  checkFrequencyRecency(customer, 'customer');
  checkNonNegative(averageValue, 'averageValue');
  if (!Number.isSafeInteger(options.periods) || options.periods < 1)
    throw invalid('periods', `must be a positive integer, got ${options.periods}`);
  checkPositive(options.periodLength, 'periodLength');
  if (!(options.discountRate > -1) || !Number.isFinite(options.discountRate)) throw invalid('discountRate', 'must be above −1');
  let value = 0;
  let before = 0;
  for (let k = 1; k <= options.periods; k++) {
    const upTo = bgNbdConditionalExpectedPurchases(bgnbd, customer, k * options.periodLength);
    value += (averageValue * (upTo - before)) / (1 + options.discountRate) ** k;
    before = upTo;
  }
  return value;
}
