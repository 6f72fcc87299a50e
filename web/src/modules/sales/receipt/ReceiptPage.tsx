import { Anchor, Badge, Button, Card, Code, Grid, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconReceiptRefund } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../../app/auth/session';
import { useFormat } from '../../../app/i18n/format';
import { PageHeader } from '../../../app/ui/PageHeader';
import { ListSkeleton } from '../../../app/ui/ResponsiveTable';
import { useMoney } from '../money';
import { Facts, LinesTable, ReturnsCard, Totals, useStoreName } from '../parts';
import { type Receipt, receiptQuery } from '../queries';

function ClaimCard({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation('sales');
  const format = useFormat();
  const expired = receipt.claimExpiresAt !== null && new Date(receipt.claimExpiresAt) < new Date();
  let text: string = t('receipt.noClaim');
  if (receipt.claimedAt) text = t('receipt.claimed', { date: format.dateTime(receipt.claimedAt) });
  else if (receipt.claimExpiresAt)
    text = expired
      ? t('receipt.claimExpired', { date: format.date(receipt.claimExpiresAt) })
      : t('receipt.claimOpen', { date: format.date(receipt.claimExpiresAt) });
  return (
    <Card withBorder padding="md">
      <Text fw={700} mb="sm">
        {t('receipt.claim')}
      </Text>
      {receipt.claimCode && (
        <Group gap="xs" mb={6}>
          <Text size="sm" c="dimmed">
            {t('receipt.claimCode')}
          </Text>
          <Code fz="md">{receipt.claimCode}</Code>
        </Group>
      )}
      <Text size="sm">{text}</Text>
    </Card>
  );
}

/** One receipt: lines with their discounts, payments, returns and the claim status. */
export function ReceiptPage() {
  const { t } = useTranslation('sales');
  const { id = '' } = useParams();
  const { can } = useSession();
  const format = useFormat();
  const { money } = useMoney();
  const storeName = useStoreName();
  // A missing or foreign id throws to the route's error page (404).
  const query = useQuery({ ...receiptQuery(id), throwOnError: true });
  if (!query.data) return <ListSkeleton rows={8} />;
  const r = query.data;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/sales" size="sm">
        <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> {t('receipt.back')}
      </Anchor>
      <PageHeader
        title={t('receipt.title', { number: r.receiptNumber })}
        description={money(r.total, r.currency)}
        actions={
          can('sales.return') && (
            <Button
              component={Link}
              to={`/sales/returns/new?receiptId=${r.id}`}
              variant="default"
              leftSection={<IconReceiptRefund size={18} />}
            >
              {t('receipt.returnThis')}
            </Button>
          )
        }
      />
      <Card withBorder padding="md">
        <Facts
          items={[
            { label: t('fields.date'), value: format.dateTime(r.occurredAt) },
            { label: t('fields.businessDate'), value: format.date(`${r.businessDate}T12:00:00Z`) },
            { label: t('fields.store'), value: storeName(r.storeId) ?? t('list.noStore') },
            { label: t('fields.register'), value: r.register ?? '—' },
            { label: t('fields.cashier'), value: r.cashierCode ?? '—' },
            {
              label: t('fields.customer'),
              value: r.customerId ? (
                <Anchor component={Link} to={`/customers/${r.customerId}`} size="sm">
                  {t('receipt.openCustomer')}
                </Anchor>
              ) : (
                t('fields.anonymous')
              ),
            },
            {
              label: t('fields.source'),
              value: (
                <Badge size="sm" variant="light">
                  {t(`sources.${r.source}`)}
                </Badge>
              ),
            },
          ]}
        />
      </Card>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder padding="md">
            <Text fw={700} mb="sm">
              {t('receipt.lines')}
            </Text>
            <LinesTable lines={r.lines} currency={r.currency} />
            <Totals
              currency={r.currency}
              rows={[
                { label: t('fields.subtotal'), amount: r.subtotal },
                { label: t('fields.discount'), amount: r.discountTotal, negative: true },
                { label: t('fields.total'), amount: r.total, strong: true },
              ]}
            />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Card withBorder padding="md">
              <Text fw={700} mb="sm">
                {t('fields.payments')}
              </Text>
              {r.payments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('receipt.noPayments')}
                </Text>
              ) : (
                r.payments.map((p) => (
                  <Group key={p.seq} justify="space-between">
                    <Text size="sm">{t(`payments.${p.method}`)}</Text>
                    <Text size="sm">{money(p.amount, r.currency)}</Text>
                  </Group>
                ))
              )}
            </Card>
            <ReturnsCard returns={r.returns} empty={t('receipt.noReturns')} />
            <ClaimCard receipt={r} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
