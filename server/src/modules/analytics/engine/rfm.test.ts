import { describe, expect, it } from 'vitest';
import { DEFAULT_RFM_GRID, ntile, RFM_SEGMENTS, type RfmInput, scoreRfm } from './rfm';

describe('ntile', () => {
  it('cuts like SQL ntile(5): sizes differ by one at most, larger groups first', () => {
    expect(Array.from({ length: 7 }, (_, i) => ntile(i, 7))).toEqual([1, 1, 2, 2, 3, 4, 5]);
    expect(Array.from({ length: 10 }, (_, i) => ntile(i, 10))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(Array.from({ length: 3 }, (_, i) => ntile(i, 3))).toEqual([1, 2, 3]);
    expect(Array.from({ length: 12 }, (_, i) => ntile(i, 12))).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5]);
  });
});

const row = (customerId: string | number, recencyDays: number, frequency: number, monetary: number): RfmInput => ({
  customerId,
  recencyDays,
  frequency,
  monetary,
});

describe('scoreRfm', () => {
  it('scores recency inversely, frequency and monetary directly', () => {
    const customers = [row('a', 1, 10, 500), row('b', 10, 8, 400), row('c', 20, 6, 300), row('d', 40, 4, 200), row('e', 80, 2, 100)];
    expect(scoreRfm(customers).map(({ customerId, r, f, m }) => [customerId, r, f, m])).toEqual([
      ['a', 5, 5, 5],
      ['b', 4, 4, 4],
      ['c', 3, 3, 3],
      ['d', 2, 2, 2],
      ['e', 1, 1, 1],
    ]);
  });

  it('breaks ties by customer id, as ntile over (value, customer id) does', () => {
    // ten customers, all alike: scores follow the ids, two per quintile
    const same = [7, 3, 10, 1, 9, 2, 8, 4, 6, 5].map((id) => row(id, 5, 3, 100));
    const byId = new Map(scoreRfm(same).map((s) => [s.customerId, s]));
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((id) => byId.get(id)?.f)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // recency sorts descending, ties still by ascending id
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((id) => byId.get(id)?.r)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('averages F and M with halves up and reads the grid', () => {
    // five customers make each score its rank; pick F and M apart to exercise FM
    const customers = [row(1, 1, 5, 4), row(2, 2, 4, 5), row(3, 3, 1, 2), row(4, 4, 2, 1), row(5, 5, 3, 3)];
    const s = scoreRfm(customers);
    expect(s.map(({ r, f, m, fm, segment }) => [r, f, m, fm, segment])).toEqual([
      [5, 5, 4, 5, 'champions'], // (5 + 4)/2 = 4.5 → 5
      [4, 4, 5, 5, 'loyal'],
      [3, 1, 2, 2, 'about_to_sleep'], // 1.5 → 2
      [2, 2, 1, 2, 'hibernating'],
      [1, 3, 3, 3, 'at_risk'],
    ]);
  });

  it('has a complete default grid using every segment', () => {
    expect(new Set(DEFAULT_RFM_GRID.flat())).toEqual(new Set(RFM_SEGMENTS));
    expect(DEFAULT_RFM_GRID[0][0]).toBe('lost');
    expect(DEFAULT_RFM_GRID[4][0]).toBe('new');
    expect(DEFAULT_RFM_GRID[0][4]).toBe('cant_lose');
    expect(DEFAULT_RFM_GRID[4][4]).toBe('champions');
  });

  it('takes an edited grid', () => {
    const grid = DEFAULT_RFM_GRID.map((r) => [...r]);
    grid[4][4] = 'loyal';
    expect(scoreRfm([row('x', 0, 1, 1)], grid)[0]).toMatchObject({ r: 1, f: 1, m: 1, segment: 'lost' });
    const five = [1, 2, 3, 4, 5].map((i) => row(i, 10 - i, i, i));
    expect(scoreRfm(five, grid).find((s) => s.customerId === 5)?.segment).toBe('loyal');
  });

  it('rejects bad input with typed errors', () => {
    const bad: [RfmInput[], string][] = [
      [[row(1, -1, 1, 1)], 'customers[0].recencyDays'],
      [[row(1, 1, Number.NaN, 1)], 'customers[0].frequency'],
      [[row(1, 1, 1, Number.POSITIVE_INFINITY)], 'customers[0].monetary'],
      [[row(1, 1, 1, 1), row(1, 2, 2, 2)], 'customers[1].customerId'],
    ];
    for (const [customers, field] of bad) {
      expect(() => scoreRfm(customers)).toThrow(expect.objectContaining({ code: 'invalid_input', field }));
    }
    expect(() => scoreRfm([])).toThrow(expect.objectContaining({ code: 'empty_input' }));
    expect(() => scoreRfm([row(1, 1, 1, 1)], [['lost']])).toThrow(expect.objectContaining({ field: 'grid' }));
    expect(() =>
      scoreRfm(
        [row(1, 1, 1, 1)],
        DEFAULT_RFM_GRID.map((r) => r.map(() => 'vip' as never)),
      ),
    ).toThrow(expect.objectContaining({ field: 'grid' }));
  });
});
