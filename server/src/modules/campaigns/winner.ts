import type { Tx } from '../../platform/db/database';
import { campaignMessageStats } from '../messaging/delivery/campaign-stats';
import { pickWinner, type WinnerMetric } from './engine/split';
import { attributedConversions } from './report';
import type { campaigns } from './schema';

/** The A/B test's winner from what the variants' messages did so far. */
export async function chooseWinner(tx: Tx, row: typeof campaigns.$inferSelect, metric: WinnerMetric): Promise<string | null> {
  const stats = await campaignMessageStats(tx, row.id);
  const conversions =
    metric === 'conversions'
      ? await attributedConversions(tx, row.id, row.attributionDays, row.attributionModel as 'last_touch' | 'first_touch')
      : new Map();
  return pickWinner(
    row.variants.map((v) => {
      const s = stats.find((m) => m.variant === v.key);
      return {
        key: v.key,
        delivered: s?.delivered ?? 0,
        opens: s?.opened ?? 0,
        clicks: s?.clicked ?? 0,
        conversions: conversions.get(v.key)?.converted ?? 0,
      };
    }),
    metric,
  );
}
