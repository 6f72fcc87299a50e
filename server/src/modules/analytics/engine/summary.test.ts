import { describe, expect, it } from 'vitest';
import { AnalyticsError } from './errors';
import { dayNumber, summarizeTransactions, type Transaction } from './summary';
import { CDNOW_PERIODS, cdnowPublishedSummary, cdnowTransactions, hasData } from './test-support';

describe('dayNumber', () => {
  it('counts days from 1970-01-01 and passes day numbers through', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1997-09-30') - dayNumber('1997-01-01')).toBe(272);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2); // leap year
    expect(dayNumber(12)).toBe(12);
  });

  it('rejects impossible dates and fractional day numbers', () => {
    for (const bad of ['2025-02-30', '2025-13-01', '25-01-01', '2025-1-1', '2025-01-01T10:00']) {
      expect(() => dayNumber(bad)).toThrow(AnalyticsError);
    }
    expect(() => dayNumber(1.5)).toThrow(AnalyticsError);
  });
});

describe('summarizeTransactions', () => {
  const tx: Transaction[] = [
    { customerId: 'b', day: 0, amount: 1000 },
    { customerId: 'b', day: 7, amount: 300 },
    { customerId: 'b', day: 7, amount: 200 }, // same day: one purchase of 500
    { customerId: 'b', day: 21, amount: 1500 },
    { customerId: 'b', day: 30, amount: 999 }, // holdout
    { customerId: 'b', day: 30, amount: 1 }, // holdout, same day
    { customerId: 'b', day: 35, amount: 10 }, // holdout
    { customerId: 'b', day: 60, amount: 10 }, // after the holdout end: ignored
    { customerId: 'a', day: 14, amount: 700 },
    { customerId: 'c', day: 29, amount: 100 }, // first purchase after calibration: not a customer yet
    { customerId: 1, day: 28, amount: 0 }, // first purchase on the calibration end
  ];

  it('merges same-day purchases and splits calibration and holdout', () => {
    expect(summarizeTransactions(tx, { calibrationEnd: 28, holdoutEnd: 42 })).toEqual([
      { customerId: 1, x: 0, tx: 0, T: 0, mbar: 0, holdout: 0 },
      { customerId: 'a', x: 0, tx: 0, T: 14, mbar: 0, holdout: 0 },
      { customerId: 'b', x: 2, tx: 21, T: 28, mbar: 1000, holdout: 2 },
    ]);
  });

  it('measures in weeks and ignores the holdout without a holdout end', () => {
    const b = summarizeTransactions(tx, { calibrationEnd: 28, unit: 'week' }).find((c) => c.customerId === 'b');
    expect(b).toEqual({ customerId: 'b', x: 2, tx: 3, T: 4, mbar: 1000, holdout: 0 });
  });

  it('takes calendar dates', () => {
    const s = summarizeTransactions(
      [
        { customerId: 7, day: '2025-01-30', amount: 100 },
        { customerId: 7, day: '2025-03-01', amount: 300 },
      ],
      { calibrationEnd: '2025-03-31' },
    );
    expect(s).toEqual([{ customerId: 7, x: 1, tx: 30, T: 60, mbar: 300, holdout: 0 }]);
  });

  it('rejects bad input with typed errors', () => {
    const opts = { calibrationEnd: 28 };
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof AnalyticsError ? `${e.code}:${e.field}` : 'other';
      }
      return 'none';
    };
    expect(codeOf(() => summarizeTransactions([{ customerId: 1, day: 0, amount: 12.5 }], opts))).toBe(
      'invalid_input:transactions[0].amount',
    );
    expect(codeOf(() => summarizeTransactions([{ customerId: 1, day: 0, amount: -1 }], opts))).toBe('invalid_input:transactions[0].amount');
    expect(codeOf(() => summarizeTransactions([{ customerId: 1, day: '2025-02-30', amount: 1 }], opts))).toBe(
      'invalid_input:transactions[0].day',
    );
    expect(codeOf(() => summarizeTransactions([{ customerId: null as never, day: 0, amount: 1 }], opts))).toBe(
      'invalid_input:transactions[0].customerId',
    );
    expect(codeOf(() => summarizeTransactions(tx, { calibrationEnd: 28, holdoutEnd: 27 }))).toBe('invalid_input:holdoutEnd');
    expect(codeOf(() => summarizeTransactions(tx, { calibrationEnd: 28, unit: 'month' as never }))).toBe('invalid_input:unit');
    expect(codeOf(() => summarizeTransactions([], opts))).toBe('empty_input:transactions');
  });
});

describe.skipIf(!hasData)('CDNOW summary (Fader, Hardie & Lee 2005)', () => {
  it('rebuilds the published calibration summary row by row', () => {
    const ours = summarizeTransactions(cdnowTransactions(), CDNOW_PERIODS);
    const published = cdnowPublishedSummary();
    expect(ours).toHaveLength(2357);
    expect(published).toHaveLength(2357);
    const mismatches = published.filter((p, i) => {
      const c = ours[i];
      // the file has two decimals: x exactly, weeks to ±0.005, zbar (dollars) to 1e-6 once rounded to cents
      return (
        c.customerId !== p.id ||
        c.x !== p.x ||
        Math.abs(c.tx - p.tx) > 0.005 + 1e-9 ||
        Math.abs(c.T - p.T) > 0.005 + 1e-9 ||
        Math.abs(Math.round(c.mbar) / 100 - p.zbar) > 1e-6 * Math.max(1, p.zbar)
      );
    });
    expect(mismatches).toEqual([]);
    expect(ours.filter((c) => c.x === 0)).toHaveLength(1411);
    expect(ours.filter((c) => c.x > 0)).toHaveLength(946);
    expect(ours.reduce((s, c) => s + c.x, 0)).toBe(2457);
    expect(ours.reduce((s, c) => s + c.holdout, 0)).toBe(1882);
    expect(ours[0]).toMatchObject({ customerId: 1, x: 2, mbar: 2234.5 }); // zbar 22.35 in the file
  });
});
