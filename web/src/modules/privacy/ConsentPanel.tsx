import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/client';
import { showFormError } from '../../app/api/form-errors';
import { unwrap } from '../../app/api/problem';
import type { RequestBody, Schema } from '../../app/api/types';
import { useSession } from '../../app/auth/session';
import { useFormat } from '../../app/i18n/format';
import { notifySuccess } from '../../app/ui/notify';
import { allStoresQuery } from '../access/queries';
import { CONSENT_SOURCES } from './consent-sources';
import { consentsQuery, keys } from './queries';

type Consent = Schema<'Consent'>;
type Input = RequestBody<'/api/v1/customers/{id}/consents', 'post'>;

const CHANNELS = ['sms', 'call', 'email', 'whatsapp'] as const;

function useConsentLabels() {
  const { t } = useTranslation('privacy');
  const format = useFormat();
  const stores = useQuery(allStoresQuery);
  // Sources pulled from İYS (IYS_WEB, …) have no label of ours: shown as İYS sends them.
  const source = (code: string) => (CONSENT_SOURCES.includes(code as Input['source']) ? t(`sources.${code as Input['source']}`) : code);
  const where = (c: Consent) =>
    [
      format.dateTime(c.consentAt),
      c.storeId ? (stores.data?.find((s) => s.id === c.storeId)?.name ?? '') : '',
      c.actorName ? t('consents.by', { name: c.actorName }) : '',
    ]
      .filter(Boolean)
      .join(' · ');
  return { source, where };
}

function ConsentBadges({ consent }: { consent: Consent }) {
  const { t } = useTranslation('privacy');
  return (
    <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
      <Badge color={consent.status === 'granted' ? 'green' : 'red'} variant="light">
        {t(`statuses.${consent.status}`)}
      </Badge>
      {consent.iysStatus && (
        <Badge color={consent.iysStatus === 'failed' ? 'red' : 'gray'} variant="outline" title={consent.iysError ?? undefined}>
          {t(`iysStatuses.${consent.iysStatus}`)}
        </Badge>
      )}
    </Group>
  );
}

function RecordForm({ customerId }: { customerId: string }) {
  const { t } = useTranslation('privacy');
  const queryClient = useQueryClient();
  const form = useForm<{
    channels: string[];
    status: Input['status'];
    source: Input['source'];
    recipientType: 'BIREYSEL' | 'TACIR';
    textVersion: string;
  }>({
    initialValues: { channels: [], status: 'granted', source: 'HS_FIZIKSEL_ORTAM', recipientType: 'BIREYSEL', textVersion: '' },
    validate: { channels: (v) => (v.length === 0 ? t('consents.channels') : null) },
  });
  const record = useMutation({
    mutationFn: (v: typeof form.values) =>
      unwrap(
        api.POST('/api/v1/customers/{id}/consents', {
          params: { path: { id: customerId } },
          body: { ...v, channels: v.channels as Input['channels'], textVersion: v.textVersion.trim() || null },
        }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(keys.consents(customerId), data);
      form.reset();
      notifySuccess(t('consents.saved'));
    },
    onError: (error) => showFormError(form, error),
  });
  return (
    <Paper withBorder p="sm" component="form" onSubmit={form.onSubmit((v) => record.mutate(v))}>
      <Stack gap="sm">
        <Text fw={600}>{t('consents.record')}</Text>
        <Checkbox.Group label={t('consents.channels')} {...form.getInputProps('channels')}>
          <Group gap="md" mt={4}>
            {CHANNELS.map((c) => (
              <Checkbox key={c} value={c} label={t(`channels.${c}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <SegmentedControl
          fullWidth
          data={[
            { value: 'granted', label: t('statuses.granted') },
            { value: 'revoked', label: t('statuses.revoked') },
          ]}
          {...form.getInputProps('status')}
        />
        <Select
          label={t('consents.source')}
          data={CONSENT_SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }))}
          allowDeselect={false}
          {...form.getInputProps('source')}
        />
        <SegmentedControl
          fullWidth
          aria-label={t('consents.recipientType')}
          data={[
            { value: 'BIREYSEL', label: t('recipientTypes.BIREYSEL') },
            { value: 'TACIR', label: t('recipientTypes.TACIR') },
          ]}
          {...form.getInputProps('recipientType')}
        />
        <TextInput
          label={t('consents.textVersion')}
          description={t('consents.textVersionHint')}
          maxLength={100}
          {...form.getInputProps('textVersion')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={record.isPending}>
            {t('consents.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/**
 * A customer's consent per channel (source, time, store, who), the history, and — for those who
 * may record consent — the form. Self-contained: mount it anywhere with a customer id.
 */
export function ConsentPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation('privacy');
  const { can } = useSession();
  const consents = useQuery(consentsQuery(customerId));
  const { source, where } = useConsentLabels();
  const current = new Map((consents.data?.current ?? []).map((c) => [c.channel, c]));
  const history = consents.data?.history.items ?? [];
  return (
    <Stack gap="sm" data-testid="consent-panel">
      <Title order={4}>{t('consents.title')}</Title>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
        {CHANNELS.map((channel) => {
          const c = current.get(channel);
          return (
            <Card key={channel} withBorder padding="xs" data-testid={`consent-${channel}`}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text fw={600}>{t(`channels.${channel}`)}</Text>
                {c && <ConsentBadges consent={c} />}
              </Group>
              <Text size="xs" c="dimmed">
                {c ? `${source(c.source)} · ${where(c)}` : t('consents.none')}
              </Text>
            </Card>
          );
        })}
      </SimpleGrid>
      {can('consents.write') && <RecordForm customerId={customerId} />}
      <Text fw={600} size="sm">
        {t('consents.history')}
      </Text>
      {history.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('consents.noHistory')}
        </Text>
      ) : (
        <Stack gap={6}>
          {history.map((c) => (
            <Group key={c.id} justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm">
                  {t(`channels.${c.channel}`)} — {source(c.source)}
                  {c.textVersion ? ` (${c.textVersion})` : ''}
                </Text>
                <Text size="xs" c="dimmed">
                  {where(c)}
                </Text>
              </div>
              <ConsentBadges consent={c} />
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
