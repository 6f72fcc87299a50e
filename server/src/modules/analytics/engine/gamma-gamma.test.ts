import { describe, expect, it } from 'vitest';
import { bgNbdConditionalExpectedPurchases } from './bgnbd';
import { AnalyticsError } from './errors';
import { customerLifetimeValue, expectedAverageValue, fitGammaGamma } from './gamma-gamma';
import { summarizeTransactions } from './summary';
import { CDNOW_PERIODS, cdnowPublishedSummary, cdnowTransactions, hasData } from './test-support';

const gg = { p: 6, q: 4, gamma: 15 };

describe('Gamma-Gamma', () => {
  it('shrinks a customer mean towards the population mean', () => {
    // (pγ + p·x·mbar)/(p·x + q − 1) = (90 + 6·2·20)/(12 + 3) = 22
    expect(expectedAverageValue(gg, { x: 2, mbar: 20 })).toBeCloseTo(22, 14);
    expect(expectedAverageValue(gg, { x: 0, mbar: 0 })).toBeCloseTo(30, 14); // pγ/(q − 1)
    expect(expectedAverageValue(gg, { x: 1000, mbar: 20 })).toBeCloseTo(20, 1);
  });

  it('refuses an infinite population mean and bad input', () => {
    expect(() => expectedAverageValue({ ...gg, q: 1 }, { x: 2, mbar: 20 })).toThrow(expect.objectContaining({ code: 'undefined_mean' }));
    expect(() => expectedAverageValue(gg, { x: -1, mbar: 20 })).toThrow(AnalyticsError);
    expect(() => fitGammaGamma([{ x: 0, mbar: 10 }])).toThrow(expect.objectContaining({ field: 'customers[0].x' }));
    expect(() => fitGammaGamma([{ x: 2, mbar: 0 }])).toThrow(expect.objectContaining({ field: 'customers[0].mbar' }));
    expect(() => fitGammaGamma([])).toThrow(expect.objectContaining({ code: 'empty_input' }));
  });
});

describe('customerLifetimeValue', () => {
  const bg = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
  const customer = { x: 2, tx: 30, T: 38 };

  it('telescopes to value × expected purchases without discounting', () => {
    const clv = customerLifetimeValue(bg, customer, 25, { periods: 12, periodLength: 4.345, discountRate: 0 });
    expect(clv).toBeCloseTo(25 * bgNbdConditionalExpectedPurchases(bg, customer, 12 * 4.345), 12);
  });

  it('discounts each period’s expected purchases', () => {
    const e1 = bgNbdConditionalExpectedPurchases(bg, customer, 4);
    const e2 = bgNbdConditionalExpectedPurchases(bg, customer, 8);
    const clv = customerLifetimeValue(bg, customer, 25, { periods: 2, periodLength: 4, discountRate: 0.1 });
    expect(clv).toBeCloseTo((25 * e1) / 1.1 + (25 * (e2 - e1)) / 1.21, 12);
  });

  it('rejects bad options', () => {
    for (const bad of [{ periods: 0 }, { periods: 1.5 }, { periodLength: 0 }, { discountRate: -1 }, { discountRate: Number.NaN }]) {
      expect(() => customerLifetimeValue(bg, customer, 25, { periods: 12, periodLength: 4, discountRate: 0.01, ...bad })).toThrow(
        AnalyticsError,
      );
    }
  });
});

describe.skipIf(!hasData)('Gamma-Gamma on CDNOW (Fader, Hardie & Lee 2005)', () => {
  it('reproduces the published fit and expected values from the 946 repeaters', () => {
    const summary = summarizeTransactions(cdnowTransactions(), CDNOW_PERIODS);
    // the summary is in cents: fit in dollars so γ reads like the published figure
    const repeaters = summary.filter((c) => c.x > 0).map((c) => ({ x: c.x, mbar: c.mbar / 100 }));
    expect(repeaters).toHaveLength(946);
    const started = performance.now();
    const fit = fitGammaGamma(repeaters);
    console.log(`Gamma-Gamma fit, 946 repeaters: ${(performance.now() - started).toFixed(0)} ms, ${fit.iterations} iterations`);
    expect(fit.converged).toBe(true);
    expect(fit.p).toBeCloseTo(6.25, 2);
    expect(fit.q).toBeCloseTo(3.74, 2);
    expect(fit.gamma).toBeCloseTo(15.44, 2);
    const firstFive = summary.slice(0, 5).map((c) => expectedAverageValue(fit, { x: c.x, mbar: c.mbar / 100 }));
    [24.65, 18.91, 35.17, 35.17, 35.17].forEach((v, i) => {
      expect(firstFive[i]).toBeCloseTo(v, 2);
    });
    // in cents the shape parameters are the same and γ scales by 100
    const inCents = fitGammaGamma(summary.filter((c) => c.x > 0));
    expect(inCents.p).toBeCloseTo(fit.p, 3);
    expect(inCents.gamma / 100).toBeCloseTo(fit.gamma, 3);
  });

  it('moves γ to 15.45 on the two-decimal zbar of the summary file', () => {
    // the published figures come from the unrounded means; scipy agrees on 15.44775 for the file
    const fit = fitGammaGamma(
      cdnowPublishedSummary()
        .filter((c) => c.x > 0)
        .map((c) => ({ x: c.x, mbar: c.zbar })),
    );
    expect(fit.gamma).toBeCloseTo(15.4478, 3);
    expect(fit.p).toBeCloseTo(6.25, 2);
  });
});
