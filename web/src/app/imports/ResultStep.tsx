import { Alert, Anchor, Button, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ImportResult, importJobQuery } from './queries';

/** A kind's words for its counts and for the link to its list. */
export interface ImportResultTexts {
  created: string;
  updated: string;
  merged: string;
  toList: string;
}

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
  texts: ImportResultTexts;
  listPath: string;
  /** A line on the kind's own totals. */
  summary?: (result: ImportResult) => string | null;
  onAgain: () => void;
}

/** The job's progress bar while it runs, then its counts and the rejected rows (with their reasons) to download. */
export function ResultStep({ jobId, texts, listPath, summary, onAgain }: Props) {
  const { t } = useTranslation();
  const { data: job } = useQuery(importJobQuery(jobId));
  const finished = job?.status === 'succeeded' || job?.status === 'failed';
  const result = job?.result as ImportResult | null | undefined;

  if (!job || !finished) {
    return (
      <Stack gap="xs" data-testid="import-progress">
        <Text size="sm">
          {job?.status === 'running' && job.total !== null
            ? t('imports.progress.running', { done: job.done, total: job.total })
            : t('imports.progress.queued')}
        </Text>
        <Progress value={job?.progress ?? 0} animated striped size="lg" aria-label={t('imports.steps.result')} />
      </Stack>
    );
  }
  return (
    <Stack gap="lg" data-testid="import-result">
      {job.status === 'failed' ? (
        <Alert color="red" title={t('imports.result.failed')}>
          {job.error}
        </Alert>
      ) : (
        <Alert color="green" title={t('imports.result.done')}>
          {result && summary?.(result)}
        </Alert>
      )}
      {result && (
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Count label={texts.created} value={result.created} testId="import-created" />
          <Count label={texts.updated} value={result.updated} testId="import-updated" />
          <Count label={texts.merged} value={result.merged} testId="import-merged" />
          <Count label={t('imports.result.rejected')} value={result.rejected} testId="import-rejected" />
        </SimpleGrid>
      )}
      {result?.rejectedFile && (
        <Anchor href={result.rejectedFile} download data-testid="import-rejected-file">
          <Group gap={6}>
            <IconDownload size={16} />
            {t('imports.result.download')}
          </Group>
        </Anchor>
      )}
      <Group>
        <Button variant="default" onClick={onAgain}>
          {t('imports.again')}
        </Button>
        <Button component={Link} to={listPath}>
          {texts.toList}
        </Button>
      </Group>
    </Stack>
  );
}
