/**
 * Is a campaign's conversion rate really above its control group's? Proportions with Wilson score
 * intervals, their difference with Newcombe's hybrid score interval (Newcombe 1998, "Interval
 * estimation for the difference between independent proportions", method 10 — well behaved at the
 * small counts and rates near 0 a holdout has, where the textbook Wald interval is not), and a pooled
 * two-proportion z test.
 */

export interface Proportion {
  /** Customers who converted. */
  events: number;
  /** Customers in the group. */
  total: number;
}

export interface Interval {
  low: number;
  high: number;
}

export interface Uplift {
  treatmentRate: number;
  controlRate: number;
  /** Treatment rate minus control rate (absolute, 0.012 = 1.2 points). */
  difference: number;
  differenceInterval: Interval;
  /** Difference relative to the control rate; null when the control converted nobody. */
  relative: number | null;
  /** Two-sided p-value of "no difference". */
  pValue: number;
  /** The interval excludes zero. */
  significant: boolean;
}

/** z for a two-sided interval: 1.959964 for 95 %. */
const Z_95 = 1.959963984540054;

function check({ events, total }: Proportion) {
  if (!Number.isInteger(events) || !Number.isInteger(total) || events < 0 || total < 0 || events > total) {
    throw new RangeError(`not a proportion: ${events}/${total}`);
  }
}

/** Wilson score interval of one proportion; [0, 1] for an empty group. */
export function wilson(p: Proportion, z = Z_95): Interval {
  check(p);
  if (p.total === 0) return { low: 0, high: 1 };
  const n = p.total;
  const rate = p.events / n;
  const z2 = z * z;
  const centre = (rate + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + z / 2);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

export function uplift(treatment: Proportion, control: Proportion, z = Z_95): Uplift {
  check(treatment);
  check(control);
  const p1 = treatment.total ? treatment.events / treatment.total : 0;
  const p2 = control.total ? control.events / control.total : 0;
  const w1 = wilson(treatment, z);
  const w2 = wilson(control, z);
  const difference = p1 - p2;
  const differenceInterval = {
    low: difference - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2),
    high: difference + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2),
  };
  const n = treatment.total + control.total;
  const pooled = n ? (treatment.events + control.events) / n : 0;
  const se = treatment.total && control.total ? Math.sqrt(pooled * (1 - pooled) * (1 / treatment.total + 1 / control.total)) : 0;
  const pValue = se > 0 ? erfc(Math.abs(difference) / se / Math.SQRT2) : 1;
  return {
    treatmentRate: p1,
    controlRate: p2,
    difference,
    differenceInterval,
    relative: p2 > 0 ? difference / p2 : null,
    pValue,
    significant: treatment.total > 0 && control.total > 0 && (differenceInterval.low > 0 || differenceInterval.high < 0),
  };
}
