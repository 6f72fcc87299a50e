import type { NForMPromotion } from '../schemas';
import { compileSelector } from '../selectors';
import { buyGet } from './buy-get';
import type { KindOutcome, LineState } from './types';

/** "3 al 2 öde": buy m, get n − m free, from the same items; the cheapest units are the free ones. */
export function applyNForM(p: NForMPromotion, lines: LineState[]): KindOutcome {
  return buyGet(lines, {
    buy: compileSelector(p.target),
    get: null,
    buyQuantity: p.m,
    getQuantity: p.n - p.m,
    percent: 100,
    maxApplications: p.maxApplications,
  });
}
