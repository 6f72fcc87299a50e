import { Anchor, Badge, Button, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/auth/session';
import { EmptyList } from '../../app/ui/EmptyList';
import { LoadMore } from '../../app/ui/LoadMore';
import { PageHeader } from '../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../app/ui/ResponsiveTable';
import { type Segment, useSegments } from './queries';

/** Every segment with its kind, member count and last refresh; newest first. */
export function SegmentsPage() {
  const { t, i18n } = useTranslation('segments');
  const { can } = useSession();
  const pages = useSegments();
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const when = (d: string | null) => (d ? new Date(d).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' }) : '—');
  const create = can('segments.manage') && (
    <Button component={Link} to="/segments/new" leftSection={<IconPlus size={16} />} data-testid="new-segment">
      {t('list.new')}
    </Button>
  );
  const columns: Column<Segment>[] = [
    {
      key: 'name',
      header: t('list.name'),
      render: (s) => (
        <Anchor component={Link} to={`/segments/${s.id}`} size="sm">
          {s.name}
        </Anchor>
      ),
    },
    {
      key: 'kind',
      header: t('list.kind'),
      render: (s) => (
        <Badge variant="light" color={s.kind === 'dynamic' ? 'blue' : 'gray'}>
          {t(`kinds.${s.kind}`)}
        </Badge>
      ),
    },
    { key: 'members', header: t('list.count'), render: (s) => s.memberCount.toLocaleString(i18n.language) },
    { key: 'refreshed', header: t('list.refreshed'), render: (s) => when(s.refreshedAt) },
  ];
  return (
    <>
      <PageHeader title={t('list.title')} description={t('list.description')} actions={create} />
      {!pages.data ? (
        <ListSkeleton rows={4} />
      ) : (
        <ResponsiveTable
          rows={items}
          columns={columns}
          rowKey={(s) => s.id}
          minWidth={560}
          empty={
            <EmptyList title={t('list.empty')} description={<Text size="sm">{t('list.emptyHint')}</Text>} action={create || undefined} />
          }
        />
      )}
      <LoadMore hasNextPage={pages.hasNextPage} isFetchingNextPage={pages.isFetchingNextPage} fetchNextPage={pages.fetchNextPage} />
    </>
  );
}
