import { Alert, Anchor, Badge, Button, Card, Divider, Group, Modal, Progress, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAdjustments, IconStarFilled } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { isProblem, unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { useFormat } from '../../../app/i18n/format';
import { LoadMore } from '../../../app/ui/LoadMore';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { useMoney } from '../../sales/money';
import { IntInput } from '../parts/inputs';
import { useLocalDate } from '../parts/local-date';
import { type CustomerLoyalty, customerLoyaltyQuery, keys, type LedgerEntry, newIdempotencyKey, useLedgerPages } from '../queries';

type Account = CustomerLoyalty['accounts'][number];
type Stamp = CustomerLoyalty['stampCards'][number];

const KIND_COLORS: Record<LedgerEntry['kind'], string> = {
  earn: 'green',
  bonus: 'teal',
  burn: 'blue',
  expire: 'gray',
  adjust: 'yellow',
  reversal: 'orange',
};

/**
 * The customer 360's loyalty: points and their value, the tier and the way to the next one,
 * stamp cards with the counter's stamp button, usable coupons, the points history and (with
 * `loyalty.adjust`) a manual adjustment.
 */
export function LoyaltyCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation('loyalty');
  const { can } = useSession();
  const allowed = can('loyalty.read');
  const loyalty = useQuery({ ...customerLoyaltyQuery(customerId), enabled: allowed, throwOnError: false });
  const [adjusting, setAdjusting] = useState(false);
  if (!allowed) return null;
  const l = loyalty.data;
  return (
    <Card withBorder padding="md" data-testid="loyalty-card">
      <Group justify="space-between" mb="sm">
        <Text fw={700}>{t('customer.title')}</Text>
        {can('loyalty.adjust') && (
          <Button variant="subtle" size="compact-sm" leftSection={<IconAdjustments size={14} />} onClick={() => setAdjusting(true)}>
            {t('customer.adjust')}
          </Button>
        )}
      </Group>
      {!l ? (
        <Text size="sm" c="dimmed">
          {loyalty.isError ? t('customer.unavailable') : '…'}
        </Text>
      ) : (
        <Stack gap="md">
          {l.accounts.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('customer.noAccount')}
            </Text>
          ) : (
            l.accounts.map((a) => <AccountView key={a.program.id} account={a} many={l.accounts.length > 1} />)
          )}
          {l.stampCards.length > 0 && (
            <>
              <Divider />
              <Stack gap="sm">
                {l.stampCards.map((s) => (
                  <StampView key={s.cardId} customerId={customerId} card={s} />
                ))}
              </Stack>
            </>
          )}
          <Divider />
          <Coupons coupons={l.coupons} />
          <Divider />
          <Ledger customerId={customerId} />
        </Stack>
      )}
      {l && <AdjustModal customerId={customerId} accounts={l.accounts} opened={adjusting} onClose={() => setAdjusting(false)} />}
    </Card>
  );
}

function AccountView({ account: a, many }: { account: Account; many: boolean }) {
  const { t, i18n } = useTranslation('loyalty');
  const { money } = useMoney();
  const format = useFormat();
  const n = (x: number) => x.toLocaleString(i18n.language);
  const metricText = (x: number) => (a.tierMetric?.metric === 'points' ? t('customer.pointsN', { points: n(x) }) : money(x));
  return (
    <Stack gap={6}>
      {many && (
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {a.program.name}
        </Text>
      )}
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed">
            {t('customer.balance')}
          </Text>
          <Text fz={28} fw={800} lh={1.1} data-testid="loyalty-balance">
            {n(a.balance)}
          </Text>
          <Text size="sm" c="dimmed">
            {t('customer.worth', { amount: money(a.pointsValue) })}
          </Text>
        </div>
        {a.tier && (
          <Badge size="lg" variant="light" color="yellow" leftSection={<IconStarFilled size={12} />} data-testid="loyalty-tier">
            {a.tier.name}
          </Badge>
        )}
      </Group>
      {a.tier?.since && (
        <Text size="xs" c="dimmed">
          {t('customer.tierSince', { date: format.date(a.tier.since) })}
        </Text>
      )}
      {a.nextTier && a.tierMetric ? (
        <div>
          <Progress
            value={Math.min(100, (a.tierMetric.value / Math.max(1, a.nextTier.threshold)) * 100)}
            size="md"
            color="yellow"
            aria-label={t('customer.toNextTier', { tier: a.nextTier.name })}
          />
          <Text size="xs" mt={4}>
            {t('customer.nextTier', { missing: metricText(a.nextTier.missing), tier: a.nextTier.name, months: a.tierMetric.windowMonths })}
          </Text>
        </div>
      ) : (
        a.tier &&
        a.tierMetric && (
          <Text size="xs" c="dimmed">
            {t('customer.topTier', { value: metricText(a.tierMetric.value), months: a.tierMetric.windowMonths })}
          </Text>
        )
      )}
      {a.expiring && (
        <Alert color="orange" variant="light" p="xs">
          <Text size="xs">{t('customer.expiring', { points: n(a.expiring.points), date: format.date(a.expiring.expiresAt) })}</Text>
        </Alert>
      )}
    </Stack>
  );
}

/** A stamp card's progress as stamps, and the counter's one-tap button (a double tap stamps once). */
function StampView({ customerId, card }: { customerId: string; card: Stamp }) {
  const { t } = useTranslation('loyalty');
  const { can } = useSession();
  const queryClient = useQueryClient();
  const busy = useRef(false);
  const [reward, setReward] = useState<string | null>(null);
  const stamp = useMutation({
    mutationFn: (key: string) =>
      unwrap(
        api.POST('/api/v1/loyalty/customers/{id}/stamps', {
          params: { path: { id: customerId } },
          body: { cardId: card.cardId },
          headers: { 'Idempotency-Key': key },
        }),
      ),
    onSuccess: (r) => {
      if (r.coupons.length) setReward(r.coupons.map((c) => `${c.code} — ${c.text}`).join('\n'));
      queryClient.invalidateQueries({ queryKey: keys.customer(customerId) });
      queryClient.invalidateQueries({ queryKey: ['customers', 'one', customerId, 'timeline'] });
    },
    onError: (error) => notifyError(error),
    onSettled: () => {
      busy.current = false;
    },
  });
  return (
    <div data-testid="stamp-card">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} truncate>
            {card.name}
          </Text>
          <Text size="xs" c="dimmed">
            {t('customer.stamps', { stamps: card.stamps, needed: card.stampsNeeded })}
            {card.rewards > 0 ? ` · ${t('customer.rewards', { count: card.rewards })}` : ''}
          </Text>
        </div>
        {can('pos.use') && (
          <Button
            size="sm"
            variant="light"
            loading={stamp.isPending}
            onClick={() => {
              if (busy.current) return;
              busy.current = true;
              stamp.mutate(newIdempotencyKey());
            }}
          >
            {t('customer.addStamp')}
          </Button>
        )}
      </Group>
      <Group gap={4} mt={6} aria-hidden>
        {Array.from({ length: card.stampsNeeded }, (_, i) => (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: the card's boxes
            key={i}
            style={{
              width: 18,
              height: 18,
              borderRadius: 9,
              border: '2px solid var(--mantine-color-teal-6)',
              background: i < card.stamps ? 'var(--mantine-color-teal-6)' : 'transparent',
            }}
          />
        ))}
      </Group>
      {reward && (
        <Alert color="green" variant="light" mt="xs" p="xs" withCloseButton onClose={() => setReward(null)}>
          <Text size="xs" style={{ whiteSpace: 'pre-line' }}>
            {t('customer.rewardIssued')} {reward}
          </Text>
        </Alert>
      )}
    </div>
  );
}

function Coupons({ coupons }: { coupons: CustomerLoyalty['coupons'] }) {
  const { t } = useTranslation('loyalty');
  const localDate = useLocalDate();
  return (
    <div>
      <Text size="sm" fw={600} mb={4}>
        {t('customer.coupons')}
      </Text>
      {coupons.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('customer.noCoupons')}
        </Text>
      ) : (
        <Stack gap={4}>
          {coupons.map((c) => (
            <Group key={c.code} justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" ff="monospace" fw={600}>
                  {c.code}
                </Text>
                <Text size="xs" c="dimmed">
                  {c.label}
                </Text>
              </div>
              {c.validUntil && (
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {t('customer.until', { date: localDate(c.validUntil) })}
                </Text>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </div>
  );
}

function Ledger({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation('loyalty');
  const { can } = useSession();
  const format = useFormat();
  const pages = useLedgerPages(customerId);
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div data-testid="loyalty-ledger">
      <Text size="sm" fw={600} mb={4}>
        {t('customer.history')}
      </Text>
      {pages.data && rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('customer.noHistory')}
        </Text>
      ) : (
        <Stack gap={6}>
          {rows.map((e) => (
            <Group key={e.id} justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Group gap={6}>
                  <Badge size="xs" color={KIND_COLORS[e.kind]} variant="light">
                    {t(`ledger.${e.kind}`)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {format.dateTime(e.occurredAt)}
                  </Text>
                </Group>
                {e.reason && (
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {e.reason}
                  </Text>
                )}
                {e.receiptId && can('sales.read') && (
                  <Anchor component={Link} to={`/sales/receipts/${e.receiptId}`} size="xs">
                    {t('customer.receipt')}
                  </Anchor>
                )}
              </div>
              <Text size="sm" fw={700} c={e.points < 0 ? 'red.7' : 'green.8'} style={{ whiteSpace: 'nowrap' }}>
                {e.points > 0 ? '+' : ''}
                {e.points.toLocaleString(i18n.language)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      <LoadMore hasNextPage={pages.hasNextPage} isFetchingNextPage={pages.isFetchingNextPage} fetchNextPage={pages.fetchNextPage} />
    </div>
  );
}

/** A manual points adjustment with a reason; one Idempotency-Key per opened dialog. */
function AdjustModal({
  customerId,
  accounts,
  opened,
  onClose,
}: {
  customerId: string;
  accounts: Account[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('loyalty');
  return (
    <Modal opened={opened} onClose={onClose} title={t('adjust.title')} centered>
      {opened && <AdjustForm customerId={customerId} accounts={accounts} onDone={onClose} />}
    </Modal>
  );
}

function AdjustForm({ customerId, accounts, onDone }: { customerId: string; accounts: Account[]; onDone: () => void }) {
  const { t, i18n } = useTranslation('loyalty');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const key = useRef(newIdempotencyKey());
  const form = useForm<{ points: number | undefined; reason: string; programId: string | null }>({
    initialValues: { points: undefined, reason: '', programId: accounts[0]?.program.id ?? null },
    validate: {
      points: (v) => (v ? null : tApp('validation.required')),
      reason: (v) => (v.trim() ? null : tApp('validation.required')),
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      unwrap(
        api.POST('/api/v1/loyalty/customers/{id}/adjust', {
          params: { path: { id: customerId } },
          body: { points: v.points ?? 0, reason: v.reason.trim(), ...(v.programId ? { programId: v.programId } : {}) },
          headers: { 'Idempotency-Key': key.current },
        }),
      ),
    onSuccess: (r) => {
      notifySuccess(t('adjust.done', { balance: r.balance.toLocaleString(i18n.language) }));
      queryClient.invalidateQueries({ queryKey: keys.customer(customerId) });
      onDone();
    },
    onError: (error) => {
      // A refused adjustment wrote nothing, so a corrected one is a new request; after a network
      // error the same key replays an adjustment that did happen.
      if (isProblem(error)) key.current = newIdempotencyKey();
      showFormError(form, error, { insufficient_points: 'points' });
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('adjust.hint')}
        </Text>
        {accounts.length > 1 && (
          <Select
            label={t('adjust.program')}
            data={accounts.map((a) => ({ value: a.program.id, label: a.program.name }))}
            allowDeselect={false}
            {...form.getInputProps('programId')}
          />
        )}
        <IntInput
          label={t('adjust.points')}
          description={t('adjust.pointsHint')}
          size="md"
          data-autofocus
          {...form.getInputProps('points')}
        />
        <TextInput label={t('adjust.reason')} size="md" {...form.getInputProps('reason')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {tApp('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('adjust.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
