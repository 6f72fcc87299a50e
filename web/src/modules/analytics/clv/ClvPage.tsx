import { Grid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/auth/session';
import { EmptyList } from '../../../app/ui/EmptyList';
import { PageHeader } from '../../../app/ui/PageHeader';
import { ListSkeleton } from '../../../app/ui/ResponsiveTable';
import { useFitPages } from '../queries';
import { ChurnSection } from './ChurnSection';
import { ClvDistribution } from './ClvDistribution';
import { FitForm } from './FitForm';
import { FitHistory } from './FitHistory';
import { HoldoutChart } from './HoldoutChart';
import { LatestFit } from './LatestFit';

/** Customer value: recalculate the CLV model, read its latest fit, check it against what happened. */
export function ClvPage() {
  const { t } = useTranslation('analytics');
  const { can } = useSession();
  const manage = can('analytics.manage');
  const pages = useFitPages();
  const latest = pages.data?.pages[0]?.items[0];
  const summary = !pages.data ? (
    <ListSkeleton rows={6} />
  ) : latest ? (
    <LatestFit fit={latest} />
  ) : (
    <EmptyList title={t('latest.none')} description={`${t('latest.noneHint')}${manage ? ` ${t('latest.noneHintManage')}` : ''}`} />
  );
  return (
    <>
      <PageHeader title={t('nav.clv.title')} description={t('nav.clv.description')} />
      <Stack gap="md">
        {manage ? (
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 4 }}>
              <FitForm />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 8 }}>{summary}</Grid.Col>
          </Grid>
        ) : (
          summary
        )}
        {latest && <ClvDistribution />}
        <ChurnSection />
        {latest && <HoldoutChart fit={latest} />}
        {latest && <FitHistory pages={pages} />}
      </Stack>
    </>
  );
}
