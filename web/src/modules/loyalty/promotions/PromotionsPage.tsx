import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { EmptyList } from '../../../app/ui/EmptyList';
import { notifyError } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useMoney } from '../../sales/money';
import { useLocalDate } from '../parts/local-date';
import { ShowMore, useShowMore } from '../parts/ShowMore';
import { keys, type PromotionRecord, promotionsQuery } from '../queries';
import { conditionsSummary } from './summary';
import { TestBasketPanel } from './TestBasketPanel';

type Filter = 'all' | 'active' | 'inactive';

/** The promotions, highest priority first, and the "test this basket" panel. */
export function PromotionsPage() {
  const { t } = useTranslation('loyalty');
  const { can } = useSession();
  const { money } = useMoney();
  const localDate = useLocalDate();
  const [params, setParams] = useSearchParams();
  const filter = (params.get('status') as Filter | null) ?? 'all';
  const promotions = useQuery(promotionsQuery);
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (p: PromotionRecord) =>
      unwrap(api.PATCH('/api/v1/loyalty/promotions/{id}', { params: { path: { id: p.id } }, body: { active: !p.active } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.promotions }),
    onError: (error) => notifyError(error),
  });
  const [busy, setBusy] = useState<string | null>(null);

  const rows = (promotions.data ?? [])
    .filter((p) => filter === 'all' || p.active === (filter === 'active'))
    .sort((a, b) => Number(b.active) - Number(a.active) || b.definition.priority - a.definition.priority || a.code.localeCompare(b.code));
  const more = useShowMore(rows, filter);

  const columns: Column<PromotionRecord>[] = [
    {
      key: 'label',
      header: t('promotion.label'),
      render: (p) => (
        <Stack gap={2}>
          <Anchor component={Link} to={`/loyalty/promotions/${p.id}`} fw={600} size="sm">
            {p.definition.label}
          </Anchor>
          <Text size="xs" c="dimmed">
            {p.code}
          </Text>
        </Stack>
      ),
    },
    { key: 'kind', header: t('promotion.kind'), render: (p) => t(`kinds.${p.definition.kind}`) },
    { key: 'priority', header: t('promotion.priority'), render: (p) => p.definition.priority },
    {
      key: 'flags',
      header: t('promotion.stacking'),
      render: (p) => (
        <Group gap={4} justify="inherit">
          {p.definition.exclusive && (
            <Badge size="sm" color="grape" variant="light">
              {t('promotion.exclusiveBadge')}
            </Badge>
          )}
          <Badge size="sm" color={p.definition.stackable ? 'blue' : 'gray'} variant="light">
            {p.definition.stackable ? t('promotion.stackableBadge') : t('promotion.notStackableBadge')}
          </Badge>
        </Group>
      ),
    },
    {
      key: 'conditions',
      header: t('conditions.title'),
      render: (p) => <Text size="xs">{conditionsSummary(p.definition.conditions, t, money, localDate) || '—'}</Text>,
    },
    {
      key: 'active',
      header: t('status.title'),
      render: (p) =>
        can('loyalty.manage') ? (
          <Switch
            aria-label={t('status.toggle', { name: p.definition.label })}
            checked={p.active}
            disabled={toggle.isPending && busy === p.id}
            onChange={() => {
              setBusy(p.id);
              toggle.mutate(p);
            }}
          />
        ) : (
          <Badge color={p.active ? 'green' : 'gray'} variant="light">
            {p.active ? t('status.active') : t('status.inactive')}
          </Badge>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.promotions.title')}
        description={t('promotions.description')}
        actions={
          can('loyalty.manage') && (
            <Button component={Link} to="/loyalty/promotions/new" leftSection={<IconPlus size={18} />}>
              {t('promotions.new')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        <div>
          <SegmentedControl
            mb="sm"
            aria-label={t('status.title')}
            data={(['all', 'active', 'inactive'] as const).map((f) => ({ value: f, label: t(`filters.${f}`) }))}
            value={filter}
            onChange={(f) => setParams(f === 'all' ? {} : { status: f }, { replace: true })}
          />
          {!promotions.data ? (
            <ListSkeleton />
          ) : (
            <>
              <ResponsiveTable
                rows={more.visible}
                columns={columns}
                rowKey={(p) => p.id}
                minWidth={640}
                empty={<EmptyList title={t('promotions.empty')} description={t('promotions.emptyHint')} />}
              />
              <ShowMore {...more} />
            </>
          )}
        </div>
        <TestBasketPanel />
      </Stack>
    </>
  );
}
