import { Anchor, Badge, Card, Divider, Group, List, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/auth/session';
import { useFormat } from '../../../app/i18n/format';
import { brandsQuery } from '../../access/queries';
import { useLocalDate } from '../../loyalty/parts/local-date';
import { useMoney } from '../../sales/money';
import { useNumbers } from '../format';
import { anyFitQuery, churnQuery, scoresQuery } from '../queries';

/** P(alive) bands a store manager acts on: keep, watch, win back. */
const level = (pAlive: number) => (pAlive >= 0.7 ? 'high' : pAlive >= 0.3 ? 'medium' : 'low');
const COLORS = { high: 'green', medium: 'yellow', low: 'red' } as const;

/**
 * The customer 360's "Değer ve risk": from the latest CLV fit, how likely the customer is still
 * active, what they are expected to buy and spend, and their value over the horizon. The org-wide
 * fit wins over a brand's.
 */
export function ValueCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation('analytics');
  const { can } = useSession();
  const format = useFormat();
  const localDate = useLocalDate();
  const { money } = useMoney();
  const { num, pct } = useNumbers();
  const allowed = can('analytics.read');
  const scores = useQuery({ ...scoresQuery(customerId), enabled: allowed, throwOnError: false });
  const s = scores.data?.find((x) => x.brandId === null) ?? scores.data?.[0];
  const anyFit = useQuery({ ...anyFitQuery, enabled: allowed && scores.data?.length === 0, throwOnError: false });
  const brands = useQuery({ ...brandsQuery, enabled: Boolean(s?.brandId) && can('stores.read') });
  if (!allowed) return null;
  const band = s && level(s.pAlive);
  // Without a score, say whether no fit exists yet or the customer was not in it.
  const hint = scores.isError ? '—' : !scores.data || anyFit.data === undefined ? '…' : anyFit.data ? t('card.notInFit') : t('card.noFit');
  return (
    <Card withBorder padding="md" data-testid="value-card">
      <Group justify="space-between" mb="sm">
        <Text fw={700}>{t('card.title')}</Text>
        <Anchor component={Link} to="/analytics/clv" size="sm">
          {t('card.openClv')}
        </Anchor>
      </Group>
      {!s || !band ? (
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      ) : (
        <>
          <Group justify="space-between" align="flex-end" wrap="nowrap" mb={4}>
            <div>
              <Text size="xs" c="dimmed">
                {t('card.alive')}
              </Text>
              <Text fz={28} fw={800} lh={1.1} data-testid="p-alive">
                {pct(s.pAlive)}
              </Text>
            </div>
            <Badge size="lg" variant="light" color={COLORS[band]}>
              {t(`card.levels.${band}`)}
            </Badge>
          </Group>
          <Progress value={s.pAlive * 100} color={COLORS[band]} size="sm" mb="sm" aria-label={t('card.alive')} />
          <SimpleGrid cols={3} spacing="xs" mb="xs">
            {[
              [t('card.purchases', { months: s.horizonMonths }), num(s.expectedPurchases), 'customer-purchases'],
              [t('card.averageValue'), money(s.expectedAverageValue), 'customer-average'],
              [t('card.clv', { months: s.horizonMonths }), money(s.clv), 'customer-clv'],
            ].map(([label, value, testId]) => (
              // The label above may take two lines: the figures still sit on one line at the bottom.
              <Stack key={testId} gap={2} justify="space-between">
                <Text size="xs" c="dimmed">
                  {label}
                </Text>
                <Text fw={700} data-testid={testId}>
                  {value}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('card.from', { date: format.date(s.fittedAt), end: localDate(s.calibrationEnd) })}
            {s.brandId && ` ${t('card.brand', { brand: brands.data?.find((b) => b.id === s.brandId)?.name ?? '…' })}`}
          </Text>
        </>
      )}
      <Divider my="sm" />
      <ChurnPart customerId={customerId} />
    </Card>
  );
}

const CHURN_COLORS = { high: 'red', medium: 'yellow', low: 'green' } as const;

/** The churn risk under the value: score, band, the strongest reasons, and what could not be measured. */
function ChurnPart({ customerId }: { customerId: string }) {
  const { t } = useTranslation('analytics');
  const localDate = useLocalDate();
  const churn = useQuery({ ...churnQuery(customerId), throwOnError: false });
  const c = churn.data;
  if (!c)
    return (
      <Text size="sm" c="dimmed">
        {churn.isError ? '—' : '…'}
      </Text>
    );
  if (c.score === null || c.band === null)
    return (
      <Stack gap={4} data-testid="churn">
        <Text size="xs" c="dimmed">
          {t('churn.title')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('churn.none')}
        </Text>
      </Stack>
    );
  return (
    <Stack gap={6} data-testid="churn">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed">
            {t('churn.title')}
          </Text>
          <Text fz={24} fw={800} lh={1.1}>
            <span data-testid="churn-score">{c.score}</span>{' '}
            <Text span size="sm" c="dimmed" fw={400}>
              {t('churn.of')}
            </Text>
          </Text>
        </div>
        <Badge size="lg" variant="light" color={CHURN_COLORS[c.band]} data-testid="churn-band">
          {t(`churn.bands.${c.band}`)}
        </Badge>
      </Group>
      <Progress value={c.score} color={CHURN_COLORS[c.band]} size="sm" aria-label={t('churn.score')} />
      {c.reasons.length === 0 ? (
        <Text size="sm">{t('churn.noReasons')}</Text>
      ) : (
        <List size="sm" spacing={2} data-testid="churn-reasons">
          {c.reasons.map((r) => (
            <List.Item key={r.key}>{r.text}</List.Item>
          ))}
        </List>
      )}
      {c.unmeasured.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="churn-unmeasured">
          {t('churn.unmeasured', { labels: c.unmeasured.map((u) => `${u.label} (${u.text.replace(/\.$/, '')})`).join('; ') })}
        </Text>
      )}
      {c.asOf && (
        <Text size="xs" c="dimmed">
          {t('churn.asOf', { date: localDate(c.asOf) })}
        </Text>
      )}
    </Stack>
  );
}
