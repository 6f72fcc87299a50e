import { Anchor, Button, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconSparkles } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api/client';
import { unwrap } from '../../app/api/problem';
import { useSession } from '../../app/auth/session';
import { EmptyList } from '../../app/ui/EmptyList';
import { LoadMore } from '../../app/ui/LoadMore';
import { notifyError } from '../../app/ui/notify';
import { PageHeader } from '../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../app/ui/ResponsiveTable';
import { type Campaign, keys, presetsQuery, useCampaignPages } from './queries';
import { StatusBadge } from './status';

/** Campaigns sent and planned, and the seed's ready-made ones one click away. */
export function CampaignsPage() {
  const { t } = useTranslation('campaigns');
  const { can } = useSession();
  return (
    <>
      <PageHeader
        title={t('nav.campaigns.title')}
        description={t('list.description')}
        actions={
          can('campaigns.manage') && (
            <Button component={Link} to="/campaigns/new" leftSection={<IconPlus size={18} />}>
              {t('list.new')}
            </Button>
          )
        }
      />
      {can('campaigns.manage') && <Presets />}
      <CampaignList />
    </>
  );
}

function Presets() {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const presets = useQuery(presetsQuery);
  const apply = useMutation({
    mutationFn: (key: string) => unwrap(api.POST('/api/v1/campaigns/presets', { body: { key } })),
    onSuccess: (c) => {
      queryClient.invalidateQueries({ queryKey: keys.all });
      navigate(`/campaigns/${c.id}/edit`);
    },
    onError: (e) => notifyError(e),
  });
  if (!presets.data?.length) return null;
  return (
    <Stack gap="xs" mb="lg">
      <Title order={2} size="h4">
        {t('list.presets')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {presets.data.map((p) => (
          <Card key={p.key} withBorder padding="md" data-testid={`preset-${p.key}`}>
            <Text fw={700}>{p.name}</Text>
            <Text size="sm" c="dimmed" mb="sm" style={{ flex: 1 }}>
              {p.description}
            </Text>
            <Button
              variant="light"
              leftSection={<IconSparkles size={16} />}
              onClick={() => apply.mutate(p.key)}
              loading={apply.isPending && apply.variables === p.key}
            >
              {t('list.usePreset')}
            </Button>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function CampaignList() {
  const { t, i18n } = useTranslation('campaigns');
  const pages = useCampaignPages();
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: Column<Campaign>[] = [
    {
      key: 'name',
      header: t('list.name'),
      render: (c) => (
        <Anchor component={Link} to={`/campaigns/${c.id}`} fw={600} size="sm">
          {c.name}
        </Anchor>
      ),
    },
    { key: 'status', header: t('list.status'), render: (c) => <StatusBadge status={c.status} /> },
    { key: 'channel', header: t('list.channel'), render: (c) => t(`channels.${c.channel}`) },
    {
      key: 'audience',
      header: t('list.audience'),
      render: (c) => (c.counts ? c.counts.audience.toLocaleString(i18n.language) : '—'),
    },
    { key: 'created', header: t('list.created'), render: (c) => new Date(c.createdAt).toLocaleDateString(i18n.language) },
  ];
  if (pages.isPending) return <ListSkeleton />;
  return (
    <>
      <ResponsiveTable rows={rows} columns={columns} rowKey={(c) => c.id} empty={<EmptyList title={t('list.empty')} />} />
      <LoadMore {...pages} />
    </>
  );
}
