import { Anchor, Badge, Button, Group, Input, SegmentedControl, Select, SimpleGrid, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconReceiptRefund, IconUser } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/auth/session';
import { useFormat } from '../../../app/i18n/format';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useUrlFilters } from '../../../app/ui/url-filters';
import { allStoresQuery } from '../../access/queries';
import { useMoney } from '../money';
import {
  CHANNELS,
  type OrderFilters,
  type OrderStatus,
  type OrderSummary,
  type ReceiptFilters,
  type ReceiptSummary,
  useOrderPages,
  useReceiptPages,
} from '../queries';
import { StatusBadge } from '../StatusBadge';

const PARAMS = ['tab', 'storeId', 'from', 'to', 'who', 'customerId', 'channel', 'status', 'number'] as const;
const STATUSES: OrderStatus[] = ['created', 'paid', 'shipped', 'delivered', 'cancelled'];

function CustomerCell({ id }: { id: string | null }) {
  const { t } = useTranslation('sales');
  if (!id)
    return (
      <Text span size="sm" c="dimmed">
        {t('fields.anonymous')}
      </Text>
    );
  return (
    <Anchor component={Link} to={`/customers/${id}`} size="sm">
      <IconUser size={14} style={{ verticalAlign: 'middle' }} /> {t('receipt.openCustomer')}
    </Anchor>
  );
}

/** Sales: store receipts and online orders, with filters and cursor pagination. */
export function SalesListPage() {
  const { t } = useTranslation('sales');
  const { can } = useSession();
  const format = useFormat();
  const { money } = useMoney();
  const { values, set } = useUrlFilters(PARAMS);
  const tab = values.tab === 'orders' ? 'orders' : 'receipts';
  const stores = useQuery({ ...allStoresQuery, enabled: can('stores.read') });
  const storeCode = (id: string | null) => (id ? (stores.data?.find((s) => s.id === id)?.code ?? '…') : t('list.noStore'));
  const [number, setNumber] = useState(values.number ?? '');
  const commitNumber = useDebouncedCallback((v: string) => set({ number: v.trim() }), 400);

  const hasCustomer = values.who === 'known' ? 'true' : values.who === 'anonymous' ? 'false' : undefined;
  const receiptFilters: ReceiptFilters = {
    storeId: values.storeId,
    from: values.from,
    to: values.to,
    hasCustomer,
    customerId: values.customerId,
    receiptNumber: values.number,
  };
  const orderFilters: OrderFilters = {
    channel: values.channel,
    status: STATUSES.find((s) => s === values.status),
    from: values.from,
    to: values.to,
    hasCustomer,
    customerId: values.customerId,
    orderNumber: values.number,
  };
  const receipts = useReceiptPages(receiptFilters, undefined, tab === 'receipts');
  const orders = useOrderPages(orderFilters, undefined, tab === 'orders');
  const filtered = PARAMS.some((k) => k !== 'tab' && values[k]);

  const receiptColumns: Column<ReceiptSummary>[] = [
    {
      key: 'number',
      header: t('fields.receiptNumber'),
      render: (r) => (
        <Anchor component={Link} to={`/sales/receipts/${r.id}`} fw={600}>
          {r.receiptNumber}
        </Anchor>
      ),
    },
    { key: 'date', header: t('fields.date'), render: (r) => format.dateTime(r.occurredAt) },
    { key: 'store', header: t('fields.store'), render: (r) => storeCode(r.storeId) },
    { key: 'customer', header: t('fields.customer'), render: (r) => <CustomerCell id={r.customerId} /> },
    {
      key: 'source',
      header: t('fields.source'),
      render: (r) => (
        <Badge variant="light" color={r.source === 'import' ? 'gray' : 'blue'} size="sm">
          {t(`sources.${r.source}`)}
        </Badge>
      ),
    },
    {
      key: 'total',
      header: t('fields.total'),
      render: (r) => (
        <Text span fw={600} style={{ whiteSpace: 'nowrap' }}>
          {money(r.total, r.currency)}
        </Text>
      ),
    },
  ];
  const orderColumns: Column<OrderSummary>[] = [
    {
      key: 'number',
      header: t('fields.orderNumber'),
      render: (o) => (
        <Anchor component={Link} to={`/sales/orders/${o.id}`} fw={600}>
          {o.orderNumber}
        </Anchor>
      ),
    },
    { key: 'date', header: t('fields.date'), render: (o) => format.dateTime(o.placedAt) },
    { key: 'channel', header: t('fields.channel'), render: (o) => o.channel },
    { key: 'status', header: t('fields.status'), render: (o) => <StatusBadge status={o.status} /> },
    { key: 'customer', header: t('fields.customer'), render: (o) => <CustomerCell id={o.customerId} /> },
    {
      key: 'total',
      header: t('fields.total'),
      render: (o) => (
        <Text span fw={600} style={{ whiteSpace: 'nowrap' }}>
          {money(o.total, o.currency)}
        </Text>
      ),
    },
  ];

  const empty = filtered ? (
    <EmptyList title={t('list.noMatches')} description={t('list.noMatchesHint')} />
  ) : (
    <EmptyList title={t('list.empty')} description={t('list.emptyHint')} />
  );
  const receiptRows = receipts.data?.pages.flatMap((p) => p.items);
  const orderRows = orders.data?.pages.flatMap((p) => p.items);

  return (
    <>
      <PageHeader
        title={t('nav.list.title')}
        description={t('nav.list.description')}
        actions={
          can('sales.return') && (
            <Button component={Link} to="/sales/returns/new" leftSection={<IconReceiptRefund size={18} />}>
              {t('receipt.returnThis')}
            </Button>
          )
        }
      />
      <Tabs
        value={tab}
        onChange={(v) => set({ tab: v === 'orders' ? 'orders' : undefined, storeId: undefined, channel: undefined, status: undefined })}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="receipts">{t('tabs.receipts')}</Tabs.Tab>
          <Tabs.Tab value="orders">{t('tabs.orders')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Stack>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
          {tab === 'receipts' ? (
            <Select
              label={t('filters.store')}
              placeholder={t('filters.allStores')}
              searchable
              clearable
              value={values.storeId ?? null}
              onChange={(storeId) => set({ storeId: storeId ?? undefined })}
              data={(stores.data ?? []).map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
            />
          ) : (
            <Group grow gap="xs" align="flex-end">
              <Select
                label={t('filters.channel')}
                placeholder={t('filters.allChannels')}
                clearable
                searchable
                value={values.channel ?? null}
                onChange={(channel) => set({ channel: channel ?? undefined })}
                data={CHANNELS}
              />
              <Select
                label={t('filters.status')}
                placeholder={t('filters.allStatuses')}
                clearable
                value={values.status ?? null}
                onChange={(status) => set({ status: status ?? undefined })}
                data={STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
              />
            </Group>
          )}
          <DatePickerInput
            type="range"
            label={t('filters.dates')}
            clearable
            allowSingleDateInRange
            value={[values.from ?? null, values.to ?? null]}
            onChange={([from, to]) => set({ from: from ?? undefined, to: to ?? undefined })}
          />
          <TextInput
            label={t('filters.number')}
            type="search"
            value={number}
            onChange={(e) => {
              setNumber(e.currentTarget.value);
              commitNumber(e.currentTarget.value);
            }}
          />
          <Input.Wrapper label={t('filters.customer')}>
            <SegmentedControl
              fullWidth
              value={values.who ?? 'all'}
              onChange={(who) => set({ who: who === 'all' ? undefined : who })}
              data={[
                { value: 'all', label: t('filters.all') },
                { value: 'known', label: t('filters.known') },
                { value: 'anonymous', label: t('filters.anonymous') },
              ]}
            />
          </Input.Wrapper>
        </SimpleGrid>
        {filtered && (
          <Group justify="flex-end">
            <Button
              variant="subtle"
              size="xs"
              onClick={() => {
                setNumber('');
                set(Object.fromEntries(PARAMS.filter((k) => k !== 'tab').map((k) => [k, undefined])));
              }}
            >
              {t('filters.clear')}
            </Button>
          </Group>
        )}
        {tab === 'receipts' &&
          (receiptRows ? (
            <div style={{ opacity: receipts.isPlaceholderData ? 0.6 : 1 }}>
              <ResponsiveTable rows={receiptRows} columns={receiptColumns} rowKey={(r) => r.id} empty={empty} minWidth={760} />
              <LoadMore {...receipts} />
            </div>
          ) : (
            <ListSkeleton />
          ))}
        {tab === 'orders' &&
          (orderRows ? (
            <div style={{ opacity: orders.isPlaceholderData ? 0.6 : 1 }}>
              <ResponsiveTable rows={orderRows} columns={orderColumns} rowKey={(o) => o.id} empty={empty} minWidth={760} />
              <LoadMore {...orders} />
            </div>
          ) : (
            <ListSkeleton />
          ))}
      </Stack>
    </>
  );
}
