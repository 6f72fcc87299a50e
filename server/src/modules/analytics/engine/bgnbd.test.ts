import { describe, expect, it } from 'vitest';
import { bgNbdConditionalExpectedPurchases, bgNbdExpectedPurchases, bgNbdLogLikelihood, bgNbdProbabilityAlive, fitBgNbd } from './bgnbd';
import { AnalyticsError } from './errors';
import { summarizeTransactions } from './summary';
import { CDNOW_PERIODS, cdnowPublishedSummary, cdnowTransactions, hasData } from './test-support';

const small = { r: 2, alpha: 3, a: 2, b: 4 };

describe('BG/NBD likelihood', () => {
  it('equals FHL (2005) eq. 6 evaluated by hand with whole-number parameters', () => {
    // B(2, 6) = 1/42, B(2, 4) = 1/20, B(3, 5) = 1/105, Γ(4)/Γ(2) = 6, α^r = 9
    const repeat = (20 / 42) * ((6 * 9) / 11 ** 4) + (20 / 105) * ((6 * 9) / 8 ** 4);
    expect(bgNbdLogLikelihood(small, [{ x: 2, tx: 5, T: 8 }])).toBeCloseTo(Math.log(repeat), 13);
    expect(bgNbdLogLikelihood(small, [{ x: 0, tx: 0, T: 8 }])).toBeCloseTo(2 * Math.log(3 / 11), 14);
  });

  it('weights rows by count', () => {
    const rows = [
      { x: 2, tx: 5, T: 8 },
      { x: 0, tx: 0, T: 8 },
    ];
    expect(bgNbdLogLikelihood(small, [{ ...rows[0], count: 3 }, rows[1]])).toBeCloseTo(
      bgNbdLogLikelihood(small, [rows[0], rows[0], rows[0], rows[1]]),
      12,
    );
  });

  it('rejects bad input with typed errors', () => {
    const bad = [
      [{ x: 1.5, tx: 1, T: 2 }, 'customers[0].x'],
      [{ x: -1, tx: 0, T: 2 }, 'customers[0].x'],
      [{ x: 1, tx: 3, T: 2 }, 'customers[0].tx'],
      [{ x: 1, tx: 0, T: 2 }, 'customers[0].tx'],
      [{ x: 0, tx: 0, T: Number.NaN }, 'customers[0].T'],
      [{ x: 0, tx: 0, T: 2, count: 0 }, 'customers[0].count'],
    ] as const;
    for (const [row, field] of bad) {
      expect(() => fitBgNbd([row])).toThrow(expect.objectContaining({ code: 'invalid_input', field }));
    }
    expect(() => fitBgNbd([])).toThrow(expect.objectContaining({ code: 'empty_input' }));
    expect(() => bgNbdExpectedPurchases(small, -1)).toThrow(AnalyticsError);
  });
});

describe('BG/NBD predictions', () => {
  it('start at zero and treat a customer without repeats as alive', () => {
    expect(bgNbdExpectedPurchases(small, 0)).toBe(0);
    expect(bgNbdConditionalExpectedPurchases(small, { x: 2, tx: 5, T: 8 }, 0)).toBe(0);
    expect(bgNbdProbabilityAlive(small, { x: 0, tx: 0, T: 100 })).toBe(1);
    // 1 / (1 + a/(b + x − 1) · ((α + T)/(α + tx))^(r+x)) = 1 / (1 + 2/5 · (11/8)^4)
    expect(bgNbdProbabilityAlive(small, { x: 2, tx: 5, T: 8 })).toBeCloseTo(1 / (1 + 0.4 * (11 / 8) ** 4), 15);
  });

  it('stays finite for heavy buyers (x in the thousands)', () => {
    // mpmath at 40 digits, CDNOW parameters
    const p = { r: 0.24259291678290035, alpha: 4.413531704622455, a: 0.7928860124502756, b: 2.4257532943891884 };
    expect(bgNbdConditionalExpectedPurchases(p, { x: 1500, tx: 309.9, T: 310 }, 52)).toBeCloseTo(233.114857844364, 8);
    expect(bgNbdConditionalExpectedPurchases(p, { x: 300, tx: 38.8, T: 38.86 }, 39)).toBeCloseTo(205.79742849687202, 9);
    expect(bgNbdConditionalExpectedPurchases(p, { x: 0, tx: 0, T: 38.86 }, 39)).toBeCloseTo(0.1947808559084823, 13);
  });

  it('does not produce NaN when nobody ever repeats', () => {
    const customers = [10, 20, 30, 40].map((T) => ({ x: 0, tx: 0, T, count: 25 }));
    const fit = fitBgNbd(customers);
    for (const v of [fit.r, fit.alpha, fit.a, fit.b, fit.logLikelihood]) expect(Number.isFinite(v)).toBe(true);
    // the likelihood of "no repeats" tends to 1 as the purchase rate r/α tends to 0
    expect(fit.logLikelihood).toBeGreaterThan(-1e-6);
    expect(fit.logLikelihood).toBeLessThan(1e-9);
    expect(bgNbdExpectedPurchases(fit, 52)).toBeLessThan(1e-6);
    expect(bgNbdConditionalExpectedPurchases(fit, customers[0], 52)).toBeLessThan(1e-6);
  });
});

describe.skipIf(!hasData)('BG/NBD on CDNOW (Fader, Hardie & Lee 2005)', () => {
  const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it('reproduces the published fit from the summary file and from the rebuilt summary', () => {
    const file = cdnowPublishedSummary();
    const started = performance.now();
    const fit = fitBgNbd(file);
    console.log(`BG/NBD fit, 2,357 CDNOW customers: ${(performance.now() - started).toFixed(0)} ms, ${fit.iterations} iterations`);
    const exact = fitBgNbd(summarizeTransactions(cdnowTransactions(), CDNOW_PERIODS));
    for (const f of [fit, exact]) {
      expect(f.converged).toBe(true);
      for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(f[k]).toBeCloseTo(published[k], 3);
      expect(Math.abs(f.logLikelihood - -9582.4)).toBeLessThan(0.05);
    }
  });

  it('reproduces the published expectations', () => {
    const fit = fitBgNbd(cdnowPublishedSummary());
    expect(bgNbdConditionalExpectedPurchases(fit, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 3);
    expect(bgNbdProbabilityAlive(fit, { x: 2, tx: 30.43, T: 38.86 })).toBeCloseTo(0.7266, 4);
    expect(bgNbdExpectedPurchases(fit, 1)).toBeCloseTo(0.0532, 4);
    expect(bgNbdExpectedPurchases(fit, 3)).toBeCloseTo(0.1506, 4);
    expect(bgNbdExpectedPurchases(fit, 32)).toBeCloseTo(1.0437, 4);
    // The published 1.8576 is Hardie's spreadsheet, whose 2F1 series stops after ~150 terms at
    // z = 0.95; the converged value (mpmath agrees to 15 digits) is 1.857972. lifetimes asserts 3 decimals.
    expect(bgNbdExpectedPurchases(fit, 78)).toBeCloseTo(1.857972, 5);
    expect(Math.abs(bgNbdExpectedPurchases(fit, 78) - 1.8576)).toBeLessThan(5e-4);
  });
});
