// Customers drawn from the BG/NBD + Gamma-Gamma generative process (Fader, Hardie & Lee 2005;
// Fader & Hardie 2013), for fitting benchmarks at scales no public dataset has. Times are whole
// days, as purchase days are in the product, expressed in weeks.
import { prng } from '../server/src/modules/analytics/engine/test-support';

/** Gamma(shape, rate) by Marsaglia & Tsang (2000); shapes below 1 boosted by U^(1/shape). */
function gamma(rnd: () => number, shape: number, rate: number): number {
  if (shape < 1) return gamma(rnd, shape + 1, rate) * rnd() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      // Box–Muller normal
      x = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rnd();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export interface SimulatedCustomer {
  x: number;
  tx: number;
  T: number;
  /** mean repeat-purchase value, major units (0 without repeats) */
  mbar: number;
}

/**
 * n customers with BG/NBD (r, α, a, b; α per week) and Gamma-Gamma (p, q, γ) parameters, each
 * first buying 27–39 weeks before the end like CDNOW's cohort. Deterministic for a seed.
 */
export function simulateCustomers(
  n: number,
  bg: { r: number; alpha: number; a: number; b: number },
  gg: { p: number; q: number; gamma: number },
  seed = 1,
): SimulatedCustomer[] {
  const rnd = prng(seed);
  const out: SimulatedCustomer[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = gamma(rnd, bg.r, bg.alpha);
    const ga = gamma(rnd, bg.a, 1);
    const dropout = ga / (ga + gamma(rnd, bg.b, 1));
    const tDays = 189 + Math.floor(rnd() * 85);
    let t = 0;
    let x = 0;
    let txDays = 0;
    while (rnd() >= dropout) {
      t += -Math.log(1 - rnd()) / lambda;
      const day = Math.floor(t * 7);
      if (day > tDays) break;
      // Purchases on one day are one purchase day, as the product counts them.
      if (day > txDays) {
        x++;
        txDays = day;
      }
    }
    const nu = gamma(rnd, gg.q, gg.gamma);
    const mbar = x > 0 ? gamma(rnd, gg.p * x, nu * x) : 0;
    out.push({ x, tx: txDays / 7, T: tDays / 7, mbar });
  }
  return out;
}
