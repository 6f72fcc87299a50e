import { describe, expect, it } from 'vitest';
import { uplift, wilson } from './uplift';

describe('Wilson interval', () => {
  it('matches Newcombe (1998, table I) for 81/263 and 0/10', () => {
    const a = wilson({ events: 81, total: 263 });
    expect(a.low).toBeCloseTo(0.2553, 4);
    expect(a.high).toBeCloseTo(0.3662, 4);
    const b = wilson({ events: 0, total: 10 });
    expect(b.low).toBe(0);
    expect(b.high).toBeCloseTo(0.2775, 4);
  });

  it('refuses counts that are not a proportion', () => {
    expect(() => wilson({ events: 5, total: 4 })).toThrow(RangeError);
    expect(() => wilson({ events: -1, total: 4 })).toThrow(RangeError);
    expect(() => wilson({ events: 0.5, total: 4 })).toThrow(RangeError);
  });
});

describe('uplift against the control group', () => {
  it('gives Newcombe’s method-10 interval for 56/70 − 48/80 (1998, table II)', () => {
    const u = uplift({ events: 56, total: 70 }, { events: 48, total: 80 });
    expect(u.difference).toBeCloseTo(0.2, 12);
    expect(u.differenceInterval.low).toBeCloseTo(0.0524, 4);
    expect(u.differenceInterval.high).toBeCloseTo(0.3339, 4);
    expect(u.relative).toBeCloseTo(1 / 3, 12);
    expect(u.significant).toBe(true);
  });

  it('and for 9/10 − 3/10, 6/7 − 2/7 and 5/56 − 0/29 (a control that converted nobody)', () => {
    const a = uplift({ events: 9, total: 10 }, { events: 3, total: 10 });
    expect(a.differenceInterval.low).toBeCloseTo(0.1705, 4);
    expect(a.differenceInterval.high).toBeCloseTo(0.809, 4);
    const b = uplift({ events: 6, total: 7 }, { events: 2, total: 7 });
    expect(b.differenceInterval.low).toBeCloseTo(0.0582, 4);
    expect(b.differenceInterval.high).toBeCloseTo(0.8062, 4);
    const c = uplift({ events: 5, total: 56 }, { events: 0, total: 29 });
    expect(c.differenceInterval.low).toBeCloseTo(-0.0381, 4);
    expect(c.differenceInterval.high).toBeCloseTo(0.1926, 4);
    expect(c.significant).toBe(false);
    expect(c.relative).toBeNull();
  });

  it('computes the pooled z test p-value', () => {
    // 2,000/20,000 vs 150/2,000: z = 0.025 / sqrt(0.097727 · 0.902273 · 0.00055) = 3.5899
    const u = uplift({ events: 2000, total: 20000 }, { events: 150, total: 2000 });
    expect(u.pValue).toBeCloseTo(0.000331, 5);
    expect(u.significant).toBe(true);
  });

  it('is not significant when the groups convert alike, or the control is empty', () => {
    const same = uplift({ events: 100, total: 1000 }, { events: 10, total: 100 });
    expect(same.difference).toBeCloseTo(0, 12);
    expect(same.pValue).toBeCloseTo(1, 6);
    expect(same.significant).toBe(false);
    const noControl = uplift({ events: 100, total: 1000 }, { events: 0, total: 0 });
    expect(noControl.significant).toBe(false);
    expect(noControl.relative).toBeNull();
    expect(noControl.pValue).toBe(1);
  });
});
