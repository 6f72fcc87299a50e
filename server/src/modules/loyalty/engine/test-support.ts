import { type Basket, type BasketLine, type Promotion, promotionSchema } from './schemas';

/** Seeded PRNG (mulberry32) for property tests: the same seed gives the same cases on every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number) => next() < p,
    shuffle: <T>(xs: readonly T[]): T[] => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
  };
}

export const IST = 'Europe/Istanbul';

let lineSeq = 0;
export function line(sku: string | null, unitPrice: number, quantity = 1, extra: Partial<BasketLine> = {}): BasketLine {
  lineSeq++;
  return { lineId: `L${lineSeq}`, sku, categoryPath: [], brand: null, quantity, unitPrice, ...extra };
}

export function basket(lines: BasketLine[], extra: Partial<Basket> = {}): Basket {
  return {
    lines,
    storeCode: 'IST-01',
    channel: 'store',
    at: new Date('2025-03-12T10:00:00Z'), // a Wednesday, 13:00 in Istanbul
    timeZone: IST,
    customer: null,
    ...extra,
  };
}

export const customer = (extra: Partial<NonNullable<Basket['customer']>> = {}): NonNullable<Basket['customer']> => ({
  id: 'c-1',
  tierCode: null,
  tags: [],
  birthdayThisMonth: false,
  segments: [],
  ...extra,
});

/** Parses a promotion (so every test definition is a valid one) with defaults for the common fields. */
export function promo(def: Record<string, unknown>): Promotion {
  return promotionSchema.parse({ priority: 0, stackable: true, exclusive: false, label: String(def.id), ...def });
}
