import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconDownload, IconEdit, IconTicket } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../app/api/client';
import { isProblem, unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { useFormat } from '../../../app/i18n/format';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useMoney } from '../../sales/money';
import { IntInput } from '../parts/inputs';
import { type Customer, CustomerSearch } from '../parts/pickers';
import { type CampaignDetail, type CouponCode, campaignQuery, jobQuery, keys, newIdempotencyKey, useCodePages } from '../queries';
import { CampaignDrawer } from './CampaignForm';

/** One coupon campaign: its usage, code generation with progress, the CSV export and the codes. */
export function CampaignPage() {
  const { t, i18n } = useTranslation('loyalty');
  const { id = '' } = useParams();
  const { can } = useSession();
  const { money } = useMoney();
  const campaign = useQuery({ ...campaignQuery(id), throwOnError: true });
  const [editing, setEditing] = useState(false);
  if (!campaign.data) return <ListSkeleton rows={8} />;
  const c = campaign.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/loyalty/coupons" size="sm">
        <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> {t('campaigns.back')}
      </Anchor>
      <PageHeader
        title={c.name}
        description={
          <>
            {t(`campaignKinds.${c.kind}`)} · {c.terms.effect.label}
            {c.terms.minimumBasket ? ` · ${t('campaigns.minimumShort', { amount: money(c.terms.minimumBasket) })}` : ''}
          </>
        }
        actions={
          <>
            <Badge size="lg" color={c.active ? 'green' : 'gray'} variant="light">
              {c.active ? t('status.active') : t('status.inactive')}
            </Badge>
            {can('loyalty.manage') && (
              <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
                {t('campaigns.edit')}
              </Button>
            )}
          </>
        }
      />
      {c.sharedCode && (
        <Alert color="teal" variant="light" icon={<IconTicket size={18} />}>
          {t('campaigns.sharedCodeIs')}{' '}
          <Text span ff="monospace" fw={700}>
            {c.sharedCode}
          </Text>
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Usage campaign={c} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            {c.kind === 'unique' && can('loyalty.manage') && <Generate campaign={c} />}
            {c.kind === 'personal' && can('loyalty.manage') && <IssuePersonal campaign={c} />}
            {can('loyalty.manage') && (
              <Card withBorder padding="md">
                <Text fw={700} mb={4}>
                  {t('campaigns.export')}
                </Text>
                <Text size="sm" c="dimmed" mb="sm">
                  {t('campaigns.exportHint', { codes: c.stats.codes.toLocaleString(i18n.language) })}
                </Text>
                <Button
                  component="a"
                  href={`/api/v1/loyalty/coupon-campaigns/${c.id}/codes.csv`}
                  download
                  variant="light"
                  leftSection={<IconDownload size={16} />}
                >
                  {t('campaigns.exportCsv')}
                </Button>
              </Card>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <Codes campaignId={c.id} />
      <CampaignDrawer campaign={c} opened={editing} onClose={() => setEditing(false)} />
    </Stack>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="lg" fw={700} data-testid={testId}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Paper>
  );
}

/** Codes issued vs used, redemptions and customers side by side, and the discount given. */
function Usage({ campaign }: { campaign: CampaignDetail }) {
  const { t, i18n } = useTranslation('loyalty');
  const { money } = useMoney();
  const s = campaign.stats;
  const n = (x: number) => x.toLocaleString(i18n.language);
  const data = [
    { name: t('stats.codes'), value: s.codes },
    { name: t('stats.codesUsed'), value: s.codesUsed },
    { name: t('stats.redemptions'), value: s.redemptions },
    { name: t('stats.customers'), value: s.customers },
  ];
  return (
    <Card withBorder padding="md" h="100%">
      <Text fw={700} mb="sm">
        {t('stats.title')}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" mb="md">
        <Stat label={t('stats.codes')} value={n(s.codes)} testId="stat-codes" />
        <Stat label={t('stats.codesUsed')} value={n(s.codesUsed)} testId="stat-used" />
        <Stat
          label={t('stats.usage')}
          value={s.codes ? `%${((s.codesUsed / s.codes) * 100).toLocaleString(i18n.language, { maximumFractionDigits: 1 })}` : '—'}
        />
        <Stat label={t('stats.discount')} value={money(s.discountTotal)} />
      </SimpleGrid>
      <BarChart
        h={200}
        data={data}
        dataKey="name"
        orientation="vertical"
        yAxisProps={{ width: 110 }}
        series={[{ name: 'value', label: t('stats.count'), color: 'teal.6' }]}
        valueFormatter={(v) => n(v)}
        withBarValueLabel
        withTooltip={false}
        barChartProps={{ margin: { right: 56 } }}
        aria-label={t('stats.chart')}
      />
    </Card>
  );
}

/** "Generate N codes": a background job whose progress is polled into a bar. */
function Generate({ campaign }: { campaign: CampaignDetail }) {
  const { t, i18n } = useTranslation('loyalty');
  const queryClient = useQueryClient();
  const [count, setCount] = useState<number | undefined>(1000);
  const [jobId, setJobId] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const job = useQuery({ ...jobQuery(jobId ?? ''), enabled: jobId !== null, throwOnError: false });
  const start = useMutation({
    mutationFn: (n: number) =>
      unwrap(
        api.POST('/api/v1/loyalty/coupon-campaigns/{id}/generate', {
          params: { path: { id: campaign.id } },
          body: { count: n },
          headers: { 'Idempotency-Key': key.current },
        }),
      ),
    onSuccess: ({ jobId: id }) => {
      setJobId(id);
      key.current = newIdempotencyKey();
    },
    onError: (error) => {
      if (isProblem(error)) key.current = newIdempotencyKey();
      notifyError(error);
    },
  });
  const status = job.data?.status;
  const running = jobId !== null && status !== 'succeeded' && status !== 'failed';
  useEffect(() => {
    if (status === 'succeeded') {
      notifySuccess(t('generate.done', { codes: (job.data?.done ?? 0).toLocaleString(i18n.language) }));
      queryClient.invalidateQueries({ queryKey: keys.campaign(campaign.id) });
      queryClient.invalidateQueries({ queryKey: keys.campaigns });
    }
  }, [status, job.data?.done, campaign.id, queryClient, t, i18n.language]);
  const percent = job.data?.progress ?? (job.data?.total ? (job.data.done / job.data.total) * 100 : 0);

  return (
    <Card withBorder padding="md">
      <Text fw={700} mb={4}>
        {t('generate.title')}
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t('generate.hint')}
      </Text>
      <Group align="flex-end" gap="xs">
        <IntInput label={t('generate.count')} min={1} max={1_000_000} value={count} onChange={setCount} w={160} disabled={running} />
        <Button onClick={() => count && start.mutate(count)} loading={start.isPending || running} disabled={!count}>
          {t('generate.start')}
        </Button>
      </Group>
      {jobId && (
        <Stack gap={4} mt="md" data-testid="generate-progress">
          <Text size="sm">
            {status === 'succeeded'
              ? t('generate.finished', { codes: (job.data?.done ?? 0).toLocaleString(i18n.language) })
              : status === 'failed'
                ? t('generate.failed', { error: job.data?.error ?? '' })
                : job.data?.total
                  ? t('generate.running', {
                      done: job.data.done.toLocaleString(i18n.language),
                      total: job.data.total.toLocaleString(i18n.language),
                    })
                  : t('generate.queued')}
          </Text>
          <Progress
            // Queued: a moving grey bar, as the job has no total yet.
            value={status === 'succeeded' || !job.data?.total ? 100 : percent}
            color={status === 'failed' ? 'red' : status === 'succeeded' ? 'green' : job.data?.total ? 'teal' : 'gray.4'}
            animated={running}
            striped={running}
            size="lg"
            aria-label={t('generate.title')}
          />
        </Stack>
      )}
    </Card>
  );
}

/** Personal campaigns: a coupon for one customer at a time. */
function IssuePersonal({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation('loyalty');
  const queryClient = useQueryClient();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [issued, setIssued] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const issue = useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.POST('/api/v1/loyalty/coupon-campaigns/{id}/issue', {
          params: { path: { id: campaign.id } },
          body: { customerIds: [id] },
          headers: { 'Idempotency-Key': key.current },
        }),
      ),
    onSuccess: (r) => {
      key.current = newIdempotencyKey();
      setIssued(r.items[0]?.code ?? null);
      queryClient.invalidateQueries({ queryKey: keys.campaign(campaign.id) });
    },
    onError: (error) => {
      // A refusal wrote nothing: the next try is a new request. After a network error the same key
      // may replay an issue that did happen.
      if (isProblem(error)) key.current = newIdempotencyKey();
      notifyError(error);
    },
  });
  return (
    <Card withBorder padding="md">
      <Text fw={700} mb="sm">
        {t('issue.title')}
      </Text>
      <Stack gap="xs">
        <CustomerSearch label={t('issue.customer')} value={customer} onPick={setCustomer} />
        <Button
          onClick={() => customer && issue.mutate(customer.id)}
          disabled={!customer}
          loading={issue.isPending}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('issue.submit')}
        </Button>
        {issued && (
          <Alert color="green" variant="light">
            {t('issue.done')}{' '}
            <Text span ff="monospace" fw={700}>
              {issued}
            </Text>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function Codes({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('loyalty');
  const format = useFormat();
  const pages = useCodePages(campaignId);
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: Column<CouponCode>[] = [
    {
      key: 'code',
      header: t('codes.code'),
      render: (c) => (
        <Text ff="monospace" size="sm" fw={600}>
          {c.code}
        </Text>
      ),
    },
    { key: 'uses', header: t('codes.uses'), render: (c) => (c.maxUses !== null ? `${c.uses} / ${c.maxUses}` : String(c.uses)) },
    {
      key: 'status',
      header: t('status.title'),
      render: (c) =>
        c.status === 'void' ? (
          <Badge color="gray" variant="light">
            {t('codes.void')}
          </Badge>
        ) : c.maxUses !== null && c.uses >= c.maxUses ? (
          <Badge color="orange" variant="light">
            {t('codes.used')}
          </Badge>
        ) : (
          <Badge color="green" variant="light">
            {t('codes.usable')}
          </Badge>
        ),
    },
    {
      key: 'customer',
      header: t('codes.customer'),
      render: (c) =>
        c.customerId ? (
          <Anchor component={Link} to={`/customers/${c.customerId}`} size="sm">
            {t('codes.openCustomer')}
          </Anchor>
        ) : (
          '—'
        ),
    },
    { key: 'issued', header: t('codes.issuedAt'), render: (c) => format.dateTime(c.issuedAt) },
  ];
  return (
    <Card withBorder padding="md">
      <Text fw={700} mb="sm">
        {t('codes.title')}
      </Text>
      {!pages.data ? (
        <ListSkeleton />
      ) : (
        <>
          <ResponsiveTable
            rows={rows}
            columns={columns}
            rowKey={(c) => c.code}
            minWidth={560}
            empty={<EmptyList title={t('codes.empty')} />}
          />
          <LoadMore hasNextPage={pages.hasNextPage} isFetchingNextPage={pages.isFetchingNextPage} fetchNextPage={pages.fetchNextPage} />
        </>
      )}
    </Card>
  );
}
