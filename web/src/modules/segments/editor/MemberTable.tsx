import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Column, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import type { SegmentMember } from '../queries';

/** Members or sample rows: name (to the customer), phone (masked without pii.read), city, last purchase. */
export function MemberTable({ rows, testId }: { rows: SegmentMember[]; testId: string }) {
  const { t } = useTranslation('segments');
  const columns: Column<SegmentMember>[] = [
    {
      key: 'name',
      header: t('members.name'),
      render: (m) => (
        <Anchor component={Link} to={`/customers/${m.customerId}`} size="sm">
          {m.name ?? t('members.noName')}
        </Anchor>
      ),
    },
    { key: 'phone', header: t('members.phone'), render: (m) => m.phone ?? '—' },
    { key: 'city', header: t('members.city'), render: (m) => m.city ?? '—' },
    { key: 'last', header: t('members.lastPurchase'), render: (m) => m.lastPurchase ?? t('members.never') },
  ];
  return (
    <div data-testid={testId}>
      <ResponsiveTable
        rows={rows}
        columns={columns}
        rowKey={(m) => m.customerId}
        minWidth={520}
        empty={
          <Text size="sm" c="dimmed">
            {t('members.empty')}
          </Text>
        }
      />
    </div>
  );
}
