import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/auth/session';
import { useFormat } from '../../../app/i18n/format';
import { useMoney } from '../money';
import { summaryQuery, useOrderPages, useReceiptPages } from '../queries';
import { StatusBadge } from '../StatusBadge';

/** The customer 360's purchases: totals, the latest receipts and orders, the wishlist. */
export function PurchasesCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation('sales');
  const { can } = useSession();
  const format = useFormat();
  const { money } = useMoney();
  const allowed = can('sales.read');
  const summary = useQuery({ ...summaryQuery(customerId), enabled: allowed });
  const receipts = useReceiptPages({ customerId }, 5, allowed);
  const orders = useOrderPages({ customerId }, 5, allowed);
  if (!allowed) return null;
  const s = summary.data;
  const recent = [
    ...(receipts.data?.pages[0]?.items ?? []).map((r) => ({
      id: r.id,
      at: r.occurredAt,
      to: `/sales/receipts/${r.id}`,
      label: r.receiptNumber,
      total: money(r.total, r.currency),
      status: null,
    })),
    ...(orders.data?.pages[0]?.items ?? []).map((o) => ({
      id: o.id,
      at: o.placedAt,
      to: `/sales/orders/${o.id}`,
      label: `${o.channel} · ${o.orderNumber}`,
      total: money(o.total, o.currency),
      status: o.status,
    })),
  ]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 6);

  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Text fw={700}>{t('purchases.title')}</Text>
        <Anchor component={Link} to={`/sales?customerId=${customerId}`} size="sm">
          {t('purchases.all')}
        </Anchor>
      </Group>
      {s && (
        <SimpleGrid cols={3} spacing="xs" mb="sm">
          <div>
            <Text size="xs" c="dimmed">
              {t('purchases.count')}
            </Text>
            <Text fw={700}>{s.receipts}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('purchases.spend')}
            </Text>
            <Text fw={700}>{money(s.spend)}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('purchases.last')}
            </Text>
            <Text fw={700} size="sm">
              {s.lastAt ? format.date(s.lastAt) : '—'}
            </Text>
          </div>
        </SimpleGrid>
      )}
      {s && s.receipts === 0 && recent.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('purchases.never')}
        </Text>
      ) : (
        <Stack gap={6}>
          {recent.map((r) => (
            <Group key={r.id} justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Anchor component={Link} to={r.to} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {r.label}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {format.dateTime(r.at)}
                </Text>
              </div>
              <Group gap={6} wrap="nowrap">
                {r.status && <StatusBadge status={r.status} />}
                <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {r.total}
                </Text>
              </Group>
            </Group>
          ))}
        </Stack>
      )}
      {s && s.wishlist.length > 0 && (
        <>
          <Text size="sm" fw={600} mt="md" mb={4}>
            {t('purchases.wishlist')}
          </Text>
          <Group gap={4}>
            {s.wishlist.map((w) => (
              <Badge key={w.sku} variant="outline" size="sm" style={{ textTransform: 'none' }}>
                {w.productName ?? w.sku}
              </Badge>
            ))}
          </Group>
        </>
      )}
    </Card>
  );
}
