import { describe, expect, it } from 'vitest';
import { hyp2f1, logAddExp, logBeta, logGamma, logHyp2f1, logSumExp } from './special';

// reference values from mpmath at 30 digits
describe('logGamma', () => {
  it('matches known values, including the reflection branch', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 13);
    expect(logGamma(1e-8)).toBeCloseTo(18.42068073818021, 12);
    expect(logGamma(-2.5)).toBeCloseTo(-0.05624371649767405, 13); // log |Γ(−2.5)|
    expect(logGamma(171.5) / 709.1431630309282).toBeCloseTo(1, 14);
    expect(logGamma(1e6) / 12815504.569147613).toBeCloseTo(1, 14);
  });

  it('is +∞ at the poles', () => {
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
  });

  it('gives log B(a, b)', () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 14);
  });
});

describe('logAddExp and logSumExp', () => {
  it('add in log space without overflow', () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 15);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(Number.NEGATIVE_INFINITY, -5)).toBe(-5);
    expect(logAddExp(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(logSumExp([1000, 1000, 1000])).toBeCloseTo(1000 + Math.log(3), 12);
    expect(logSumExp([-1000, Math.log(0.5), Math.log(0.25)])).toBeCloseTo(Math.log(0.75), 15);
    expect(logSumExp([])).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('hyp2f1', () => {
  it('matches closed forms, up to z close to 1', () => {
    for (const z of [0.1, 0.5, 0.9, 0.999]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log1p(-z) / z, 12);
      expect(hyp2f1(2.5, 1.3, 1.3, z) / (1 - z) ** -2.5).toBeCloseTo(1, 12);
      expect(hyp2f1(0.5, 0.5, 1.5, z * z)).toBeCloseTo(Math.asin(z) / z, 12);
    }
    expect(hyp2f1(-2, 3, 4, 0.5)).toBeCloseTo(1 - 3 / 4 + (3 * 4 * 0.25) / (4 * 5), 14); // a polynomial
  });

  it('handles negative arguments through the Pfaff transformation', () => {
    expect(hyp2f1(1, 1, 2, -0.5)).toBeCloseTo(Math.log(1.5) / 0.5, 14);
    expect(hyp2f1(1, 1, 2, -3)).toBeCloseTo(Math.log(4) / 3, 14);
    expect(hyp2f1(0.5, 1.2, 3.1, -7)).toBeCloseTo(0.5680197572821647, 13);
  });

  it('matches mpmath on general and negative parameters', () => {
    expect(hyp2f1(0.7, 2.3, 1.9, 0.999) / 1208.5160959417358).toBeCloseTo(1, 10);
    expect(hyp2f1(1.5, -0.3, 0.4, 0.6)).toBeCloseTo(-0.20821790401976892, 13);
    expect(hyp2f1(-0.2, 0.6, -1.5, 0.3)).toBeCloseTo(0.9988940416932017, 13);
  });

  it('folds a power in without overflowing on the way', () => {
    // 2F1 alone is ~10^301 here; times 0.5^1000.24 it is 1.156
    expect(hyp2f1(1000.24, 1002.43, 1002.22, 0.5, 1000.24 * Math.log(0.5))).toBeCloseTo(1.1564481001730114, 11);
    expect(logHyp2f1(1, 1, 2, 0.5)).toBeCloseTo(Math.log(2 * Math.LN2), 14);
  });

  it('refuses arguments outside its domain', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 0, 0.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(RangeError);
    expect(() => hyp2f1(Number.NaN, 1, 2, 0.5)).toThrow(RangeError);
  });
});
