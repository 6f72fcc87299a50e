import { Anchor, Button, Card, Grid, Stack, Text, Timeline } from '@mantine/core';
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
import { orderQuery } from '../queries';
import { StatusBadge } from '../StatusBadge';

/** One online order: lines, status history and returns (in a store or online). */
export function OrderPage() {
  const { t } = useTranslation('sales');
  const { id = '' } = useParams();
  const { can } = useSession();
  const format = useFormat();
  const { money } = useMoney();
  const storeName = useStoreName();
  const query = useQuery({ ...orderQuery(id), throwOnError: true });
  if (!query.data) return <ListSkeleton rows={8} />;
  const o = query.data;
  const returnable = o.status === 'shipped' || o.status === 'delivered';

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/sales?tab=orders" size="sm">
        <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> {t('order.back')}
      </Anchor>
      <PageHeader
        title={t('order.title', { number: o.orderNumber })}
        description={money(o.total, o.currency)}
        actions={
          can('sales.return') &&
          returnable && (
            <Button
              component={Link}
              to={`/sales/returns/new?orderId=${o.id}`}
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
            { label: t('fields.date'), value: format.dateTime(o.placedAt) },
            { label: t('fields.channel'), value: o.channel },
            { label: t('fields.status'), value: <StatusBadge status={o.status} /> },
            { label: t('fields.clickCollect'), value: storeName(o.clickCollectStoreId) ?? '—' },
            {
              label: t('fields.customer'),
              value: o.customerId ? (
                <Anchor component={Link} to={`/customers/${o.customerId}`} size="sm">
                  {t('receipt.openCustomer')}
                </Anchor>
              ) : (
                t('fields.anonymous')
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
            <LinesTable lines={o.lines} currency={o.currency} />
            <Totals
              currency={o.currency}
              rows={[
                { label: t('fields.subtotal'), amount: o.subtotal },
                { label: t('fields.discount'), amount: o.discountTotal, negative: true },
                { label: t('fields.shipping'), amount: o.shippingTotal },
                { label: t('fields.total'), amount: o.total, strong: true },
              ]}
            />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Card withBorder padding="md">
              <Text fw={700} mb="sm">
                {t('order.history')}
              </Text>
              <Timeline bulletSize={12} lineWidth={2} active={o.history.length - 1}>
                {o.history.map((h) => (
                  <Timeline.Item key={h.seq} title={t(`statuses.${h.toStatus}`)}>
                    <Text size="xs" c="dimmed">
                      {format.dateTime(h.at)}
                    </Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            </Card>
            <ReturnsCard returns={o.returns} empty={t('receipt.noReturns')} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
