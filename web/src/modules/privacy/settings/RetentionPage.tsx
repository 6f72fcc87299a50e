import { Alert, Badge, Button, Card, Group, NumberInput, Progress, Stack, Switch, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import type { Schema } from '../../../app/api/types';
import { useFormat } from '../../../app/i18n/format';
import { ConfirmModal } from '../../../app/ui/ConfirmModal';
import { FullPageLoader } from '../../../app/ui/FullPageLoader';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { keys, retentionQuery } from '../queries';

interface Values {
  enabled: boolean;
  inactiveYears: number | string;
  messageDays: number | string;
}

const numberOrNull = (v: number | string) => (v === '' ? null : Number(v));

/** A started run: its progress from the platform's job endpoint until it ends. */
function JobProgress({ jobId }: { jobId: string }) {
  const { t } = useTranslation('privacy');
  const job = useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id: jobId } } })),
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed'].includes(q.state.data.status) ? false : 1000),
  });
  const status = job.data?.status ?? 'queued';
  const done = status === 'succeeded' || status === 'failed';
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm">{t('retention.progress')}</Text>
        <Badge color={status === 'failed' ? 'red' : status === 'succeeded' ? 'green' : 'blue'}>{status}</Badge>
      </Group>
      <Progress value={done ? 100 : (job.data?.progress ?? 0) * 100} animated={!done} />
    </Stack>
  );
}

function Report({ report }: { report: Schema<'RetentionReport'> }) {
  const { t } = useTranslation('privacy');
  const format = useFormat();
  return (
    <Card withBorder data-testid="retention-report">
      <Text fw={600} mb="xs">
        {t('retention.report')}
      </Text>
      <Text>{t('retention.customers', { count: report.customers })}</Text>
      {report.cutoff.customers && (
        <Text size="sm" c="dimmed">
          {t('retention.cutoff', { date: format.date(report.cutoff.customers) })}
        </Text>
      )}
      <Text>{t('retention.messages', { count: report.messages })}</Text>
      {report.sample.length > 0 && (
        <>
          <Text size="sm" mt="xs">
            {t('retention.sample')}
          </Text>
          {report.sample.map((id) => (
            <Text key={id} size="xs" component={Link} to={`/customers/${id}`} style={{ display: 'block', overflowWrap: 'anywhere' }}>
              {id}
            </Text>
          ))}
        </>
      )}
    </Card>
  );
}

export function RetentionPage() {
  const { t } = useTranslation('privacy');
  const format = useFormat();
  const queryClient = useQueryClient();
  const policy = useQuery(retentionQuery);
  const [report, setReport] = useState<Schema<'RetentionReport'> | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [confirming, confirm] = useDisclosure();
  const form = useForm<Values>({ initialValues: { enabled: false, inactiveYears: '', messageDays: '' } });
  // biome-ignore lint/correctness/useExhaustiveDependencies: load the saved policy into the form once it arrives
  useEffect(() => {
    if (policy.data)
      form.setValues({
        enabled: policy.data.enabled,
        inactiveYears: policy.data.inactiveYears ?? '',
        messageDays: policy.data.messageDays ?? '',
      });
  }, [policy.data]);
  const body = (v: Values) => ({ inactiveYears: numberOrNull(v.inactiveYears), messageDays: numberOrNull(v.messageDays) });

  const save = useMutation({
    mutationFn: (v: Values) => unwrap(api.PATCH('/api/v1/privacy/retention', { body: { enabled: v.enabled, ...body(v) } })),
    onSuccess: (data) => {
      queryClient.setQueryData(keys.retention, data);
      notifySuccess(t('retention.saved'));
    },
    onError: (error) => showFormError(form, error),
  });
  const dryRun = useMutation({
    mutationFn: (v: Values) => unwrap(api.POST('/api/v1/privacy/retention/dry-run', { body: body(v) })),
    onSuccess: setReport,
    onError: (error) => showFormError(form, error),
  });
  const run = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/privacy/retention/run')),
    onSuccess: (data) => {
      setJobId(data.jobId);
      notifySuccess(t('retention.started'));
    },
    onError: (error) => notifyError(error),
    onSettled: confirm.close,
  });

  if (!policy.data) return <FullPageLoader />;
  return (
    <>
      <PageHeader title={t('retention.title')} description={t('retention.description')} />
      <Stack maw={560}>
        <Card withBorder component="form" onSubmit={form.onSubmit((v) => save.mutate(v))}>
          <Stack>
            <Switch label={t('retention.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
            <NumberInput
              label={t('retention.inactiveYears')}
              placeholder={t('retention.never')}
              min={1}
              max={50}
              allowDecimal={false}
              {...form.getInputProps('inactiveYears')}
            />
            <NumberInput
              label={t('retention.messageDays')}
              description={t('retention.messageHint')}
              placeholder={t('retention.never')}
              min={1}
              max={3650}
              allowDecimal={false}
              {...form.getInputProps('messageDays')}
            />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" loading={dryRun.isPending} onClick={() => dryRun.mutate(form.getValues())}>
                {t('retention.dryRun')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('retention.save')}
              </Button>
            </Group>
          </Stack>
        </Card>
        {report && <Report report={report} />}
        {policy.data.enabled && (
          <Card withBorder>
            <Stack gap="sm">
              {policy.data.lastRunAt && <Text size="sm">{t('retention.lastRun', { date: format.dateTime(policy.data.lastRunAt) })}</Text>}
              {jobId ? (
                <JobProgress jobId={jobId} />
              ) : (
                <Group justify="flex-end">
                  <Button color="red" onClick={confirm.open}>
                    {t('retention.runNow')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        )}
        {!policy.data.enabled && <Alert color="gray">{t('retention.description')}</Alert>}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t('retention.runNow')}
        message={t('retention.confirmRun')}
        confirmLabel={t('retention.runNow')}
        loading={run.isPending}
        onConfirm={() => run.mutate()}
        onClose={confirm.close}
      />
    </>
  );
}
