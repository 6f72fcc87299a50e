import { Anchor, Badge, Button, Group, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../../app/auth/session';
import { useFormat } from '../../../app/i18n/format';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { CHANNELS, type Channel, PURPOSES, type Purpose, type Template, type TemplateFilter, useTemplatePages } from './queries';

/** The org's message templates with channel, purpose, status and name filters (kept in the URL). */
export function TemplatesPage() {
  const { t } = useTranslation('messaging');
  const { can } = useSession();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const filter: TemplateFilter = {
    channel: (params.get('channel') as Channel | null) ?? undefined,
    purpose: (params.get('purpose') as Purpose | null) ?? undefined,
    status: params.get('status') === 'archived' ? 'archived' : 'active',
    q: q || undefined,
  };
  const pages = useTemplatePages(filter);
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const columns: Column<Template>[] = [
    {
      key: 'name',
      header: t('templates.columns.name'),
      render: (r) => (
        <Anchor component={Link} to={`/messaging/templates/${r.id}`} fw={600} size="sm">
          {r.name}
        </Anchor>
      ),
    },
    {
      key: 'channel',
      header: t('templates.columns.channel'),
      render: (r) => (
        <Badge variant="light" color={{ sms: 'blue', email: 'grape', whatsapp: 'green' }[r.channel]}>
          {t(`templates.channels.${r.channel}`)}
        </Badge>
      ),
    },
    { key: 'purpose', header: t('templates.columns.purpose'), render: (r) => t(`templates.purposes.${r.purpose}`) },
    { key: 'languages', header: t('templates.columns.languages'), render: (r) => (r.content.en ? 'TR · EN' : 'TR') },
    { key: 'updated', header: t('templates.columns.updated'), render: (r) => format.dateTime(r.updatedAt) },
  ];

  const filtered = Boolean(filter.channel || filter.purpose || filter.q || filter.status === 'archived');
  return (
    <>
      <PageHeader
        title={t('nav.templates.title')}
        description={t('templates.description')}
        actions={
          can('messaging.manage') && (
            <Button component={Link} to="/messaging/templates/new" leftSection={<IconPlus size={18} />}>
              {t('templates.new')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label={t('templates.columns.channel')}
            value={filter.channel ?? 'all'}
            onChange={(v) => setParam('channel', v === 'all' ? null : v)}
            data={[
              { value: 'all', label: t('templates.all') },
              ...CHANNELS.map((c) => ({ value: c, label: t(`templates.channels.${c}`) })),
            ]}
          />
          <Select
            aria-label={t('templates.columns.purpose')}
            placeholder={t('templates.columns.purpose')}
            clearable
            w={170}
            value={filter.purpose ?? null}
            onChange={(v) => setParam('purpose', v)}
            data={PURPOSES.map((p) => ({ value: p, label: t(`templates.purposes.${p}`) }))}
          />
          <SegmentedControl
            aria-label={t('templates.archived')}
            value={filter.status ?? 'active'}
            onChange={(v) => setParam('status', v === 'active' ? null : v)}
            data={[
              { value: 'active', label: t('templates.statuses.active') },
              { value: 'archived', label: t('templates.archived') },
            ]}
          />
          <TextInput
            aria-label={t('templates.search')}
            placeholder={t('templates.search')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setParam('q', e.currentTarget.value.trim() || null);
            }}
            style={{ flex: '1 1 180px' }}
          />
        </Group>
        {pages.isPending ? (
          <ListSkeleton rows={5} />
        ) : (
          <ResponsiveTable
            rows={rows}
            columns={columns}
            rowKey={(r) => r.id}
            minWidth={640}
            empty={<EmptyList title={filtered ? t('templates.emptyFiltered') : t('templates.empty')} />}
          />
        )}
        <LoadMore {...pages} />
      </Stack>
    </>
  );
}
