import { foldTurkish } from '../../../platform/text';
import type { BasketLine, LineSelector } from './schemas';

// Locale-aware case folding costs microseconds per call and category/brand names repeat endlessly:
// remember the folded keys (a pure function, so the memo changes nothing but speed).
const folded = new Map<string, string>();
function fold(s: string): string {
  let key = folded.get(s);
  if (key === undefined) {
    if (folded.size >= 20_000) folded.clear();
    key = foldTurkish(s);
    folded.set(s, key);
  }
  return key;
}

/** A basket line with the keys selectors compare against, folded once per evaluation. */
export interface KeyedLine {
  line: BasketLine;
  sku: string | null;
  categoryKeys: string[];
  brandKey: string | null;
}

export function keyLine(line: BasketLine): KeyedLine {
  return {
    line,
    sku: line.sku === null ? null : line.sku.trim(),
    categoryKeys: line.categoryPath.map(fold),
    brandKey: line.brand === null ? null : fold(line.brand),
  };
}

export type LineMatcher = (line: KeyedLine) => boolean;

function categoryMatcher(prefixes: string[][]): (keys: string[]) => boolean {
  const folded = prefixes.map((p) => p.map(fold));
  return (keys) => folded.some((prefix) => prefix.length <= keys.length && prefix.every((seg, i) => seg === keys[i]));
}

function dimensionMatchers(sel: { skus?: string[]; categories?: string[][]; brands?: string[] }): LineMatcher[] {
  const out: LineMatcher[] = [];
  if (sel.skus) {
    const skus = new Set(sel.skus.map((s) => s.trim()));
    out.push((l) => l.sku !== null && skus.has(l.sku));
  }
  if (sel.categories) {
    const match = categoryMatcher(sel.categories);
    out.push((l) => match(l.categoryKeys));
  }
  if (sel.brands) {
    const brands = new Set(sel.brands.map(fold));
    out.push((l) => l.brandKey !== null && brands.has(l.brandKey));
  }
  return out;
}

/** Compiles a selector: every dimension given must match (AND), any entry within one (OR); then exclusions. */
export function compileSelector(selector: LineSelector | undefined): LineMatcher {
  if (!selector) return () => true;
  const include = dimensionMatchers(selector);
  const exclude = selector.exclude ? dimensionMatchers(selector.exclude) : [];
  return (l) => include.every((m) => m(l)) && !exclude.some((m) => m(l));
}

/** Category prefix matching on its own (points multipliers). */
export function compileCategories(prefixes: string[][]): LineMatcher {
  const match = categoryMatcher(prefixes);
  return (l) => match(l.categoryKeys);
}
