import { Alert, Badge, Card, Divider, Group, List, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/auth/session';
import { useFormat } from '../../../app/i18n/format';
import { brandsQuery } from '../../access/queries';
import { useLocalDate } from '../../loyalty/parts/local-date';
import { useMoney } from '../../sales/money';
import { useNumbers } from '../format';
import type { ClvFit } from '../queries';

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="lg" fw={700} data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Paper>
  );
}

/** One model of the fit: its parameters (a symbol and its value) and what they mean in words. */
function Model({ title, params, notes }: { title: string; params: [string, string][]; notes: string[] }) {
  return (
    <div>
      <Text fw={600} size="sm" mb={6}>
        {title}
      </Text>
      <Group gap="xs">
        {params.map(([symbol, value]) => (
          <Badge key={symbol} variant="light" color="gray" size="lg" style={{ textTransform: 'none' }} data-testid={`param-${symbol}`}>
            {symbol} = {value}
          </Badge>
        ))}
      </Group>
      <List size="sm" mt="xs" spacing={4}>
        {notes.map((note) => (
          <List.Item key={note}>{note}</List.Item>
        ))}
      </List>
    </div>
  );
}

/**
 * The latest fit for a store manager: who is in it, what it expects, and each parameter told in
 * plain words — how often customers buy, how likely they drop out, what they spend.
 */
export function LatestFit({ fit }: { fit: ClvFit }) {
  const { t } = useTranslation('analytics');
  const { can } = useSession();
  const format = useFormat();
  const localDate = useLocalDate();
  const { money } = useMoney();
  const { num, fixed, pct } = useNumbers();
  const brands = useQuery({ ...brandsQuery, enabled: fit.brandId !== null && can('stores.read') });
  const { r, alpha, a, b, logLikelihood } = fit.bgnbd;
  const { p, q, gamma } = fit.gammaGamma;
  const months = fit.horizonMonths;
  const unit = t(`units.${fit.timeUnit}.in`);
  const brand = fit.brandId && (brands.data?.find((x) => x.id === fit.brandId)?.name ?? '…');
  return (
    <Card withBorder padding="md" h="100%" data-testid="latest-fit">
      <Group justify="space-between" align="flex-start" mb={4} gap="xs">
        <Text fw={700}>{t('latest.title')}</Text>
        {brand && <Badge variant="light">{t('latest.brand', { brand })}</Badge>}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('latest.meta', {
          date: format.dateTime(fit.createdAt),
          end: localDate(fit.calibrationEnd),
          unit: t(`units.${fit.timeUnit}.per`),
        })}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" mb="md">
        <Figure label={t('latest.customers')} value={num(fit.customers, 0)} />
        <Figure label={t('latest.repeaters')} value={num(fit.repeaters, 0)} />
        <Figure label={t('latest.alive')} value={num(fit.totals.expectedAlive, 0)} />
        <Figure label={t('latest.purchases', { months })} value={num(fit.totals.expectedPurchases, 0)} />
        <Figure label={t('latest.clv', { months })} value={money(fit.totals.clv)} testId="total-clv" />
      </SimpleGrid>
      {!(fit.bgnbd.converged && fit.gammaGamma.converged) && (
        <Alert color="orange" variant="light" mb="sm">
          {t('latest.notConverged')}
        </Alert>
      )}
      <Stack gap="sm">
        <Model
          title={t('params.bgnbd')}
          params={[
            ['r', fixed(r)],
            ['α', fixed(alpha)],
            ['a', fixed(a)],
            ['b', fixed(b)],
            ['LL', fixed(logLikelihood, 1)],
          ]}
          notes={[
            // r/α purchases per unit while active: one every α/r units.
            `${t('params.rate', { every: num(alpha / r), unit })} ${r < 1 ? t('params.rateUneven') : t('params.rateEven')}`,
            // The mean of the Beta(a, b) dropout probability.
            t('params.dropout', { percent: pct(a / (a + b)), one: num((a + b) / a) }),
            t('params.logLikelihood'),
          ]}
        />
        <Divider />
        <Model
          title={t('params.gammaGamma')}
          params={[
            ['p', fixed(p, 2)],
            ['q', fixed(q, 2)],
            ['γ', fixed(gamma, 2)],
          ]}
          notes={[
            // The population mean spend pγ/(q − 1), in major units (the server fits in lira).
            t('params.spend', { amount: money(Math.round(((p * gamma) / (q - 1)) * 100)) }),
            t('params.spread'),
            t('params.steadiness'),
          ]}
        />
      </Stack>
    </Card>
  );
}
