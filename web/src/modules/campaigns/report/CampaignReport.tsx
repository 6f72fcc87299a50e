import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Card, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../../app/ui/Panel';
import { useMoney } from '../../sales/money';
import { type Campaign, type CampaignReport, reportQuery } from '../queries';

type Started = Required<Pick<CampaignReport, 'totals' | 'variants' | 'uplift' | 'daily' | 'attribution'>> & CampaignReport;

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

/** The campaign's report: funnel, skips by reason, uplift against control, variants, purchases by day. */
export function CampaignReportView({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('campaigns');
  const live = ['sending', 'testing', 'sent'].includes(campaign.status);
  const report = useQuery(reportQuery(campaign.id, live));
  if (!report.data) return null;
  if (!report.data.started || !report.data.totals) return <Text c="dimmed">{t('detail.notStarted')}</Text>;
  return <Report r={report.data as Started} />;
}

function Report({ r }: { r: Started }) {
  const { t, i18n } = useTranslation('campaigns');
  const { money } = useMoney();
  const n = (v: number) => v.toLocaleString(i18n.language);
  const pct = (v: number) => `%${(v * 100).toLocaleString(i18n.language, { maximumFractionDigits: 1 })}`;
  const { totals, uplift } = r;
  const messaged = totals.audience - totals.control - totals.waiting;
  const skipped = Object.entries(totals.skippedByReason).filter(([, v]) => v > 0);
  const funnel = [
    { step: t('report.audience'), customers: totals.audience },
    { step: t('report.treated'), customers: messaged },
    { step: t('report.sent'), customers: totals.sent },
    { step: t('report.delivered'), customers: totals.delivered },
    { step: t('report.opened'), customers: totals.opened },
    { step: t('report.clicked'), customers: totals.clicked },
    { step: t('report.converted'), customers: totals.converted },
  ];
  const rate = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : 0);
  const variants = r.variants.map((v) => ({
    variant: t('wizard.variant', { key: v.key }),
    delivered: rate(v.delivered, v.recipients),
    opened: rate(v.opened, v.delivered),
    clicked: rate(v.clicked, v.delivered),
    converted: rate(v.converted, v.delivered),
  }));
  const days = [...new Set(r.daily.map((d) => d.day))].sort((a, b) => a - b);
  const daily = days.map((day) => ({
    day: String(day + 1),
    treated: rate(r.daily.find((d) => d.day === day && !d.control)?.converted ?? 0, uplift.treated.customers),
    control: rate(r.daily.find((d) => d.day === day && d.control)?.converted ?? 0, uplift.control.customers),
  }));
  const points = (v: number) => (v * 100).toLocaleString(i18n.language, { maximumFractionDigits: 2 });
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }}>
        <Figure label={t('report.audience')} value={n(totals.audience)} testId="report-audience" />
        <Figure label={t('report.control')} value={n(totals.control)} testId="report-control" />
        <Figure label={t('report.delivered')} value={n(totals.delivered)} testId="report-delivered" />
        <Figure label={t('report.converted')} value={n(totals.converted)} testId="report-converted" />
        <Figure label={t('report.revenue')} value={money(totals.revenue)} />
        <Figure label={t('report.cost')} value={money(totals.cost)} />
        <Figure label={t('report.incremental')} value={uplift.incrementalRevenue === null ? '—' : money(uplift.incrementalRevenue)} />
        <Figure label={t('report.roi')} value={uplift.roi === null ? '—' : pct(uplift.roi)} />
        <Figure label={t('report.skipped')} value={n(skipped.reduce((s, [, v]) => s + v, 0))} />
        <Figure label={t('report.opened')} value={n(totals.opened)} />
      </SimpleGrid>
      <Panel
        title={t('report.upliftTitle')}
        hint={t('report.upliftHint', { days: r.attribution.days })}
        testId="report-uplift"
        csv={{
          fileName: `${t('report.csv')}-etki.csv`,
          headers: ['', t('report.audience'), t('report.converted'), t('report.revenue')],
          rows: [
            [t('report.treated'), uplift.treated.customers, uplift.treated.converted, uplift.treated.revenue / 100],
            [t('report.control'), uplift.control.customers, uplift.control.converted, uplift.control.revenue / 100],
          ],
        }}
      >
        {uplift.control.customers === 0 ? (
          <Text size="sm">{t('report.noControl')}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <BarChart
              h={180}
              data={[
                { group: t('report.treated'), rate: rate(uplift.treated.converted, uplift.treated.customers) },
                { group: t('report.control'), rate: rate(uplift.control.converted, uplift.control.customers) },
              ]}
              dataKey="group"
              series={[{ name: 'rate', label: t('report.converted'), color: 'teal.6' }]}
              valueFormatter={(v) => `%${v}`}
              withBarValueLabel
              aria-label={t('report.upliftTitle')}
            />
            <Stack gap={4} data-testid="uplift-text">
              <Text size="sm">
                {t('report.treatedRate')}: <b>{pct(uplift.treatmentRate)}</b>
              </Text>
              <Text size="sm">
                {t('report.controlRate')}: <b>{pct(uplift.controlRate)}</b>
              </Text>
              <Text size="sm">
                {t('report.difference')}: <b>{points(uplift.difference)}</b>
              </Text>
              <Text size="sm">
                {t('report.interval', { low: points(uplift.differenceInterval.low), high: points(uplift.differenceInterval.high) })}
              </Text>
              {uplift.relative !== null && <Text size="sm">{t('report.relative', { value: pct(uplift.relative) })}</Text>}
              <Text size="sm" c={uplift.significant ? 'teal' : 'dimmed'} fw={600}>
                {t(uplift.significant ? 'report.significant' : 'report.notSignificant', {
                  p: uplift.pValue.toLocaleString(i18n.language, { maximumSignificantDigits: 2 }),
                })}
              </Text>
            </Stack>
          </SimpleGrid>
        )}
      </Panel>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Panel
          title={t('report.funnel')}
          hint={t('report.funnelHint')}
          testId="report-funnel"
          csv={{
            fileName: `${t('report.csv')}-huni.csv`,
            headers: ['', t('report.audience')],
            rows: funnel.map((f) => [f.step, f.customers]),
          }}
        >
          <BarChart
            h={260}
            data={funnel}
            dataKey="step"
            orientation="vertical"
            yAxisProps={{ width: 110 }}
            series={[{ name: 'customers', label: t('report.audience'), color: 'blue.6' }]}
            valueFormatter={n}
            withBarValueLabel
            gridAxis="none"
            aria-label={t('report.funnel')}
          />
        </Panel>
        <Panel
          title={t('report.skippedTitle')}
          hint={t('report.skippedHint')}
          testId="report-skipped"
          csv={{
            fileName: `${t('report.csv')}-atlanan.csv`,
            headers: ['', t('report.skipped')],
            rows: skipped.map(([k, v]) => [t(`skip.${k}` as 'skip.no_consent'), v]),
          }}
        >
          {skipped.length === 0 ? (
            <Text size="sm" c="dimmed">
              —
            </Text>
          ) : (
            <BarChart
              h={40 + skipped.length * 36}
              data={skipped.map(([k, v]) => ({ reason: t(`skip.${k}` as 'skip.no_consent'), customers: v }))}
              dataKey="reason"
              orientation="vertical"
              yAxisProps={{ width: 160 }}
              series={[{ name: 'customers', label: t('report.skipped'), color: 'orange.6' }]}
              valueFormatter={n}
              withBarValueLabel
              gridAxis="none"
              aria-label={t('report.skippedTitle')}
            />
          )}
        </Panel>
      </SimpleGrid>
      <Panel
        title={t('report.variants')}
        hint={t('report.variantsHint')}
        testId="report-variants"
        csv={{
          fileName: `${t('report.csv')}-varyantlar.csv`,
          headers: [
            t('report.variant'),
            t('report.audience'),
            t('report.sent'),
            t('report.delivered'),
            t('report.opened'),
            t('report.clicked'),
            t('report.converted'),
            t('report.revenue'),
            t('report.cost'),
          ],
          rows: r.variants.map((v) => [
            v.key,
            v.recipients,
            v.sent,
            v.delivered,
            v.opened,
            v.clicked,
            v.converted,
            v.revenue / 100,
            v.cost / 100,
          ]),
        }}
      >
        <BarChart
          h={240}
          data={variants}
          dataKey="variant"
          series={[
            { name: 'delivered', label: t('report.delivered'), color: 'blue.5' },
            { name: 'opened', label: t('report.opened'), color: 'violet.5' },
            { name: 'clicked', label: t('report.clicked'), color: 'orange.5' },
            { name: 'converted', label: t('report.converted'), color: 'teal.6' },
          ]}
          valueFormatter={(v) => `%${v}`}
          withLegend
          aria-label={t('report.variants')}
        />
      </Panel>
      <Panel
        title={t('report.daily')}
        hint={t('report.dailyHint')}
        testId="report-daily"
        csv={{
          fileName: `${t('report.csv')}-gunluk.csv`,
          headers: [t('report.day'), t('report.treated'), t('report.control')],
          rows: daily.map((d) => [d.day, d.treated, d.control]),
        }}
      >
        {daily.length === 0 ? (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ) : (
          <LineChart
            h={220}
            data={daily}
            dataKey="day"
            series={[
              { name: 'treated', label: t('report.treated'), color: 'teal.6' },
              { name: 'control', label: t('report.control'), color: 'gray.6', strokeDasharray: '5 5' },
            ]}
            valueFormatter={(v) => `%${v}`}
            withLegend
            aria-label={t('report.daily')}
          />
        )}
      </Panel>
    </Stack>
  );
}
