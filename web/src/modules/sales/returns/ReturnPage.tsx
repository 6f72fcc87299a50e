import {
  Alert,
  Autocomplete,
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconCircleCheck, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../app/api/client';
import { isProblem, unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { useFormat } from '../../../app/i18n/format';
import { ConfirmModal } from '../../../app/ui/ConfirmModal';
import { notifyError } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { allStoresQuery } from '../../access/queries';
import { useMoney } from '../money';
import { CHANNELS, keys, type Return, type Returnable } from '../queries';

type Lookup = { receiptId?: string; orderId?: string; storeCode?: string; receiptNumber?: string; channel?: string; orderNumber?: string };
const REASONS = ['size', 'colour', 'defect', 'changedMind', 'other'] as const;

/** A fresh key per attempt: a retried click (or a flaky network) records the return once. */
const newKey = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`).toString();

function FindSale({ onFind, loading }: { onFind: (q: Lookup) => void; loading: boolean }) {
  const { t } = useTranslation('sales');
  const { user, can } = useSession();
  const stores = useQuery({ ...allStoresQuery, enabled: can('stores.read') });
  const [kind, setKind] = useState<'receipt' | 'order'>('receipt');
  const [storeCode, setStoreCode] = useState<string | null>(null);
  const [number, setNumber] = useState('');
  const [channel, setChannel] = useState('web');
  const ownStore = user?.storeIds.length === 1 ? stores.data?.find((s) => s.id === user.storeIds[0])?.code : undefined;
  const store = storeCode ?? ownStore ?? null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!number.trim()) return;
    if (kind === 'receipt') onFind({ storeCode: store ?? undefined, receiptNumber: number.trim() });
    else onFind({ channel: channel.trim().toLowerCase(), orderNumber: number.trim() });
  };
  return (
    <Card withBorder padding="md" component="form" onSubmit={submit}>
      <Stack gap="sm">
        <Text fw={700}>{t('returns.find')}</Text>
        <SegmentedControl
          fullWidth
          value={kind}
          onChange={(v) => setKind(v as 'receipt' | 'order')}
          data={[
            { value: 'receipt', label: t('returns.kindReceipt') },
            { value: 'order', label: t('returns.kindOrder') },
          ]}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {kind === 'receipt' ? (
            <Select
              label={t('returns.receiptStore')}
              searchable
              value={store}
              onChange={setStoreCode}
              data={(stores.data ?? []).map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }))}
              required
            />
          ) : (
            <Autocomplete label={t('returns.channel')} value={channel} onChange={setChannel} data={CHANNELS} required />
          )}
          <TextInput
            label={kind === 'receipt' ? t('returns.receiptNumber') : t('returns.orderNumber')}
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            required
            autoComplete="off"
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconSearch size={16} />} loading={loading} fullWidth={false}>
            {t('returns.search')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function PickLines({ sale, onDone }: { sale: Returnable; onDone: (r: Return) => void }) {
  const { t } = useTranslation('sales');
  const { user, can } = useSession();
  const format = useFormat();
  const { money, quantity } = useMoney();
  const queryClient = useQueryClient();
  const stores = useQuery({ ...allStoresQuery, enabled: can('stores.read') });
  const [amounts, setAmounts] = useState<Record<number, number>>({});
  const ownStore = user?.storeIds.length === 1 ? user.storeIds[0] : null;
  const [storeId, setStoreId] = useState<string | null>(ownStore ?? (sale.kind === 'receipt' ? sale.storeId : null));
  const [reason, setReason] = useState<(typeof REASONS)[number] | null>(null);
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [key, setKey] = useState(newKey);
  const picked = sale.lines.filter((l) => (amounts[l.lineNo] ?? 0) > 0);
  const count = picked.reduce((s, l) => s + (amounts[l.lineNo] ?? 0), 0);

  const save = useMutation({
    mutationFn: () => {
      const reasonText = [reason ? t(`returns.reasons.${reason}`) : null, note.trim() || null].filter(Boolean).join(': ') || undefined;
      const storeCode = stores.data?.find((s) => s.id === storeId)?.code;
      return unwrap(
        api.POST('/api/v1/sales/returns', {
          headers: { 'Idempotency-Key': key },
          body: {
            ...(sale.kind === 'receipt' ? { receiptId: sale.id } : { orderId: sale.id }),
            ...(storeCode ? { storeCode } : {}),
            lines: picked.map((l) => ({ lineNo: l.lineNo, quantity: amounts[l.lineNo] })),
            reason: reasonText,
          },
        }),
      );
    },
    onSuccess: (res) => {
      queryClient.invalidateQueries({ queryKey: keys.all });
      onDone(res.return);
    },
    onError: (err) => {
      setConfirming(false);
      // A refused return changed nothing: the next attempt is a new request.
      if (isProblem(err) && err.status < 500) setKey(newKey());
      notifyError(err);
    },
  });

  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Text fw={700}>
          {t('returns.found', { number: sale.number, date: format.dateTime(sale.occurredAt), total: money(sale.total, sale.currency) })}
        </Text>
        {sale.channel && (
          <Text size="sm" c="dimmed">
            {sale.channel}
          </Text>
        )}
      </Card>
      {!sale.returnable && (
        <Alert color="orange" variant="light">
          {t('returns.notReturnable', { status: sale.status ? t(`statuses.${sale.status}`) : '' })}
        </Alert>
      )}
      <Text fw={700}>{t('returns.pick')}</Text>
      <Stack gap="xs">
        {sale.lines.map((l) => (
          <Card key={l.lineNo} withBorder padding="sm">
            <Group justify="space-between" wrap="nowrap" align="center" gap="sm">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {l.productName ?? l.sku ?? `#${l.lineNo}`}
                </Text>
                <Text size="xs" c="dimmed">
                  {quantity(l.quantity)} × {money(l.unitPrice, sale.currency)} · {money(l.lineTotal, sale.currency)}
                </Text>
                <Text size="xs" c={l.available > 0 ? 'dimmed' : 'orange.8'}>
                  {l.available > 0 ? t('returns.available', { count: l.available }) : t('returns.nothingLeft')}
                </Text>
              </div>
              <NumberInput
                aria-label={`${t('fields.quantity')} ${l.productName ?? l.lineNo}`}
                w={96}
                min={0}
                max={l.available}
                step={1}
                decimalScale={3}
                clampBehavior="strict"
                disabled={l.available <= 0 || !sale.returnable}
                value={amounts[l.lineNo] ?? 0}
                onChange={(v) => setAmounts((a) => ({ ...a, [l.lineNo]: Number(v) || 0 }))}
              />
            </Group>
          </Card>
        ))}
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t('returns.returnStore')}
          searchable
          clearable={!ownStore}
          disabled={Boolean(ownStore)}
          value={storeId}
          onChange={setStoreId}
          data={(stores.data ?? []).map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
        />
        <Select
          label={t('returns.reason')}
          value={reason}
          onChange={(v) => setReason(v as (typeof REASONS)[number] | null)}
          data={REASONS.map((r) => ({ value: r, label: t(`returns.reasons.${r}`) }))}
        />
      </SimpleGrid>
      <Textarea
        label={t('returns.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        maxLength={400}
        autosize
        minRows={2}
      />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {count > 0 ? t('returns.summary', { count }) : t('returns.selectSomething')}
        </Text>
        <Button disabled={count === 0 || !sale.returnable} onClick={() => setConfirming(true)}>
          {t('returns.confirm')}
        </Button>
      </Group>
      <ConfirmModal
        opened={confirming}
        title={t('returns.confirmTitle')}
        message={t('returns.confirmText', { count })}
        confirmLabel={t('returns.confirm')}
        loading={save.isPending}
        onConfirm={() => save.mutate()}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}

/** Take a return in a store: find the receipt or online order, pick the lines, confirm. */
export function ReturnPage() {
  const { t } = useTranslation('sales');
  const { money } = useMoney();
  const [params, setParams] = useSearchParams();
  const initial = useMemo<Lookup | null>(() => {
    const receiptId = params.get('receiptId');
    const orderId = params.get('orderId');
    return receiptId ? { receiptId } : orderId ? { orderId } : null;
  }, [params]);
  const [lookup, setLookup] = useState<Lookup | null>(initial);
  const [done, setDone] = useState<Return | null>(null);
  const sale = useQuery({
    queryKey: [...keys.all, 'returnable', lookup],
    queryFn: () => unwrap(api.GET('/api/v1/sales/returnable', { params: { query: lookup ?? {} } })),
    enabled: lookup !== null,
    retry: false,
  });

  const restart = () => {
    setDone(null);
    setLookup(null);
    setParams({}, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('returns.title')} description={t('returns.description')} />
      <Stack gap="md" maw={760}>
        {done ? (
          <Alert color="green" variant="light" icon={<IconCircleCheck />}>
            <Stack gap="sm">
              <Text>{t('returns.done', { refund: money(done.refundTotal, done.currency) })}</Text>
              <Group gap="xs">
                <Button
                  component={Link}
                  to={done.receiptId ? `/sales/receipts/${done.receiptId}` : `/sales/orders/${done.orderId}`}
                  variant="default"
                  size="xs"
                >
                  {done.receiptId ? t('returns.viewReceipt') : t('returns.viewOrder')}
                </Button>
                <Button size="xs" onClick={restart}>
                  {t('returns.another')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <>
            <FindSale
              loading={sale.isFetching}
              onFind={(q) => {
                setDone(null);
                setLookup(q);
              }}
            />
            {sale.isError && (
              <Alert color="red" variant="light">
                {isProblem(sale.error, 404) ? t('returns.notFound') : isProblem(sale.error) ? sale.error.detail : t('returns.notFound')}
              </Alert>
            )}
            {sale.data && <PickLines key={sale.data.id} sale={sale.data} onDone={setDone} />}
          </>
        )}
      </Stack>
    </>
  );
}
