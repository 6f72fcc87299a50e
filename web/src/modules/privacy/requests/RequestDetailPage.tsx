import { Alert, Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import { useFormat } from '../../../app/i18n/format';
import { ConfirmModal } from '../../../app/ui/ConfirmModal';
import { FullPageLoader } from '../../../app/ui/FullPageLoader';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { allUsersQuery } from '../../access/queries';
import { ConsentPanel } from '../ConsentPanel';
import { keys, requestQuery } from '../queries';
import { isOverdue, type PrivacyRequest, REQUEST_STATUSES, type RequestStatus } from './kinds';

/** Saves the export as a JSON file the customer can be given. */
async function downloadExport(id: string) {
  const data = await unwrap(api.GET('/api/v1/privacy/requests/{id}/export', { params: { path: { id } } }));
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: `kvkk-export-${id}.json` });
  a.click();
  URL.revokeObjectURL(url);
}

function EditForm({ request }: { request: PrivacyRequest }) {
  const { t } = useTranslation('privacy');
  const queryClient = useQueryClient();
  const users = useQuery(allUsersQuery);
  const form = useForm({
    initialValues: { status: request.status, ownerId: request.ownerId, notes: request.notes ?? '', resolution: request.resolution ?? '' },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the request itself changes
  useEffect(() => {
    form.setValues({ status: request.status, ownerId: request.ownerId, notes: request.notes ?? '', resolution: request.resolution ?? '' });
  }, [request.updatedAt]);
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      unwrap(
        api.PATCH('/api/v1/privacy/requests/{id}', {
          params: { path: { id: request.id } },
          body: { status: v.status, ownerId: v.ownerId, notes: v.notes.trim() || null, resolution: v.resolution.trim() || null },
        }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(requestQuery(request.id).queryKey, data);
      queryClient.invalidateQueries({ queryKey: [...keys.requests, 'list'] });
      notifySuccess(t('requests.updated'));
    },
    onError: (error) => showFormError(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack gap="sm">
        <Select
          label={t('requests.status')}
          allowDeselect={false}
          data={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`requests.statuses.${s}`) }))}
          {...form.getInputProps('status')}
          onChange={(v) => form.setFieldValue('status', v as RequestStatus)}
        />
        <Select
          label={t('requests.owner')}
          placeholder={t('requests.noOwner')}
          clearable
          searchable
          data={(users.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))}
          {...form.getInputProps('ownerId')}
        />
        <Textarea label={t('requests.notes')} autosize minRows={2} maxLength={5000} {...form.getInputProps('notes')} />
        <Textarea label={t('requests.resolution')} autosize minRows={2} maxLength={5000} {...form.getInputProps('resolution')} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('requests.saveChanges')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RequestDetailPage() {
  const { t } = useTranslation('privacy');
  const { id } = useParams() as { id: string };
  const format = useFormat();
  const queryClient = useQueryClient();
  const request = useQuery(requestQuery(id));
  const [confirming, confirm] = useDisclosure();
  const execute = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/privacy/requests/{id}/execute', { params: { path: { id } } })),
    onSuccess: (data) => {
      queryClient.setQueryData(requestQuery(id).queryKey, data);
      queryClient.invalidateQueries({ queryKey: ['privacy'] });
      notifySuccess(t('requests.executed'));
    },
    onError: (error) => notifyError(error),
    onSettled: confirm.close,
  });
  if (!request.data) return <FullPageLoader />;
  const r = request.data;
  const closed = r.status === 'done' || r.status === 'rejected';
  return (
    <>
      <PageHeader
        title={`${t('requests.detail')}: ${t(`requests.types.${r.type}`)}`}
        description={
          <Group gap="xs" component="span">
            <Badge variant="light">{t(`requests.statuses.${r.status}`)}</Badge>
            <Text span size="sm" c={isOverdue(r) ? 'red' : 'dimmed'} fw={isOverdue(r) ? 700 : undefined}>
              {t('requests.due')}: {format.date(r.dueAt)}
              {isOverdue(r) ? ` — ${t('requests.overdue')}` : ''}
            </Text>
          </Group>
        }
        actions={
          <>
            {r.hasExport && (
              <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => downloadExport(id).catch(notifyError)}>
                {t('requests.download')}
              </Button>
            )}
            {!closed && r.type !== 'rectification' && (
              <Button color={r.type === 'erasure' ? 'red' : undefined} leftSection={<IconPlayerPlay size={16} />} onClick={confirm.open}>
                {t('requests.execute')}
              </Button>
            )}
          </>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack>
          <Card withBorder>
            <Stack gap={4}>
              <Text size="sm">
                {t('requests.customer')}:{' '}
                <Anchor component={Link} to={`/customers/${r.customerId}`}>
                  {t('requests.openCustomer')}
                </Anchor>
              </Text>
              <Text size="sm" c="dimmed">
                {t('requests.received')}: {format.dateTime(r.receivedAt)}
              </Text>
            </Stack>
          </Card>
          {r.type === 'rectification' && !closed && <Alert color="blue">{t('requests.rectificationHint')}</Alert>}
          {closed ? (
            <Alert color="gray">
              {t('requests.closed')} {r.resolution ? `— ${r.resolution}` : ''}
            </Alert>
          ) : (
            <Card withBorder>
              <EditForm request={r} />
            </Card>
          )}
          <Card withBorder>
            <Text fw={600} mb="sm">
              {t('requests.history')}
            </Text>
            <Timeline bulletSize={12} lineWidth={2}>
              {r.history.map((h) => (
                <Timeline.Item
                  key={`${h.at}-${h.action}-${h.status ?? ''}`}
                  title={t(`requests.actions.${h.action as 'created'}`, {
                    status: h.status ? t(`requests.statuses.${h.status as RequestStatus}`) : '',
                  })}
                >
                  <Text size="xs" c="dimmed">
                    {format.dateTime(h.at)} {h.actor ? `· ${h.actor}` : ''}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </Card>
        </Stack>
        <Card withBorder>
          <ConsentPanel customerId={r.customerId} />
        </Card>
      </SimpleGrid>
      <ConfirmModal
        opened={confirming}
        title={t('requests.execute')}
        message={r.type === 'erasure' ? t('requests.confirmErasure') : t('requests.confirmExecute')}
        confirmLabel={t('requests.execute')}
        loading={execute.isPending}
        onConfirm={() => execute.mutate()}
        onClose={confirm.close}
      />
    </>
  );
}
