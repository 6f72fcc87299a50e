import { Alert, Anchor, Badge, Drawer, Group, Skeleton, Stack, Text, Timeline, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../app/i18n/format';
import { type Message, messageQuery } from './queries';
import { recipient } from './recipient';
import { StatusBadge } from './StatusBadge';

const money = (kurus: number, locale: string) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'TRY' }).format(kurus / 100);

/** One message: its state, its content as the customer sees it, and its timeline. */
export function MessageDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('messaging');
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'lg'}
      title={<Text fw={600}>{t('outbox.detail.title')}</Text>}
    >
      {id && <Detail id={id} />}
    </Drawer>
  );
}

function Detail({ id }: { id: string }) {
  const { t, i18n } = useTranslation('messaging');
  const format = useFormat();
  const query = useQuery(messageQuery(id));
  const m: Message | undefined = query.data;
  if (!m) return <Skeleton h={240} />;
  const facts: [string, string][] = [
    [t('outbox.columns.to'), recipient(m)],
    [t('outbox.columns.channel'), t(`outbox.channels.${m.channel}`)],
    [t('outbox.columns.purpose'), t(`outbox.purposes.${m.purpose}`)],
    [t('outbox.detail.attempts'), String(m.attempts)],
    ...(m.providerKind
      ? ([[t('outbox.detail.provider'), t(`providers.kinds.${m.providerKind}` as never, { defaultValue: m.providerKind })]] as [
          string,
          string,
        ][])
      : []),
    ...(m.parts !== null ? ([[t('outbox.detail.parts'), String(m.parts)]] as [string, string][]) : []),
    ...(m.cost !== null ? ([[t('outbox.detail.cost'), money(m.cost, i18n.language)]] as [string, string][]) : []),
  ];
  return (
    <Stack gap="md" data-testid="message-detail">
      <Group gap="xs">
        <StatusBadge status={m.status} />
        {m.skipReason && (
          <Badge color="orange" variant="outline" size="sm">
            {t(`outbox.skipReasons.${m.skipReason}`)}
          </Badge>
        )}
      </Group>
      {m.status === 'queued' && m.notBefore && new Date(m.notBefore) > new Date() && (
        <Alert color="blue" variant="light">
          {t('outbox.heldUntil', { time: format.dateTime(m.notBefore) })}
        </Alert>
      )}
      {m.error && (
        <Alert color="red" variant="light" title={t('outbox.detail.error')}>
          {m.error}
        </Alert>
      )}
      <Stack gap={4}>
        {facts.map(([label, value]) => (
          <Group key={label} justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm" c="dimmed">
              {label}
            </Text>
            <Text size="sm" ta="right" style={{ overflowWrap: 'anywhere' }}>
              {value}
            </Text>
          </Group>
        ))}
        <Anchor component={Link} to={`/customers/${m.customerId}`} size="sm">
          {t('outbox.detail.customer')}
        </Anchor>
      </Stack>
      <Title order={5}>{t('outbox.detail.content')}</Title>
      {m.subject && (
        <Text size="sm">
          <Text span c="dimmed">
            {t('outbox.detail.subject')}:{' '}
          </Text>
          {m.subject}
        </Text>
      )}
      {m.html ? (
        // The e-mail as sent, in a sandbox: no scripts, no forms, no access to this page.
        <iframe
          title={m.subject ?? t('outbox.detail.content')}
          sandbox=""
          srcDoc={m.html}
          style={{ width: '100%', height: 320, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}
        />
      ) : (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} p="sm" bg="gray.0">
          {m.text}
        </Text>
      )}
      <Title order={5}>{t('outbox.detail.timeline')}</Title>
      <Timeline bulletSize={14} lineWidth={2} active={m.timeline.length - 1}>
        {m.timeline.map((step) => (
          <Timeline.Item
            key={step.event}
            title={t(`outbox.detail.events.${step.event}`)}
            color={step.event === 'failed' ? 'red' : undefined}
          >
            <Text size="xs" c="dimmed">
              {format.dateTime(step.at)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}
