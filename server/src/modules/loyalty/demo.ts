import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { newId } from '../../platform/ids';
import { getOrg } from '../access/orgs';
import { bumpConfig } from './config';
import type { CampaignTerms } from './coupons';
import { createProgram, createPromotion, createRule, createStampCard } from './definitions';
import { evaluateTier, generateCodes, lotExpiry, type PointsProgram, type Promotion, type Tier, tierWindow } from './engine';
import { localTime } from './engine/time';
import { couponCampaigns, couponCodes, loyaltyAccounts, pointsLedger, stampProgress } from './schema';

/**
 * The loyalty part of the demo org (a fashion and home-textile chain): an org-wide program (1 point
 * per lira, 100 points = 1 lira, 12-month expiry, Standart / Gümüş / Altın on rolling spend, a
 * birthday bonus), five promotions, a "5 alışverişe 1 hediye" stamp card, a welcome campaign of
 * 1,000 unique codes and a shared code, a receipt-bottom rule, and ledger history derived in bulk
 * from the demo receipts (read from their `sale.receipt_recorded` events, the sales module's
 * outbox), with a few redemptions along the way.
 */

const PROGRAM: PointsProgram = {
  earn: { rate: { points: 1, per: 100 }, exclude: { categories: [['Hediye Çeki']] } },
  birthday: { type: 'points', points: 250 },
  burn: { points: 100, value: 100, minPoints: 500, maxSharePercent: 50 },
  expiry: { months: 12, monthEnd: false },
};

const TIERS: Tier[] = [
  { code: 'STANDART', name: 'Standart', threshold: 0 },
  { code: 'GUMUS', name: 'Gümüş', threshold: 300_000, benefits: { multiplier: 1.25 } },
  { code: 'ALTIN', name: 'Altın', threshold: 800_000, benefits: { multiplier: 1.5, freeShipping: true, birthdayGift: { points: 500 } } },
];

const PROMOTIONS: Promotion[] = [
  {
    id: 'corap-3al2',
    label: 'Çorapta 3 al 2 öde',
    kind: 'n_for_m',
    priority: 30,
    stackable: false,
    exclusive: false,
    target: { categories: [['Aksesuar', 'Çorap']] },
    n: 3,
    m: 2,
  },
  {
    id: 'nevresim-havlu-set',
    label: 'Nevresim + banyo havlusu 1.799,90 TL',
    kind: 'bundle_price',
    priority: 20,
    stackable: false,
    exclusive: false,
    items: [
      { target: { categories: [['Ev Tekstili', 'Nevresim', 'Çift Kişilik']] }, quantity: 1 },
      { target: { categories: [['Ev Tekstili', 'Havlu', 'Banyo Havlusu']] }, quantity: 1 },
    ],
    price: 179_990,
  },
  {
    id: 'ev-tekstili-hafta-ici',
    label: 'Hafta içi ev tekstilinde %20',
    kind: 'percent_off',
    priority: 10,
    stackable: false,
    exclusive: false,
    target: { categories: [['Ev Tekstili']] },
    percent: 20,
    conditions: { weekdays: [1, 2, 3, 4, 5] },
  },
  {
    id: 'sepet-1000',
    label: "1.000 TL'ye 100 TL indirim",
    kind: 'basket_threshold',
    priority: 0,
    stackable: true,
    exclusive: false,
    steps: [{ threshold: 100_000, reward: { type: 'amount_off', amount: 10_000 } }],
  },
  {
    id: 'hafta-sonu-puan',
    label: "Hafta sonu 1.500 TL'ye 300 bonus puan",
    kind: 'basket_threshold',
    priority: -10,
    stackable: true,
    exclusive: false,
    steps: [{ threshold: 150_000, reward: { type: 'bonus_points', points: 300 } }],
    conditions: { weekdays: [6, 7], requiresCustomer: true },
  },
];

type DemoReceipt = {
  receipt_id: string;
  customer_id: string;
  occurred_at: string;
  total: string;
};

export async function seedLoyaltyDemo(tx: Tx, _customers: number) {
  const source = { auth: null };
  const org = await getOrg(tx);
  const tz = org.timezone;
  const program = await createProgram(tx, source, {
    name: 'Kulüp Puan',
    definition: PROGRAM,
    tiers: { metric: 'spend', windowMonths: 12, tiers: TIERS },
    tierReview: { month: 1, day: 1 },
    expiryWarningDays: 30,
  });
  for (const definition of PROMOTIONS) await createPromotion(tx, source, { definition });
  const card = await createStampCard(tx, source, {
    definition: {
      id: '5-alisverise-1-hediye',
      name: '5 alışverişe 1 hediye',
      qualifying: {},
      stampsNeeded: 5,
      per: 'line',
      maxStampsPerReceipt: 1,
      reward: {
        validity: { startsInDays: 0, days: 60 },
        effect: {
          id: 'hediye-100',
          label: '100 TL hediye çeki',
          kind: 'basket_threshold',
          priority: 0,
          stackable: true,
          exclusive: false,
          steps: [{ threshold: 25_000, reward: { type: 'amount_off', amount: 10_000 } }],
        },
      },
    },
  });
  await createRule(tx, source, {
    definition: {
      id: 'nevresim-havlu',
      label: 'Nevresim alana havluda %20',
      trigger: { target: { categories: [['Ev Tekstili', 'Nevresim']] } },
      coupon: {
        validity: { startsInDays: 1, days: 30 },
        effect: {
          id: 'havlu-20',
          label: 'Havluda %20',
          kind: 'percent_off',
          priority: 0,
          stackable: true,
          exclusive: false,
          target: { categories: [['Ev Tekstili', 'Havlu']] },
          percent: 20,
        },
      },
    },
  });

  // Coupons: a welcome campaign of 1,000 unique codes, and one shared code.
  const today = localTime(new Date(), tz).date;
  const until = `${Number(today.slice(0, 4)) + 1}-12-31`;
  const welcome: CampaignTerms = {
    validUntil: until,
    minimumBasket: 75_000,
    effect: {
      id: 'hosgeldin-100',
      label: 'Hoş geldin: 750 TL üzeri 100 TL indirim',
      kind: 'basket_threshold',
      priority: 0,
      stackable: true,
      exclusive: false,
      steps: [{ threshold: 75_000, reward: { type: 'amount_off', amount: 10_000 } }],
    },
  };
  const welcomeId = newId();
  await tx.insert(couponCampaigns).values({
    orgId: tx.orgId!,
    id: welcomeId,
    name: 'Hoş geldin kuponu',
    kind: 'unique',
    definition: welcome,
    codeFormat: { length: 8, prefix: 'HG' },
    codesCount: 1000,
  });
  const codes = generateCodes(1000, { length: 8, prefix: 'HG' }, randomBytes);
  await tx.execute(sql`
    insert into ${couponCodes} (org_id, code, campaign_id, max_uses, source, source_id)
    select ${tx.orgId}, c, ${welcomeId}, 1, 'campaign', ${welcomeId} from unnest(${sql.param(codes)}::text[]) as c
    on conflict do nothing`);
  const sharedId = newId();
  const shared: CampaignTerms = {
    usageLimit: 500,
    onePerCustomer: true,
    validUntil: until,
    effect: {
      id: 'kulup10',
      label: 'Kulübe özel %10',
      kind: 'percent_off',
      priority: 0,
      stackable: true,
      exclusive: false,
      target: {},
      percent: 10,
      maxDiscount: 20_000,
    },
  };
  await tx
    .insert(couponCampaigns)
    .values({ orgId: tx.orgId!, id: sharedId, name: 'KULUP10 ortak kodu', kind: 'shared', definition: shared, codesCount: 1 });
  await tx
    .insert(couponCodes)
    .values({ orgId: tx.orgId!, code: 'KULUP10', campaignId: sharedId, maxUses: 500, source: 'campaign', sourceId: sharedId });

  // Ledger history from the demo receipts: one earn per receipt, a redemption now and then.
  const { rows } = await tx.execute<DemoReceipt>(sql`
    select subject_id as receipt_id, customer_id, occurred_at, payload->>'total' as total
    from events
    where org_id = ${tx.orgId} and type = 'sale.receipt_recorded' and customer_id is not null and subject_id is not null
    order by customer_id, occurred_at, id`);
  const entries: Record<string, unknown>[] = [];
  const accounts: Record<string, unknown>[] = [];
  const stamps: Record<string, unknown>[] = [];
  const now = new Date();
  const window = tierWindow(now, tz, 12);
  const flush = (customerId: string, list: DemoReceipt[]) => {
    let balance = 0;
    let spend = 0;
    list.forEach((r, i) => {
      const at = new Date(r.occurred_at);
      const total = Number(r.total);
      if (i % 3 === 2 && balance >= 1000) {
        const burn = Math.floor(balance / 2 / 100) * 100;
        balance -= burn;
        entries.push({
          id: newId(),
          customer_id: customerId,
          kind: 'burn',
          points: -burn,
          receipt_id: null,
          qualifying_amount: 0,
          occurred_at: at.toISOString(),
          expires_at: null,
        });
      }
      const points = Math.floor(total / 100);
      balance += points;
      if (at >= window.from) spend += total;
      entries.push({
        id: newId(),
        customer_id: customerId,
        kind: 'earn',
        points,
        receipt_id: r.receipt_id,
        qualifying_amount: total,
        occurred_at: new Date(at.getTime() + 1000).toISOString(),
        expires_at: lotExpiry(at, PROGRAM.expiry, tz).expiresAt?.toISOString() ?? null,
      });
    });
    const tier = evaluateTier(TIERS, spend, null, { review: false }).tierCode;
    accounts.push({ customer_id: customerId, balance, tier_code: tier, tier_since: list[list.length - 1].occurred_at });
    stamps.push({ customer_id: customerId, stamps: list.length % 5, total_stamps: list.length, rewards: Math.floor(list.length / 5) });
  };
  let current: DemoReceipt[] = [];
  for (const r of rows) {
    if (current.length > 0 && current[0].customer_id !== r.customer_id) {
      flush(current[0].customer_id, current);
      current = [];
    }
    current.push(r);
  }
  if (current.length > 0) flush(current[0].customer_id, current);

  for (let i = 0; i < accounts.length; i += 5000) {
    await tx.execute(sql`
      insert into ${loyaltyAccounts} (org_id, program_id, customer_id, balance, tier_code, tier_since)
      select ${tx.orgId}, ${program.id}, a.customer_id, a.balance, a.tier_code, a.tier_since
      from jsonb_to_recordset(${JSON.stringify(accounts.slice(i, i + 5000))}::jsonb)
        as a(customer_id uuid, balance int, tier_code text, tier_since timestamptz)`);
    await tx.execute(sql`
      insert into ${stampProgress} (org_id, card_id, customer_id, stamps, total_stamps, rewards)
      select ${tx.orgId}, ${card.id}, s.customer_id, s.stamps, s.total_stamps, s.rewards
      from jsonb_to_recordset(${JSON.stringify(stamps.slice(i, i + 5000))}::jsonb)
        as s(customer_id uuid, stamps int, total_stamps int, rewards int)`);
  }
  for (let i = 0; i < entries.length; i += 5000) {
    await tx.execute(sql`
      insert into ${pointsLedger} (org_id, id, program_id, customer_id, kind, points, receipt_id, qualifying_amount, occurred_at, expires_at, reason)
      select ${tx.orgId}, e.id, ${program.id}, e.customer_id, e.kind, e.points, e.receipt_id, e.qualifying_amount, e.occurred_at, e.expires_at, 'demo'
      from jsonb_to_recordset(${JSON.stringify(entries.slice(i, i + 5000))}::jsonb)
        as e(id uuid, customer_id uuid, kind text, points int, receipt_id uuid, qualifying_amount bigint, occurred_at timestamptz, expires_at timestamptz)`);
  }
  await bumpConfig(tx);
}
