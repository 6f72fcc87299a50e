import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { ConfirmModal } from '../../../app/ui/ConfirmModal';
import { FullPageLoader } from '../../../app/ui/FullPageLoader';
import { notifyError } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Campaign, campaignQuery, jobQuery, keys } from '../queries';
import { StatusBadge } from '../status';
import { CampaignReportView } from './CampaignReport';

/** One campaign: where it stands (with the send job's progress), what can be done with it, and its report. */
export function CampaignPage() {
  const { id } = useParams() as { id: string };
  const { t, i18n } = useTranslation('campaigns');
  const campaign = useQuery(campaignQuery(id));
  const c = campaign.data;
  if (!c) return <FullPageLoader />;
  return (
    <>
      <PageHeader title={c.name} description={c.description ?? undefined} actions={<Actions campaign={c} />} />
      <Stack>
        <Group gap="xs">
          <StatusBadge status={c.status} />
          <Text size="sm" c="dimmed">
            {t(`channels.${c.channel}`)}
          </Text>
          {c.winner && (
            <Text size="sm" fw={600} data-testid="winner">
              {t('detail.winner', { key: c.winner })}
            </Text>
          )}
        </Group>
        {c.status === 'scheduled' && c.scheduledAt && (
          <Alert color="blue">{t('detail.scheduledFor', { at: new Date(c.scheduledAt).toLocaleString(i18n.language) })}</Alert>
        )}
        {c.status === 'testing' && c.startedAt && c.abTest && (
          <Alert color="violet">
            {t('detail.waitingWinner', {
              at: new Date(new Date(c.startedAt).getTime() + c.abTest.decideAfterHours * 3_600_000).toLocaleString(i18n.language),
              count: c.counts?.groups.rest ?? 0,
            })}
          </Alert>
        )}
        {c.runId && ['scheduled', 'sending'].includes(c.status) && <SendProgress runId={c.runId} />}
        <CampaignReportView campaign={c} />
      </Stack>
    </>
  );
}

function SendProgress({ runId }: { runId: string }) {
  const { t, i18n } = useTranslation('campaigns');
  const job = useQuery(jobQuery(runId));
  const done = job.data?.done ?? 0;
  const total = job.data?.total ?? 0;
  return (
    <Stack gap={4} data-testid="send-progress">
      <Text size="sm">
        {total
          ? t('detail.progress', { done: done.toLocaleString(i18n.language), total: total.toLocaleString(i18n.language) })
          : t('detail.queued')}
      </Text>
      <Progress
        value={total ? (100 * done) / total : 100}
        animated
        striped
        color={total ? 'teal' : 'gray.4'}
        size="lg"
        aria-label={t('detail.queued')}
      />
    </Stack>
  );
}

function Actions({ campaign: c }: { campaign: Campaign }) {
  const { t } = useTranslation('campaigns');
  const { can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.all });
  const path = { params: { path: { id: c.id } } };
  const send = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/campaigns/{id}/send', path)),
    onSuccess: refresh,
    onError: (e) => notifyError(e),
  });
  const cancel = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/campaigns/{id}/cancel', path)),
    onSuccess: refresh,
    onError: (e) => notifyError(e),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/campaigns/{id}', path)),
    onSuccess: () => {
      refresh();
      navigate('/campaigns');
    },
    onError: (e) => notifyError(e),
  });
  if (!can('campaigns.manage')) return null;
  return (
    <Group gap="xs">
      {(c.status === 'draft' || c.status === 'scheduled') && (
        <Button variant="default" component={Link} to={`/campaigns/${c.id}/edit`}>
          {t('detail.edit')}
        </Button>
      )}
      {c.status === 'draft' && (
        <Button onClick={() => send.mutate()} loading={send.isPending} data-testid="send">
          {t('detail.send')}
        </Button>
      )}
      {(c.status === 'scheduled' || c.status === 'testing') && (
        <Button color="orange" variant="light" onClick={() => cancel.mutate()} loading={cancel.isPending}>
          {t('detail.cancel')}
        </Button>
      )}
      {c.status === 'draft' && (
        <Button color="red" variant="subtle" onClick={() => setDeleting(true)}>
          {t('detail.delete')}
        </Button>
      )}
      <ConfirmModal
        opened={deleting}
        title={t('detail.delete')}
        message={t('detail.deleteConfirm')}
        confirmLabel={t('detail.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </Group>
  );
}
