import { Alert, Button, Card, Grid, Group, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { isProblem, unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { EmptyList } from '../../../app/ui/EmptyList';
import { PageHeader } from '../../../app/ui/PageHeader';
import { Panel } from '../../../app/ui/Panel';
import { ListSkeleton } from '../../../app/ui/ResponsiveTable';
import { brandsQuery } from '../../access/queries';
import { useLocalDate } from '../../loyalty/parts/local-date';
import { useNumbers } from '../format';
import { Members } from './Members';
import { Migration } from './Migration';
import { RfmHeatmap } from './RfmHeatmap';
import { distributionQuery, type RfmSegment, rfmKeys } from './rfm-queries';
import { SegmentSizes } from './SegmentSizes';
import { SettingsEditor } from './SettingsEditor';

/** "Run RFM now" for the chosen scope, busy while it runs, with what it did. */
function RunPanel({ brand }: { brand?: string }) {
  const { t } = useTranslation('analytics');
  const { t: tApp } = useTranslation();
  const { num } = useNumbers();
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/analytics/rfm/run', { body: { brand } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rfmKeys.all }),
  });
  const result = run.data?.run;
  return (
    <Panel title={t('rfm.run.title')} hint={t('rfm.run.hint')} testId="rfm-run">
      <Stack gap="xs">
        <Button onClick={() => run.mutate()} loading={run.isPending} style={{ alignSelf: 'flex-start' }} data-testid="rfm-run-now">
          {t('rfm.run.submit')}
        </Button>
        {run.isSuccess && (
          <Text size="sm" c={result ? 'green.8' : 'dimmed'} data-testid="rfm-run-done">
            {result
              ? t('rfm.run.done', { customers: num(result.customers, 0), changed: num(result.changed, 0), ms: num(result.ms, 0) })
              : t('rfm.run.empty')}
          </Text>
        )}
        {run.isError && (
          <Alert color="orange" variant="light">
            {isProblem(run.error) ? run.error.detail : tApp('errors.network')}
          </Alert>
        )}
      </Stack>
    </Panel>
  );
}

/**
 * RFM: the latest run's R × FM heatmap, segment sizes and values with what to do with each,
 * migration between two runs, the customers of a segment and (for managers) the settings.
 */
export function RfmPage() {
  const { t } = useTranslation('analytics');
  const { can } = useSession();
  const manage = can('analytics.manage');
  const { num } = useNumbers();
  const localDate = useLocalDate();
  const brands = useQuery({ ...brandsQuery, enabled: can('stores.read') });
  const [brand, setBrand] = useState<string | null>(null);
  const scope = brand ?? undefined;
  const dist = useQuery({ ...distributionQuery(scope), throwOnError: false });
  const [segment, setSegment] = useState<RfmSegment | null>(null);
  const data = dist.data;
  // The members list opens on the segment picked, else the largest one needing a call.
  const shown: RfmSegment =
    segment ??
    data?.segments.find((s) => s.segment === 'at_risk' && s.customers > 0)?.segment ??
    data?.segments.find((s) => s.customers > 0)?.segment ??
    'at_risk';
  const pick = (s: RfmSegment) => {
    setSegment(s);
    requestAnimationFrame(() =>
      document.querySelector('[data-testid="rfm-members"]')?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
    );
  };

  const summary = !data ? (
    <ListSkeleton rows={3} />
  ) : data.run ? (
    <Card withBorder padding="md" data-testid="rfm-latest">
      <Text size="sm">
        {t('rfm.latest', {
          date: localDate(data.run.asOf),
          customers: num(data.run.customers, 0),
          months: data.run.windowMonths,
          frequency: t(`rfm.frequencies.${data.run.frequency}`),
        })}
      </Text>
    </Card>
  ) : (
    <EmptyList title={t('rfm.none')} description={`${t('rfm.noneHint')}${manage ? ` ${t('rfm.noneHintManage')}` : ''}`} />
  );

  return (
    <>
      <PageHeader title={t('nav.rfm.title')} description={t('nav.rfm.description')} />
      <Stack gap="md">
        {(brands.data?.length ?? 0) > 0 && (
          <Group>
            <Select
              label={t('rfm.brand')}
              placeholder={t('rfm.allBrands')}
              clearable
              value={brand}
              onChange={(v) => {
                setBrand(v);
                setSegment(null);
              }}
              data={(brands.data ?? []).map((b) => ({ value: b.id, label: `${b.code} · ${b.name}` }))}
              w={280}
              maw="100%"
            />
          </Group>
        )}
        {manage ? (
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 5 }}>
              <RunPanel brand={scope} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>{summary}</Grid.Col>
          </Grid>
        ) : (
          summary
        )}
        {dist.isError && (
          <Alert color="orange" variant="light">
            {isProblem(dist.error) ? dist.error.detail : ''}
          </Alert>
        )}
        {data?.run && (
          <>
            <Grid gap="md">
              <Grid.Col span={{ base: 12, md: 5 }}>
                <RfmHeatmap dist={data} onPick={pick} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 7 }}>
                <Migration brand={scope} />
              </Grid.Col>
            </Grid>
            <SegmentSizes dist={data} onPick={pick} />
            <Members brand={scope} segment={shown} onSegment={setSegment} />
          </>
        )}
        {manage && <SettingsEditor />}
      </Stack>
    </>
  );
}
