import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { campaignMessageStats } from '../messaging/delivery/campaign-stats';
import { type Uplift, uplift } from './engine/uplift';
import { campaignView, getCampaignRow } from './service';

const DAY = 86_400_000;

interface GroupOutcome {
  group: string;
  customers: number;
  converted: number;
  revenue: number;
}

/**
 * Intent to treat: every customer placed in a messaged group counts (also those whose message was
 * skipped or failed), every control customer counts, and a purchase within the attribution window
 * after the start converts — so the difference is what the campaign caused, not who it reached.
 */
async function groupOutcomes(tx: Tx, campaignId: string, start: Date, days: number): Promise<GroupOutcome[]> {
  const { rows } = await tx.execute(sql`
    select r.group_key as "group", count(*)::int as customers,
           count(*) filter (where p.n > 0)::int as converted, coalesce(sum(p.revenue), 0)::bigint as revenue
    from campaign_recipients r
    left join lateral (
      select count(*) as n, sum(f.net_amount) as revenue from sales_purchase_facts f
      where f.org_id = r.org_id and f.customer_id = r.customer_id
        and f.occurred_at >= ${start} and f.occurred_at < ${new Date(start.getTime() + days * DAY)}
    ) p on true
    where r.org_id = ${tx.orgId} and r.campaign_id = ${campaignId}
    group by r.group_key`);
  return (rows as { group: string; customers: number; converted: number; revenue: string }[]).map((r) => ({
    ...r,
    revenue: Number(r.revenue),
  }));
}

/**
 * Attributed conversions per variant: a purchase within N days after a delivered message of this
 * campaign, when that message is the customer's last delivered marketing message before the
 * purchase (last touch) or the first within the window (first touch).
 */
export async function attributedConversions(tx: Tx, campaignId: string, days: number, model: 'last_touch' | 'first_touch') {
  const window = sql`${`${days} days`}::interval`;
  const other =
    model === 'last_touch'
      ? sql`o.occurred_at > d.occurred_at and o.occurred_at < f.occurred_at`
      : sql`o.occurred_at < d.occurred_at and o.occurred_at > f.occurred_at - ${window}`;
  const { rows } = await tx.execute(sql`
    select d.payload->>'variant' as variant, count(distinct d.customer_id)::int as converted,
           count(distinct f.purchase_id)::int as purchases, coalesce(sum(f.net_amount), 0)::bigint as revenue
    from events d
    join sales_purchase_facts f on f.org_id = d.org_id and f.customer_id = d.customer_id
      and f.occurred_at > d.occurred_at and f.occurred_at <= d.occurred_at + ${window}
    where d.org_id = ${tx.orgId} and d.type = 'message.delivered' and d.payload->>'campaignId' = ${campaignId}
      and not exists (
        select 1 from events o
        where o.org_id = d.org_id and o.customer_id = d.customer_id and o.type = 'message.delivered'
          and o.payload->>'purpose' = 'marketing' and o.id <> d.id and ${other})
    group by 1`);
  return new Map(
    (rows as { variant: string | null; converted: number; purchases: number; revenue: string }[]).map((r) => [
      r.variant ?? '',
      { converted: r.converted, purchases: r.purchases, revenue: Number(r.revenue) },
    ]),
  );
}

/** Conversions per day since the start, messaged groups against control, as rates (charts). */
async function daily(tx: Tx, campaignId: string, start: Date, days: number) {
  const { rows } = await tx.execute(sql`
    select floor(extract(epoch from f.occurred_at - ${start}) / 86400)::int as day,
           (r.group_key = 'control') as control, count(distinct r.customer_id)::int as converted
    from campaign_recipients r
    join sales_purchase_facts f on f.org_id = r.org_id and f.customer_id = r.customer_id
      and f.occurred_at >= ${start} and f.occurred_at < ${new Date(start.getTime() + days * DAY)}
    where r.org_id = ${tx.orgId} and r.campaign_id = ${campaignId}
    group by 1, 2 order by 1`);
  return rows as { day: number; control: boolean; converted: number }[];
}

export async function campaignReport(tx: Tx, campaignId: string) {
  const row = await getCampaignRow(tx, campaignId);
  const view = campaignView(row);
  if (!row.startedAt) return { campaign: view, started: false as const };
  const messageStats = await campaignMessageStats(tx, campaignId);
  const days = row.attributionDays;
  const outcomes = await groupOutcomes(tx, campaignId, row.startedAt, days);
  const byVariant = await attributedConversions(tx, campaignId, days, row.attributionModel as 'last_touch' | 'first_touch');
  const control = outcomes.find((o) => o.group === 'control') ?? { group: 'control', customers: 0, converted: 0, revenue: 0 };
  // Customers still waiting for an A/B winner were not messaged yet: they are neither side.
  const treated: GroupOutcome = { group: 'treated', customers: 0, converted: 0, revenue: 0 };
  for (const o of outcomes) {
    if (o.group === 'control' || (o.group === 'rest' && !row.winner)) continue;
    treated.customers += o.customers;
    treated.converted += o.converted;
    treated.revenue += o.revenue;
  }
  const cost = messageStats.reduce((s, m) => s + m.cost, 0);
  const lift: Uplift = uplift(
    { events: treated.converted, total: treated.customers },
    { events: control.converted, total: control.customers },
  );
  const perCustomer = (o: GroupOutcome) => (o.customers ? o.revenue / o.customers : 0);
  const incrementalRevenue = control.customers ? Math.round((perCustomer(treated) - perCustomer(control)) * treated.customers) : null;
  const variants = row.variants.map((v) => {
    const stats = messageStats.find((m) => m.variant === v.key);
    const conv = byVariant.get(v.key) ?? { converted: 0, purchases: 0, revenue: 0 };
    return {
      key: v.key,
      templateId: v.templateId,
      recipients:
        (outcomes.find((o) => o.group === v.key)?.customers ?? 0) +
        (row.winner === v.key ? (outcomes.find((o) => o.group === 'rest')?.customers ?? 0) : 0),
      queued: stats?.queued ?? 0,
      sent: stats?.sent ?? 0,
      delivered: stats?.delivered ?? 0,
      failed: stats?.failed ?? 0,
      skipped: stats?.skipped ?? 0,
      opened: stats?.opened ?? 0,
      clicked: stats?.clicked ?? 0,
      converted: conv.converted,
      purchases: conv.purchases,
      revenue: conv.revenue,
      cost: stats?.cost ?? 0,
    };
  });
  const sum = (k: keyof (typeof variants)[number]) => variants.reduce((s, v) => s + Number(v[k]), 0);
  return {
    campaign: view,
    started: true as const,
    attribution: { days, model: row.attributionModel, until: new Date(row.startedAt.getTime() + days * DAY) },
    totals: {
      audience: row.counts?.audience ?? 0,
      control: control.customers,
      waiting: row.winner ? 0 : (outcomes.find((o) => o.group === 'rest')?.customers ?? 0),
      skippedByReason: row.counts?.skipped ?? {},
      queued: sum('queued'),
      sent: sum('sent'),
      delivered: sum('delivered'),
      failed: sum('failed'),
      opened: sum('opened'),
      clicked: sum('clicked'),
      converted: sum('converted'),
      revenue: sum('revenue'),
      cost,
    },
    variants,
    uplift: {
      treated: { customers: treated.customers, converted: treated.converted, revenue: treated.revenue },
      control: { customers: control.customers, converted: control.converted, revenue: control.revenue },
      ...lift,
      incrementalRevenue,
      roi: incrementalRevenue !== null && cost > 0 ? (incrementalRevenue - cost) / cost : null,
    },
    daily: await daily(tx, campaignId, row.startedAt, days),
  };
}
