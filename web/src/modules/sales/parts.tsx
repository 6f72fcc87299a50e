import { Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth/session';
import { useFormat } from '../../app/i18n/format';
import { type Column, ResponsiveTable } from '../../app/ui/ResponsiveTable';
import { allStoresQuery } from '../access/queries';
import { useMoney } from './money';
import type { Return, SaleLine } from './queries';

/** Store id → "CODE · Name", for the pages that show where something happened. */
export function useStoreName() {
  const { can } = useSession();
  const stores = useQuery({ ...allStoresQuery, enabled: can('stores.read') });
  return (id: string | null | undefined) => {
    if (!id) return null;
    const s = stores.data?.find((x) => x.id === id);
    return s ? `${s.code} · ${s.name}` : '…';
  };
}

/** Label / value pairs of a sale's header. */
export function Facts({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="sm" verticalSpacing="xs">
      {items.map((item) => (
        <div key={item.label} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed">
            {item.label}
          </Text>
          <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
            {item.value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

const Nowrap = ({ children }: { children: ReactNode }) => <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;

/** The lines of a receipt or an order, with their discounts explained and what came back. */
export function LinesTable({ lines, currency }: { lines: SaleLine[]; currency: string }) {
  const { t } = useTranslation('sales');
  const { money, quantity } = useMoney();
  const columns: Column<SaleLine>[] = [
    {
      key: 'product',
      header: t('fields.product'),
      render: (l) => (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {l.productName ?? l.sku ?? '—'}
          </Text>
          <Group gap={6}>
            {l.sku && (
              <Text size="xs" c="dimmed">
                {l.sku}
              </Text>
            )}
            {!l.productId && (
              <Badge size="xs" variant="outline" color="gray">
                {t('receipt.adhoc')}
              </Badge>
            )}
          </Group>
          {l.discounts.map((d) => (
            <Text key={d.ruleId} size="xs" c="green.8">
              {d.label}: −{money(d.amount, currency)}
            </Text>
          ))}
        </Stack>
      ),
    },
    { key: 'quantity', header: t('fields.quantity'), render: (l) => quantity(l.quantity) },
    { key: 'unitPrice', header: t('fields.unitPrice'), render: (l) => <Nowrap>{money(l.unitPrice, currency)}</Nowrap> },
    {
      key: 'discount',
      header: t('fields.discount'),
      render: (l) => <Nowrap>{l.lineDiscount ? `−${money(l.lineDiscount, currency)}` : '—'}</Nowrap>,
    },
    {
      key: 'total',
      header: t('fields.lineTotal'),
      render: (l) => (
        <Text span size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {money(l.lineTotal, currency)}
        </Text>
      ),
    },
    {
      key: 'returned',
      header: t('fields.returned'),
      render: (l) =>
        l.returnedQuantity > 0 ? (
          <Badge color="orange" variant="light" size="sm">
            {quantity(l.returnedQuantity)}
          </Badge>
        ) : (
          '—'
        ),
    },
  ];
  return <ResponsiveTable rows={lines} columns={columns} rowKey={(l) => String(l.lineNo)} empty={null} minWidth={680} />;
}

/** Subtotal, discount, (shipping) and total, right-aligned under the lines. */
export function Totals({
  rows,
  currency,
}: {
  rows: { label: string; amount: number; strong?: boolean; negative?: boolean }[];
  currency: string;
}) {
  const { money } = useMoney();
  return (
    <Stack gap={4} ml="auto" mt="sm" w={{ base: '100%', xs: 320 }}>
      {rows.map((r) => (
        <Group key={r.label} justify="space-between">
          <Text size={r.strong ? 'md' : 'sm'} fw={r.strong ? 700 : 400}>
            {r.label}
          </Text>
          <Text size={r.strong ? 'md' : 'sm'} fw={r.strong ? 700 : 400}>
            {r.negative && r.amount > 0 ? '−' : ''}
            {money(r.amount, currency)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** The returns of a receipt or an order. */
export function ReturnsCard({ returns, empty }: { returns: Return[]; empty: string }) {
  const { t } = useTranslation('sales');
  const format = useFormat();
  const { money, quantity } = useMoney();
  const storeName = useStoreName();
  return (
    <Card withBorder padding="md">
      <Text fw={700} mb="sm">
        {t('receipt.returns')}
      </Text>
      {returns.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap="sm">
          {returns.map((r) => (
            <div key={r.id}>
              <Group justify="space-between" gap="xs">
                <Text size="sm" fw={600}>
                  {format.dateTime(r.occurredAt)} · {storeName(r.storeId) ?? r.channel ?? '—'}
                </Text>
                <Text size="sm" fw={700} c="orange.8">
                  −{money(r.refundTotal, r.currency)}
                </Text>
              </Group>
              {r.lines.map((l) => (
                <Text key={l.lineNo} size="xs" c="dimmed">
                  {quantity(l.quantity)} × {l.productName ?? l.sku ?? `#${l.sourceLineNo}`} ({money(l.refundAmount, r.currency)})
                </Text>
              ))}
              {r.reason && (
                <Text size="xs" c="dimmed">
                  {t('fields.reason')}: {r.reason}
                </Text>
              )}
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}
