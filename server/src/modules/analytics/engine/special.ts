/**
 * Special functions for the probability models. Everything the likelihoods need is computed in log
 * space: the CDNOW likelihood is a sum of ~2,400 terms around −4, and the products behind each term
 * (Γ(r + x), (α + T)^(r + x)) overflow doubles long before x reaches the purchase counts of a daily
 * coffee buyer.
 */

const LANCZOS_G = 7;
// Lanczos coefficients for g = 7, n = 9 (Godfrey); relative error below 1e-15 for real arguments.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** log |Γ(x)|; +∞ at the poles (0, −1, −2, …). */
export function logGamma(x: number): number {
  if (x < 0.5) {
    if (Number.isInteger(x)) return Number.POSITIVE_INFINITY;
    // reflection: Γ(x) Γ(1 − x) = π / sin(πx)
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const y = x - 1;
  let a = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** log(e^a + e^b) without overflow; −∞ inputs are zeros. */
export function logAddExp(a: number, b: number): number {
  const m = Math.max(a, b);
  if (m === Number.NEGATIVE_INFINITY) return m;
  return m + Math.log1p(Math.exp(Math.min(a, b) - m));
}

/** log Σ e^xᵢ without overflow; −∞ for an empty list. */
export function logSumExp(xs: readonly number[]): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const x of xs) if (x > m) m = x;
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

const MAX_TERMS = 1_000_000;

/**
 * Gauss's series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ for 0 ≤ z < 1, summed until the geometric bound on the tail
 * (the term ratio tends to z) falls below double precision of the sum.
 */
function gaussSeries(a: number, b: number, c: number, z: number): number {
  // while a + n, b + n or c + n is still negative a small term says nothing about the next ones
  const transient = -Math.min(a, b, c, 0);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    if (term === 0) return sum;
    const rho = Math.max(Math.abs(ratio), z);
    if (n > transient && rho < 1 && Math.abs(term) * (rho / (1 - rho)) <= 1e-17 * Math.abs(sum)) return sum;
  }
  throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}): series did not converge`);
}

/** [sum, logScale] with 2F1(a, b; c; z) = sum · e^logScale. */
function hyp2f1Parts(a: number, b: number, c: number, z: number): [number, number] {
  if (!(z < 1) || Number.isNaN(a + b + c)) throw new RangeError(`hyp2f1 needs finite parameters and z < 1, got z = ${z}`);
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`hyp2f1 is undefined for c = ${c}`);
  if (z < 0) {
    // Pfaff: 2F1(a, b; c; z) = (1 − z)^−a 2F1(a, c − b; c; z / (z − 1)), argument in (0, 1)
    const [s, l] = hyp2f1Parts(a, c - b, c, z / (z - 1));
    return [s, l - a * Math.log1p(-z)];
  }
  // Terms behave like n^(a + b − c − 1) zⁿ; Euler's transformation
  // 2F1(a, b; c; z) = (1 − z)^(c − a − b) 2F1(c − a, c − b; c; z) turns that into n^(c − a − b − 1) zⁿ.
  // Taking the faster one keeps z near 1 affordable, and in the BG/NBD conditional expectation it
  // leaves upper parameters that do not grow with the purchase count.
  if (a + b > c) return [gaussSeries(c - a, c - b, c, z), (c - a - b) * Math.log1p(-z)];
  return [gaussSeries(a, b, c, z), 0];
}

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) for real z < 1, times e^logFactor: callers fold a
 * power into `logFactor` so that a huge 2F1 times a tiny power never overflows on the way.
 */
export function hyp2f1(a: number, b: number, c: number, z: number, logFactor = 0): number {
  const [sum, logScale] = hyp2f1Parts(a, b, c, z);
  return sum * Math.exp(logScale + logFactor);
}

/** log 2F1(a, b; c; z) where the function is positive (NaN where it is not). */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  const [sum, logScale] = hyp2f1Parts(a, b, c, z);
  return Math.log(sum) + logScale;
}
