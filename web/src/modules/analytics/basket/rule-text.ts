import type { BasketItem, BasketRule } from '../queries';

const names = (items: BasketItem[]) => items.map((i) => i.name).join(' + ');

/** "Çorap + Kemer → Nevresim": how a rule reads in the table and the chart. */
export const ruleText = (r: BasketRule) => `${names(r.antecedent)} → ${names(r.consequent)}`;

/** Two products may share a name; their ids (or SKUs) keep the rows apart. */
export const ruleKey = (r: BasketRule) =>
  [...r.antecedent, { name: '→' }, ...r.consequent].map((i) => i.productId ?? i.sku ?? i.name).join('|');
