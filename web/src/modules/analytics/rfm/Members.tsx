import { Anchor, Group, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '../../../app/ui/LoadMore';
import { Panel } from '../../../app/ui/Panel';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useMoney } from '../../sales/money';
import { useNumbers } from '../format';
import { type RfmMember, type RfmSegment, useMembers } from './rfm-queries';
import { SEGMENTS } from './segments';

/** The customers of one segment, highest spend first, a page at a time; names link to the customer. */
export function Members({ brand, segment, onSegment }: { brand?: string; segment: RfmSegment; onSegment: (s: RfmSegment) => void }) {
  const { t } = useTranslation('analytics');
  const { num } = useNumbers();
  const { money } = useMoney();
  const pages = useMembers(brand, segment);
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const name = (m: RfmMember) => [m.firstName, m.lastName].filter(Boolean).join(' ') || t('rfm.members.noName');
  const columns: Column<RfmMember>[] = [
    {
      key: 'name',
      header: t('rfm.members.name'),
      render: (m) => (
        <Anchor component={Link} to={`/customers/${m.customerId}`} size="sm">
          {name(m)}
        </Anchor>
      ),
    },
    { key: 'phone', header: t('rfm.members.phone'), render: (m) => m.phone ?? '—' },
    { key: 'recency', header: t('rfm.members.recency'), render: (m) => t('rfm.members.recencyDays', { n: m.recencyDays }) },
    { key: 'frequency', header: t('rfm.members.frequency'), render: (m) => num(m.frequency, 0) },
    { key: 'monetary', header: t('rfm.members.monetary'), render: (m) => money(m.monetary) },
    { key: 'scores', header: t('rfm.members.scores'), render: (m) => `${m.r} / ${m.f} / ${m.m}` },
  ];
  return (
    <Panel
      title={t('rfm.members.title')}
      hint={t('rfm.members.hint')}
      testId="rfm-members"
      csv={{
        fileName: `rfm-${segment}.csv`,
        headers: [
          t('rfm.members.name'),
          t('rfm.members.phone'),
          t('rfm.members.recency'),
          t('rfm.members.frequency'),
          t('rfm.members.monetary'),
          'R',
          'F',
          'M',
        ],
        rows: items.map((m) => [name(m), m.phone ?? '', m.recencyDays, m.frequency, m.monetary / 100, m.r, m.f, m.m]),
      }}
    >
      <Group mb="sm">
        <Select
          label={t('rfm.members.segment')}
          value={segment}
          allowDeselect={false}
          onChange={(v) => v && onSegment(v as RfmSegment)}
          data={SEGMENTS.map((s) => ({ value: s, label: t(`rfm.segments.${s}`) }))}
          data-testid="rfm-members-segment"
          w={240}
          maw="100%"
        />
      </Group>
      {!pages.data ? (
        <ListSkeleton rows={3} />
      ) : (
        <div style={{ opacity: pages.isPlaceholderData ? 0.6 : 1 }}>
          <ResponsiveTable
            rows={items}
            columns={columns}
            rowKey={(m) => m.customerId}
            empty={
              <Text size="sm" c="dimmed">
                {t('rfm.members.empty')}
              </Text>
            }
          />
          <LoadMore hasNextPage={pages.hasNextPage} isFetchingNextPage={pages.isFetchingNextPage} fetchNextPage={pages.fetchNextPage} />
        </div>
      )}
    </Panel>
  );
}
