import { describe, expect, it } from 'vitest';
import { computeLots, expiredBy, expiringWithin, lotExpiry, openLots, verifyLedger } from './expiry';
import type { LedgerEntry } from './schemas';
import { IST, prng } from './test-support';

const twelve = { months: 12, monthEnd: false };
const e = (id: string, type: LedgerEntry['type'], points: number, at: string, reversesId?: string): LedgerEntry => ({
  id,
  type,
  points,
  occurredAt: new Date(at),
  ...(reversesId ? { reversesId } : {}),
});

describe('lot expiry dates (org wall clock)', () => {
  it('counts months from the Istanbul day the points were earned', () => {
    // 01:30 on 15 March in Istanbul, still 14 March in UTC
    expect(lotExpiry(new Date('2025-03-14T22:30:00Z'), twelve, IST)).toEqual({
      lastValidDay: '2026-03-15',
      expiresAt: new Date('2026-03-15T21:00:00Z'), // 16 March 00:00 in Istanbul
    });
  });

  it('can run to the end of the month', () => {
    expect(lotExpiry(new Date('2025-03-14T22:30:00Z'), { months: 12, monthEnd: true }, IST)).toEqual({
      lastValidDay: '2026-03-31',
      expiresAt: new Date('2026-03-31T21:00:00Z'),
    });
  });

  it('clamps to shorter months', () => {
    expect(lotExpiry(new Date('2025-01-31T10:00:00Z'), { months: 1, monthEnd: false }, IST).lastValidDay).toBe('2025-02-28');
    expect(lotExpiry(new Date('2024-01-31T10:00:00Z'), { months: 1, monthEnd: false }, IST).lastValidDay).toBe('2024-02-29');
  });

  it('never expires without a policy', () => {
    expect(lotExpiry(new Date(), undefined, IST)).toEqual({ lastValidDay: null, expiresAt: null });
  });
});

describe('FIFO lots', () => {
  const ledger = [
    e('e1', 'earn', 100, '2025-01-10T10:00:00Z'),
    e('e2', 'earn', 200, '2025-02-10T10:00:00Z'),
    e('b1', 'burn', -150, '2025-03-10T10:00:00Z'),
  ];

  it('burns the oldest lot first', () => {
    const state = computeLots(ledger, twelve, IST);
    expect(state.balance).toBe(150);
    expect(state.deficit).toBe(0);
    expect(state.lots.map((l) => [l.entryId, l.remaining])).toEqual([
      ['e1', 0],
      ['e2', 150],
    ]);
    expect(openLots(state).map((l) => l.entryId)).toEqual(['e2']);
  });

  it('says what expires on or before a date and in the next days', () => {
    const state = computeLots(ledger, twelve, IST);
    expect(expiredBy(state, new Date('2026-02-10T20:59:59Z')).points).toBe(0);
    expect(expiredBy(state, new Date('2026-02-10T21:00:00Z'))).toEqual({
      points: 150,
      lots: [{ entryId: 'e2', points: 150, lastValidDay: '2026-02-10', expiresAt: new Date('2026-02-10T21:00:00Z') }],
    });
    expect(expiringWithin(state, new Date('2026-01-15T09:00:00Z'), 30).points).toBe(150);
    expect(expiringWithin(state, new Date('2026-01-01T09:00:00Z'), 30).points).toBe(0);
    // an expiry run writes the points off; they are gone from the lots
    const after = computeLots([...ledger, e('x1', 'expire', -150, '2026-02-10T21:05:00Z')], twelve, IST);
    expect(after.balance).toBe(0);
    expect(expiredBy(after, new Date('2027-01-01T00:00:00Z')).points).toBe(0);
  });

  it('takes a refunded receipt’s points from that receipt’s lot', () => {
    const state = computeLots(
      [
        e('e1', 'earn', 100, '2025-01-10T10:00:00Z'),
        e('e2', 'earn', 200, '2025-02-10T10:00:00Z'),
        e('r1', 'reversal', -50, '2025-02-11T10:00:00Z', 'e2'),
      ],
      twelve,
      IST,
    );
    expect(state.lots.map((l) => l.remaining)).toEqual([100, 150]);
  });

  it('puts refunded paid points back into the lots they came from, with their expiry', () => {
    const state = computeLots([...ledger, e('r1', 'reversal', 120, '2025-03-11T10:00:00Z', 'b1')], twelve, IST);
    // b1 took 100 from e1 and 50 from e2; the refund gives back to e2 first (newest), then e1
    expect(state.lots.map((l) => [l.entryId, l.remaining])).toEqual([
      ['e1', 70],
      ['e2', 200],
    ]);
    expect(state.balance).toBe(270);
  });

  it('opens a new lot for adjustments and reports a negative ledger', () => {
    const state = computeLots([e('a1', 'adjust', 40, '2025-01-01T00:00:00Z'), e('a2', 'adjust', -60, '2025-01-02T00:00:00Z')], twelve, IST);
    expect(state.deficit).toBe(20);
    expect(verifyLedger([e('a1', 'adjust', 40, '2025-01-01T00:00:00Z'), e('a2', 'adjust', -60, '2025-01-02T00:00:00Z')])).toEqual({
      ok: false,
      balance: -20,
      negativeAt: 'a2',
    });
  });

  it('orders entries by time, then id', () => {
    const same = '2025-01-01T00:00:00Z';
    expect(verifyLedger([e('b', 'burn', -10, same), e('a', 'earn', 10, same)]).ok).toBe(true);
    expect(verifyLedger([e('a', 'burn', -10, same), e('b', 'earn', 10, same)]).ok).toBe(false);
  });
});

/** Random valid ledgers: debits never exceed the balance, reversals reference earlier entries. */
function randomLedger(r: ReturnType<typeof prng>): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  let t = Date.UTC(2023, 0, 1);
  let balance = 0;
  const earns: { id: string; left: number }[] = [];
  const debits: { id: string; left: number }[] = [];
  const n = r.int(1, 60);
  for (let i = 0; i < n; i++) {
    if (r.chance(0.8)) t += r.int(0, 40) * 86_400_000 + r.int(0, 86_399) * 1000; // equal instants happen too
    const id = `x${String(i).padStart(3, '0')}`;
    const at = new Date(t);
    const kind = r.int(0, 9);
    if (kind <= 3 || balance === 0) {
      const points = r.int(1, 1000);
      out.push({ id, type: r.chance(0.9) ? 'earn' : 'adjust', points, occurredAt: at });
      earns.push({ id, left: points });
      balance += points;
    } else if (kind <= 6) {
      const points = r.int(1, balance);
      out.push({ id, type: r.pick(['burn', 'expire', 'adjust'] as const), points: -points, occurredAt: at });
      debits.push({ id, left: points });
      balance -= points;
    } else if (kind <= 8 && earns.length > 0) {
      const target = r.pick(earns);
      const points = Math.min(balance, r.int(1, Math.max(1, target.left)));
      if (points <= 0) continue;
      out.push({ id, type: 'reversal', points: -points, occurredAt: at, reversesId: target.id });
      target.left -= Math.min(target.left, points);
      balance -= points;
    } else if (debits.length > 0) {
      const target = r.pick(debits);
      if (target.left <= 0) continue;
      const points = r.int(1, target.left);
      out.push({ id, type: 'reversal', points, occurredAt: at, reversesId: target.id });
      target.left -= points;
      balance += points;
    }
  }
  return r.shuffle(out); // the engine sorts: storage order must not matter
}

describe('ledger invariants (seeded, thousands of random ledgers)', () => {
  it('balance = sum of entries, never negative, lots consistent, FIFO respected', () => {
    const r = prng(4242);
    for (let run = 0; run < 5000; run++) {
      const ledger = randomLedger(r);
      const sum = ledger.reduce((s, x) => s + x.points, 0);
      expect(verifyLedger(ledger)).toEqual({ ok: true, balance: sum });

      const policy = r.chance(0.5) ? { months: r.int(1, 24), monthEnd: r.chance(0.5) } : undefined;
      const problems: string[] = [];
      const state = computeLots(ledger, policy, IST, (step) => {
        // FIFO: when a debit takes from lot j in FIFO order, every earlier lot is exhausted after it
        for (const take of step.took) {
          if (take.targeted) continue;
          for (let i = 0; i < take.lot; i++)
            if ((step.lots[i] as { remaining: number }).remaining !== 0) problems.push(`${step.entry.id} skipped lot ${i}`);
        }
        for (const lot of step.lots)
          if (lot.remaining < 0 || lot.remaining > lot.points) problems.push(`${step.entry.id}: lot ${lot.entryId} = ${lot.remaining}`);
      });
      expect(problems).toEqual([]);
      expect(state.balance).toBe(sum);
      expect(state.deficit).toBe(0);
      expect(state.lots.reduce((s, l) => s + l.remaining, 0)).toBe(sum);
      // with an expiry policy everything open expires eventually; without one, nothing does
      const far = new Date(Date.UTC(2100, 0, 1));
      expect(expiredBy(state, far).points).toBe(policy ? sum : 0);
    }
  });

  it('finds the first entry that made a ledger negative', () => {
    const r = prng(99);
    for (let run = 0; run < 1000; run++) {
      const ledger = randomLedger(r);
      const sum = ledger.reduce((s, x) => s + x.points, 0);
      const bad = { id: 'zzz', type: 'burn' as const, points: -(sum + r.int(1, 100)), occurredAt: new Date(Date.UTC(2099, 0, 1)) };
      expect(verifyLedger([...ledger, bad])).toMatchObject({ ok: false, negativeAt: 'zzz' });
      expect(computeLots([...ledger, bad], undefined, IST).deficit).toBe(-sum - bad.points);
    }
  });
});
