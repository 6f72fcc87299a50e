import { Alert, Badge, Card, Group, List, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { segmentsQuery, templatesQuery } from '../queries';
import type { Draft } from './draft';

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

/** The plan in words and what the compliance checks would do with it right now. */
export function ReviewStep({ draft }: { draft: Draft }) {
  const { t, i18n } = useTranslation('campaigns');
  const segments = useQuery(segmentsQuery);
  const templates = useQuery(templatesQuery(draft.channel));
  const body = {
    channel: draft.channel,
    includeSegments: draft.includeSegments,
    excludeSegments: draft.excludeSegments,
    controlPercent: draft.controlPercent,
  };
  const estimate = useQuery({
    queryKey: ['campaigns', 'estimate', body],
    queryFn: () => unwrap(api.POST('/api/v1/campaigns/estimate', { body })),
    enabled: draft.includeSegments.length > 0,
  });
  const n = (v: number) => v.toLocaleString(i18n.language);
  const nameOf = (id: string) => segments.data?.find((s) => s.id === id)?.name ?? id;
  const templateOf = (id: string | null) => templates.data?.find((x) => x.id === id)?.name ?? '—';
  const skipped = Object.entries(estimate.data?.skipped ?? {}).filter(([, v]) => v > 0);
  return (
    <Stack>
      <Card withBorder>
        <Text fw={700} mb="xs">
          {t('wizard.reviewAudience')}
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>
            {t('wizard.include')}: {draft.includeSegments.map(nameOf).join(', ') || '—'}
          </List.Item>
          {draft.excludeSegments.length > 0 && (
            <List.Item>
              {t('wizard.exclude')}: {draft.excludeSegments.map(nameOf).join(', ')}
            </List.Item>
          )}
          <List.Item>
            {t('wizard.channel')}: {t(`channels.${draft.channel}`)}
          </List.Item>
          {draft.variants.map((v) => (
            <List.Item key={v.key}>
              {t('wizard.variant', { key: v.key })}: {templateOf(v.templateId)} · %{v.percent}
            </List.Item>
          ))}
          <List.Item>
            {t('wizard.controlShort')}: %{draft.controlPercent}
          </List.Item>
          {draft.abTest && (
            <List.Item>
              {t('wizard.winnerMetric')}: {t(`wizard.metrics.${draft.abTest.winnerMetric}`)} · {t('wizard.decideAfter')}:{' '}
              {draft.abTest.decideAfterHours}
            </List.Item>
          )}
          <List.Item>
            {t('wizard.when')}: {draft.sendAt ? draft.sendAt.toLocaleString(i18n.language) : t('wizard.now')}
          </List.Item>
        </List>
      </Card>
      <Card withBorder data-testid="estimate">
        <Group justify="space-between" mb="xs">
          <Text fw={700}>{t('wizard.reviewEstimate')}</Text>
          {estimate.data && !estimate.data.exact && <Badge variant="light">≈</Badge>}
        </Group>
        {estimate.isFetching && <Loader size="sm" />}
        {estimate.isError && <Alert color="red">{(estimate.error as Error).message}</Alert>}
        {estimate.data && (
          <Stack>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Figure label={t('wizard.estimate.audience')} value={n(estimate.data.audience)} testId="estimate-audience" />
              <Figure label={t('wizard.estimate.control')} value={n(estimate.data.control)} />
              <Figure label={t('wizard.estimate.reachable')} value={n(estimate.data.reachable)} testId="estimate-reachable" />
              <Figure label={t('wizard.estimate.skipped')} value={n(skipped.reduce((s, [, v]) => s + v, 0))} />
            </SimpleGrid>
            {skipped.length > 0 && (
              <List size="sm" data-testid="estimate-skipped">
                {skipped.map(([reason, count]) => (
                  <List.Item key={reason}>
                    {t(`skip.${reason}` as 'skip.no_consent', { defaultValue: reason })}: {n(count)}
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
