import { Button, Progress, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { ListSkeleton } from '../../../app/ui/ResponsiveTable';
import { PairCard } from './PairCard';
import { dedupKeys, scanJobQuery, startScan, useCandidatePages } from './queries';

/** The review queue of possible duplicates, best matches first, and the "scan now" button. */
export function DuplicatesPage() {
  const { t } = useTranslation('dedup');
  const queryClient = useQueryClient();
  const pages = useCandidatePages();
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useQuery({ ...scanJobQuery(jobId ?? ''), enabled: jobId !== null });
  const scan = useMutation({ mutationFn: startScan, onSuccess: setJobId, onError: (error) => notifyError(error) });

  const status = job.data?.status;
  useEffect(() => {
    if (status === 'succeeded') {
      notifySuccess(t('duplicates.scanDone', { open: Number(job.data?.result?.open ?? 0) }));
      queryClient.invalidateQueries({ queryKey: dedupKeys.candidates });
      setJobId(null);
    } else if (status === 'failed') {
      notifyError(null, t('duplicates.scanFailed'));
      setJobId(null);
    }
  }, [status, job.data, queryClient, t]);

  const running = jobId !== null;
  const progress = job.data?.progress ?? 0;
  const rows = pages.data?.pages.flatMap((p) => p.items);
  return (
    <>
      <PageHeader
        title={t('duplicates.title')}
        description={t('duplicates.description')}
        actions={
          <Button leftSection={<IconRefresh size={16} />} loading={scan.isPending} disabled={running} onClick={() => scan.mutate()}>
            {t('duplicates.scan')}
          </Button>
        }
      />
      {running && (
        <Stack gap={4} mb="md" data-testid="scan-progress">
          <Text size="sm">{t('duplicates.scanning', { progress: Math.round(progress) })}</Text>
          <Progress value={progress} animated striped aria-label={t('duplicates.scan')} />
        </Stack>
      )}
      {!rows ? (
        <ListSkeleton />
      ) : rows.length === 0 ? (
        <EmptyList title={t('duplicates.empty')} description={t('duplicates.emptyHint')} />
      ) : (
        <Stack gap="sm">
          {rows.map((pair) => (
            <PairCard key={`${pair.customerA.id}:${pair.customerB.id}`} pair={pair} />
          ))}
        </Stack>
      )}
      <LoadMore hasNextPage={pages.hasNextPage} isFetchingNextPage={pages.isFetchingNextPage} fetchNextPage={pages.fetchNextPage} />
    </>
  );
}
