import { Alert, Anchor, Button, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ImportResult, importJobQuery } from './queries';

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xl" fw={700} data-testid={testId}>
        {value.toLocaleString()}
      </Text>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </Paper>
  );
}

interface Props {
  jobId: string;
  onAgain: () => void;
  /** Another import kind's words for the counts and its list (the customers' by default). */
  labels?: Partial<Record<'created' | 'updated' | 'merged' | 'rejected' | 'toList', string>>;
  listPath?: string;
}

/** The job's progress bar while it runs, then its counts and the rejected rows to download. */
export function ResultStep({ jobId, onAgain, labels = {}, listPath = '/customers' }: Props) {
  const { t } = useTranslation('customerImport');
  const { data: job } = useQuery(importJobQuery(jobId));
  const finished = job?.status === 'succeeded' || job?.status === 'failed';
  const result = job?.result as ImportResult | null | undefined;

  if (!job || !finished) {
    return (
      <Stack gap="xs" data-testid="import-progress">
        <Text size="sm">
          {job?.status === 'running' && job.total !== null
            ? t('progress.running', { done: job.done, total: job.total })
            : t('progress.queued')}
        </Text>
        <Progress value={job?.progress ?? 0} animated striped size="lg" aria-label={t('steps.result')} />
      </Stack>
    );
  }
  return (
    <Stack gap="lg" data-testid="import-result">
      {job.status === 'failed' ? (
        <Alert color="red" title={t('result.failed')}>
          {job.error}
        </Alert>
      ) : (
        <Alert color="green" title={t('result.done')}>
          {result?.consentsRecorded ? t('result.consents', { count: result.consentsRecorded }) : null}
        </Alert>
      )}
      {result && (
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Count label={labels.created ?? t('result.created')} value={result.created} testId="import-created" />
          <Count label={labels.updated ?? t('result.updated')} value={result.updated} testId="import-updated" />
          <Count label={labels.merged ?? t('result.merged')} value={result.merged} testId="import-merged" />
          <Count label={labels.rejected ?? t('result.rejected')} value={result.rejected} testId="import-rejected" />
        </SimpleGrid>
      )}
      {result?.rejectedFile && (
        <Anchor href={result.rejectedFile} download data-testid="import-rejected-file">
          <Group gap={6}>
            <IconDownload size={16} />
            {t('result.download')}
          </Group>
        </Anchor>
      )}
      <Group>
        <Button variant="default" onClick={onAgain}>
          {t('again')}
        </Button>
        <Button component={Link} to={listPath}>
          {labels.toList ?? t('result.toList')}
        </Button>
      </Group>
    </Stack>
  );
}
