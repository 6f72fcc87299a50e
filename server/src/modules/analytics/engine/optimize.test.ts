import { describe, expect, it } from 'vitest';
import { minimizePositive, nelderMead } from './optimize';

const rosenbrock = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum from the classic start', () => {
    const res = nelderMead(rosenbrock, [-1.2, 1]);
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 6);
    expect(res.x[1]).toBeCloseTo(1, 6);
    expect(res.value).toBeLessThan(1e-12);
  });

  it('minimises a badly scaled 4-d quadratic', () => {
    const target = [3, -2, 0.5, 100];
    const scale = [1, 10, 1000, 0.01];
    const res = nelderMead((x) => x.reduce((s, v, i) => s + scale[i] * (v - target[i]) ** 2, 0), [0, 0, 0, 0], { step: 1 });
    expect(res.converged).toBe(true);
    res.x.forEach((v, i) => {
      expect(v).toBeCloseTo(target[i], 3);
    });
  });

  it('is deterministic', () => {
    expect(nelderMead(rosenbrock, [-1.2, 1])).toEqual(nelderMead(rosenbrock, [-1.2, 1]));
  });

  it('treats NaN as a wall', () => {
    // minimum of (x − 2)² is outside the allowed x ≤ 1
    const res = nelderMead(([x]) => (x <= 1 ? (x - 2) ** 2 : Number.NaN), [0]);
    expect(res.x[0]).toBeCloseTo(1, 6);
  });

  it('reports an exhausted budget as not converged', () => {
    expect(nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 10 }).converged).toBe(false);
  });
});

describe('minimizePositive', () => {
  it('searches log-parameters and returns positive ones', () => {
    // minimum at p = (0.001, 5000): six orders of magnitude apart, which log space takes in its stride
    const f = ([a, b]: number[]) => (Math.log(a) - Math.log(0.001)) ** 2 + (Math.log(b) - Math.log(5000)) ** 2;
    const res = minimizePositive(f, [1, 1]);
    expect(res.params[0]).toBeCloseTo(0.001, 8);
    expect(res.params[1] / 5000).toBeCloseTo(1, 6);
  });
});
