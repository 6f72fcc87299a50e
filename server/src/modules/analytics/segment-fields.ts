import { type SQL, sql } from 'drizzle-orm';
import { compare, MONEY_OPERATORS, NUMBER_OPERATORS, neverNull, textArray } from '../segments/field-sql';
import { type CompileEnv, type Label, registerSegmentField } from '../segments/registry';
import { CHURN_BANDS } from './churn/compute';
import { RFM_SEGMENTS, type RfmSegment } from './engine';

const SEGMENT_LABELS: Record<RfmSegment, Label> = {
  champions: { tr: 'Şampiyonlar', en: 'Champions' },
  loyal: { tr: 'Sadık', en: 'Loyal' },
  potential_loyalist: { tr: 'Sadık adayı', en: 'Potential loyalist' },
  new: { tr: 'Yeni', en: 'New' },
  promising: { tr: 'Umut vadeden', en: 'Promising' },
  need_attention: { tr: 'İlgi bekleyen', en: 'Need attention' },
  about_to_sleep: { tr: 'Uykuya dalmak üzere', en: 'About to sleep' },
  at_risk: { tr: 'Risk altında', en: 'At risk' },
  cant_lose: { tr: 'Kaybedilmemeli', en: 'Can’t lose them' },
  hibernating: { tr: 'Uykuda', en: 'Hibernating' },
  lost: { tr: 'Kayıp', en: 'Lost' },
};
const BAND_LABELS: Record<(typeof CHURN_BANDS)[number], Label> = {
  low: { tr: 'Düşük', en: 'Low' },
  medium: { tr: 'Orta', en: 'Medium' },
  high: { tr: 'Yüksek', en: 'High' },
};

/** The customer's row of the latest org-wide RFM run (brand runs are for brand reports). */
const rfm = (test: SQL, env: CompileEnv) =>
  neverNull(sql`exists (select 1 from analytics_rfm_scores s
  where s.org_id = c.org_id and s.customer_id = c.id and ${test}
    and s.run_id = (select r.id from analytics_rfm_runs r where r.org_id = ${env.orgId} and r.brand_id is null order by r.id desc limit 1))`);

/** The customer's scores of the latest org-wide CLV fit. */
const clv = (test: SQL, env: CompileEnv) =>
  neverNull(sql`exists (select 1 from analytics_clv_scores s
  where s.org_id = c.org_id and s.customer_id = c.id and ${test}
    and s.fit_id = (select f.id from analytics_clv_fits f where f.org_id = ${env.orgId} and f.brand_id is null order by f.id desc limit 1))`);

const churn = (test: SQL) =>
  neverNull(sql`exists (select 1 from analytics_churn_scores s where s.org_id = c.org_id and s.customer_id = c.id and ${test})`);

/** RFM segment and scores, CLV, P(alive) and churn risk, from the latest computations. */
export function registerAnalyticsSegmentFields(): void {
  registerSegmentField({
    key: 'rfm_segment',
    group: 'analytics',
    label: { tr: 'RFM segmenti', en: 'RFM segment' },
    operators: { in: 'enum_list', not_in: 'enum_list' },
    enumValues: RFM_SEGMENTS,
    options: async (_tx, locale) => RFM_SEGMENTS.map((s) => ({ value: s, label: SEGMENT_LABELS[s][locale] })),
    compile: ({ operator, value }, env) =>
      operator === 'in' ? rfm(sql`s.segment = any(${textArray(value)})`, env) : rfm(sql`not (s.segment = any(${textArray(value)}))`, env),
  });
  for (const [score, label] of [
    ['r', { tr: 'RFM yakınlık puanı (R)', en: 'RFM recency score (R)' }],
    ['f', { tr: 'RFM sıklık puanı (F)', en: 'RFM frequency score (F)' }],
    ['m', { tr: 'RFM harcama puanı (M)', en: 'RFM monetary score (M)' }],
  ] as const) {
    registerSegmentField({
      key: `rfm_${score}`,
      group: 'analytics',
      label,
      operators: NUMBER_OPERATORS,
      compile: ({ operator, value }, env) => rfm(compare(sql.raw(`s.${score}`), operator, value), env),
    });
  }
  registerSegmentField({
    key: 'clv',
    group: 'analytics',
    label: { tr: 'Müşteri yaşam boyu değeri (CLV)', en: 'Customer lifetime value (CLV)' },
    operators: MONEY_OPERATORS,
    compile: ({ operator, value }, env) => clv(compare(sql`s.clv`, operator, value), env),
  });
  registerSegmentField({
    key: 'p_alive',
    group: 'analytics',
    label: { tr: 'Aktif olma olasılığı (%)', en: 'Probability alive (%)' },
    operators: { gte: 'percent', lte: 'percent' },
    compile: ({ operator, value }, env) => clv(compare(sql`s.p_alive * 100`, operator, value), env),
  });
  registerSegmentField({
    key: 'churn_band',
    group: 'analytics',
    label: { tr: 'Kaybetme riski', en: 'Churn risk' },
    operators: { in: 'enum_list' },
    enumValues: CHURN_BANDS,
    options: async (_tx, locale) => CHURN_BANDS.map((b) => ({ value: b, label: BAND_LABELS[b][locale] })),
    compile: ({ value }) => churn(sql`s.band = any(${textArray(value)})`),
  });
  registerSegmentField({
    key: 'churn_score',
    group: 'analytics',
    label: { tr: 'Kaybetme riski puanı (0–100)', en: 'Churn risk score (0–100)' },
    operators: NUMBER_OPERATORS,
    compile: ({ operator, value }) => churn(compare(sql`s.score`, operator, value)),
  });
}
