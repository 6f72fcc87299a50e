import { Anchor, Badge, Button, SegmentedControl, Stack, Tabs, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../../app/auth/session';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useMoney } from '../../sales/money';
import { useLocalDate } from '../parts/local-date';
import { type Campaign, useCampaignPages } from '../queries';
import { CampaignDrawer } from './CampaignForm';
import { ReceiptRules } from './ReceiptRules';

type Filter = 'all' | 'active' | 'inactive';

/** Coupon campaigns (generate, export, usage) and the receipt-bottom coupon rules. */
export function CouponsPage() {
  const { t } = useTranslation('loyalty');
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'rules' ? 'rules' : 'campaigns';
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('nav.coupons.title')}
        description={t('campaigns.description')}
        actions={
          can('loyalty.manage') &&
          tab === 'campaigns' && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
              {t('campaigns.new')}
            </Button>
          )
        }
      />
      <Tabs value={tab} onChange={(v) => setParams(v === 'rules' ? { tab: 'rules' } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="campaigns">{t('campaigns.tab')}</Tabs.Tab>
          <Tabs.Tab value="rules">{t('rules.tab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="campaigns">
          <CampaignList />
        </Tabs.Panel>
        <Tabs.Panel value="rules">
          <ReceiptRules />
        </Tabs.Panel>
      </Tabs>
      <CampaignDrawer campaign={null} opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function CampaignList() {
  const { t, i18n } = useTranslation('loyalty');
  const { money } = useMoney();
  const localDate = useLocalDate();
  const [filter, setFilter] = useState<Filter>('all');
  const pages = useCampaignPages(filter === 'all' ? undefined : filter === 'active');
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: Column<Campaign>[] = [
    {
      key: 'name',
      header: t('campaigns.name'),
      render: (c) => (
        <Stack gap={2}>
          <Anchor component={Link} to={`/loyalty/coupons/${c.id}`} fw={600} size="sm">
            {c.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {c.terms.effect.label}
          </Text>
        </Stack>
      ),
    },
    { key: 'kind', header: t('campaigns.kind'), render: (c) => t(`campaignKinds.${c.kind}`) },
    {
      key: 'codes',
      header: t('campaigns.codes'),
      render: (c) =>
        c.sharedCode ? (
          <Text ff="monospace" size="sm">
            {c.sharedCode}
          </Text>
        ) : (
          c.codesCount.toLocaleString(i18n.language)
        ),
    },
    {
      key: 'validity',
      header: t('campaigns.validity'),
      render: (c) =>
        c.terms.validFrom || c.terms.validUntil
          ? `${c.terms.validFrom ? localDate(c.terms.validFrom) : '…'} – ${c.terms.validUntil ? localDate(c.terms.validUntil) : '…'}`
          : t('campaigns.always'),
    },
    {
      key: 'minimum',
      header: t('campaigns.minimumBasket'),
      render: (c) => (c.terms.minimumBasket ? money(c.terms.minimumBasket) : '—'),
    },
    {
      key: 'active',
      header: t('status.title'),
      render: (c) => (
        <Badge color={c.active ? 'green' : 'gray'} variant="light">
          {c.active ? t('status.active') : t('status.inactive')}
        </Badge>
      ),
    },
  ];
  return (
    <>
      <SegmentedControl
        mb="sm"
        aria-label={t('status.title')}
        data={(['all', 'active', 'inactive'] as const).map((f) => ({ value: f, label: t(`filters.${f}`) }))}
        value={filter}
        onChange={(f) => setFilter(f as Filter)}
      />
      {!pages.data ? (
        <ListSkeleton />
      ) : (
        <>
          <ResponsiveTable
            rows={rows}
            columns={columns}
            rowKey={(c) => c.id}
            empty={<EmptyList title={t('campaigns.empty')} description={t('campaigns.emptyHint')} />}
          />
          <LoadMore hasNextPage={pages.hasNextPage} isFetchingNextPage={pages.isFetchingNextPage} fetchNextPage={pages.fetchNextPage} />
        </>
      )}
    </>
  );
}
