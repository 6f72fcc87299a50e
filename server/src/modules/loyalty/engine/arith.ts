import { allocate } from '../../../platform/money';

/**
 * Integer arithmetic of the engine. Money is kuruş, points are whole, quantities have at most three
 * decimals: everything is turned into integers (milli-units, basis points, hundredths of a factor)
 * and multiplied as BigInt, so no float ever decides a kuruş.
 */

/** round(n / d) with halves away from zero; d > 0. */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  if (n < 0n) return -divRoundHalfUp(-n, d);
  return (n * 2n + d) / (2n * d);
}

/** floor(n / d) for non-negative n; d > 0. */
export function divFloor(n: bigint, d: bigint): bigint {
  if (n < 0n) return -((-n + d - 1n) / d);
  return n / d;
}

/** A quantity (at most three decimals) as an integer count of thousandths. */
export function milli(quantity: number): number {
  return Math.round(quantity * 1000);
}

/** The value of a line before any discount: quantity × unit price, rounded half up to the kuruş. */
export function lineGross(quantity: number, unitPrice: number): number {
  return Number(divRoundHalfUp(BigInt(milli(quantity)) * BigInt(unitPrice), 1000n));
}

/** A percentage with at most two decimals (12.5 → 1250) as basis points. */
export function basisPoints(percent: number): number {
  return Math.round(percent * 100);
}

/** amount × percent, rounded half up to the kuruş. */
export function percentOf(amount: number, percent: number): number {
  return Number(divRoundHalfUp(BigInt(amount) * BigInt(basisPoints(percent)), 10_000n));
}

/** A factor with at most two decimals (1.5 → 150) in hundredths. */
export function hundredths(factor: number): number {
  return Math.round(factor * 100);
}

/** True when a number has at most `digits` decimals (tolerating binary float noise). */
export function hasAtMostDecimals(value: number, digits: number): boolean {
  const scaled = value * 10 ** digits;
  return Number.isFinite(scaled) && Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/**
 * Splits `amount` over lines pro rata to `weights` (largest remainder, ties to the earlier line) without
 * giving any line more than its cap; what a capped line cannot take goes to the others, pro rata again.
 * Returns the parts and the amount actually allocated (less than asked when the caps are smaller).
 */
export function allocateCapped(amount: number, weights: number[], caps: number[]): { parts: number[]; total: number } {
  const n = weights.length;
  const parts = new Array<number>(n).fill(0);
  const capacity = caps.reduce((s, c) => s + Math.max(0, c), 0);
  let left = Math.min(Math.max(0, amount), capacity);
  const total = left;
  const open = new Set<number>();
  for (let i = 0; i < n; i++) if ((caps[i] as number) > 0) open.add(i);
  while (left > 0 && open.size > 0) {
    const idx = [...open];
    let w = idx.map((i) => Math.max(0, weights[i] as number));
    if (w.every((x) => x === 0)) w = idx.map((i) => (caps[i] as number) - (parts[i] as number));
    const shares = allocate(left, w);
    let overflow = 0;
    idx.forEach((i, k) => {
      const room = (caps[i] as number) - (parts[i] as number);
      const share = shares[k] as number;
      if (share >= room) {
        parts[i] = (parts[i] as number) + room;
        overflow += share - room;
        open.delete(i);
      } else {
        parts[i] = (parts[i] as number) + share;
      }
    });
    left = overflow;
  }
  return { parts, total };
}
