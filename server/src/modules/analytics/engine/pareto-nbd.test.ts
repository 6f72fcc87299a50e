import { describe, expect, it } from 'vitest';
import { fitParetoNbd, paretoNbdLogLikelihood } from './pareto-nbd';
import { logGamma } from './special';
import { summarizeTransactions } from './summary';
import { CDNOW_PERIODS, cdnowPublishedSummary, cdnowTransactions, hasData } from './test-support';

/**
 * The likelihood straight from its derivation, with the unseen death time integrated numerically
 * (Simpson): Γ(r+x)α^r β^s/Γ(r) · [(α+T)^−(r+x) (β+T)^−s + s ∫ₜₓᵀ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ].
 */
function bySimpson(p: { r: number; alpha: number; s: number; beta: number }, c: { x: number; tx: number; T: number }): number {
  const { r, alpha, s, beta } = p;
  const f = (tau: number) => (alpha + tau) ** -(r + c.x) * (beta + tau) ** -(s + 1);
  const n = 2000;
  const h = (c.T - c.tx) / n;
  let sum = f(c.tx) + f(c.T);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(c.tx + i * h);
  const head = Math.exp(logGamma(r + c.x) - logGamma(r)) * alpha ** r * beta ** s;
  return Math.log(head * ((alpha + c.T) ** -(r + c.x) * (beta + c.T) ** -s + (s * (sum * h)) / 3));
}

describe('Pareto/NBD likelihood', () => {
  it('matches the integral form for α < β, α > β and α = β', () => {
    const customers = [
      { x: 3, tx: 4, T: 10 },
      { x: 0, tx: 0, T: 10 },
      { x: 12, tx: 9.5, T: 10 },
    ];
    for (const p of [
      { r: 0.8, alpha: 3, s: 1.5, beta: 7 },
      { r: 0.8, alpha: 9, s: 1.5, beta: 2 },
      { r: 0.8, alpha: 5, s: 1.5, beta: 5 },
    ]) {
      for (const c of customers) expect(paretoNbdLogLikelihood(p, [c])).toBeCloseTo(bySimpson(p, c), 10);
    }
  });

  it('rejects bad input with typed errors', () => {
    expect(() => fitParetoNbd([{ x: 2, tx: 5, T: 4 }])).toThrow(
      expect.objectContaining({ code: 'invalid_input', field: 'customers[0].tx' }),
    );
    expect(() => fitParetoNbd([])).toThrow(expect.objectContaining({ code: 'empty_input' }));
  });
});

describe.skipIf(!hasData)('Pareto/NBD on CDNOW', () => {
  it('reproduces the published fit from the rebuilt summary', () => {
    const summary = summarizeTransactions(cdnowTransactions(), CDNOW_PERIODS);
    const started = performance.now();
    const fit = fitParetoNbd(summary);
    console.log(`Pareto/NBD fit, 2,357 CDNOW customers: ${(performance.now() - started).toFixed(0)} ms, ${fit.iterations} iterations`);
    expect(fit.converged).toBe(true);
    expect(fit.r).toBeCloseTo(0.553, 3);
    expect(fit.alpha).toBeCloseTo(10.578, 3);
    expect(fit.s).toBeCloseTo(0.606, 3);
    expect(fit.beta).toBeCloseTo(11.669, 3);
    expect(fit.logLikelihood).toBeCloseTo(-9594.976, 2);
  });

  it('lands within 0.001 on the two-decimal summary file, whose rounding moves the flat β', () => {
    const fit = fitParetoNbd(cdnowPublishedSummary());
    expect(fit.beta).toBeCloseTo(11.6679, 3); // scipy's optimum on the same file: 11.66791
    expect(Math.abs(fit.beta - 11.669)).toBeLessThan(0.0015);
    expect(fit.r).toBeCloseTo(0.553, 3);
  });
});
