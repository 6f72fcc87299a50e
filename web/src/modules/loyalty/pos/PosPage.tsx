import './pos.css';
import { Alert, Button, Grid, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck, IconRefresh } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { isProblem, unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { FullPageLoader } from '../../../app/ui/FullPageLoader';
import { allStoresQuery } from '../../access/queries';
import { useMoney } from '../../sales/money';
import { type CommittedReceipt, keys, newIdempotencyKey, type PosBasket, type PosReceipt } from '../queries';
import { BasketPanel } from './BasketPanel';
import { CheckoutPanel } from './CheckoutPanel';
import { CustomerPanel } from './CustomerPanel';
import { ReceiptView } from './ReceiptView';
import { RefundPanel } from './RefundPanel';
import { receiptNumberFor, rememberedStore, rememberStore, type Sale } from './sale';

const newSale = (storeCode: string): Sale => ({
  key: newIdempotencyKey(),
  receiptNumber: receiptNumberFor(storeCode),
  who: { kind: 'unknown' },
  lines: [],
  couponCodes: [],
  usePoints: false,
  points: undefined,
  method: 'card',
});

/** "Kasa": the till for tablets and phones. Picks the store once, then sells. */
export function PosPage() {
  const { t } = useTranslation('loyalty');
  const { can } = useSession();
  const stores = useQuery({ ...allStoresQuery, enabled: can('stores.read') });
  const [storeCode, setStoreCode] = useState<string | null>(rememberedStore);
  const [mode, setMode] = useState<'sale' | 'refund'>('sale');
  if (!stores.data) return <FullPageLoader />;
  const active = stores.data.filter((s) => s.active);
  // The remembered store, or the only one the cashier works at.
  const code = active.some((s) => s.code === storeCode) ? storeCode : active.length === 1 ? active[0].code : null;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" wrap="wrap" gap="xs" className="muhtar-no-print">
        <Title order={2}>{t('nav.pos.title')}</Title>
        <SegmentedControl
          value={mode}
          onChange={(m) => setMode(m as 'sale' | 'refund')}
          data={[
            { value: 'sale', label: t('refund.sale') },
            { value: 'refund', label: t('refund.mode') },
          ]}
          data-testid="pos-mode"
        />
        <Select
          aria-label={t('pos.store')}
          placeholder={t('pos.pickStore')}
          data={active.map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }))}
          value={code}
          onChange={(c) => {
            if (!c) return;
            rememberStore(c);
            setStoreCode(c);
          }}
          allowDeselect={false}
          searchable
          w={{ base: '100%', xs: 320 }}
        />
      </Group>
      {code && mode === 'refund' && <RefundPanel key={code} storeCode={code} />}
      {code && mode === 'sale' && <Till key={code} storeCode={code} storeName={active.find((s) => s.code === code)?.name ?? null} />}
      {!code && (
        <Alert color="blue" variant="light">
          {active.length ? t('pos.pickStoreHint') : t('pos.noStores')}
        </Alert>
      )}
    </Stack>
  );
}

/** The basket the server evaluates: what a commit would send, without the receipt's own fields. */
function basketOf(storeCode: string, sale: Sale): PosBasket {
  return {
    storeCode,
    customer: sale.who.kind === 'customer' ? { id: sale.who.customer.id } : null,
    lines: sale.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    couponCodes: sale.couponCodes.length ? sale.couponCodes : undefined,
    pointsToRedeem: sale.usePoints && sale.points ? sale.points : undefined,
  };
}

function Till({ storeCode, storeName }: { storeCode: string; storeName: string | null }) {
  const { t } = useTranslation('loyalty');
  const { money } = useMoney();
  const queryClient = useQueryClient();
  const [sale, setSale] = useState(() => newSale(storeCode));
  const [done, setDone] = useState<CommittedReceipt | null>(null);
  // Scanned codes still being looked up: the sale is not complete until they are on it.
  const [scanning, setScanning] = useState(false);
  const [commitError, setCommitError] = useState<{ message: string; retry: boolean } | null>(null);
  const scanRef = useRef<HTMLInputElement | null>(null);
  // The commit body frozen at the first attempt: a retry after a network error sends it again,
  // byte for byte, with the sale's key, so the server replays instead of selling twice.
  const pending = useRef<PosReceipt | null>(null);
  const inFlight = useRef(false);

  const patch = (p: Partial<Sale>) => setSale((s) => ({ ...s, ...p }));
  const basket = useMemo(() => basketOf(storeCode, sale), [storeCode, sale]);
  const [debounced] = useDebouncedValue(basket, 250);
  const settled = JSON.stringify(debounced) === JSON.stringify(basket);

  const evaluation = useQuery({
    queryKey: ['loyalty', 'pos', 'evaluate', debounced],
    queryFn: () => unwrap(api.POST('/api/v1/pos/evaluate', { body: debounced })),
    enabled: debounced.lines.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
    throwOnError: false,
    staleTime: 0,
  });
  const current = debounced.lines.length > 0 && evaluation.data && !evaluation.isPlaceholderData ? evaluation.data : null;
  // Line results shown only while they are about the lines on screen.
  const shown =
    evaluation.data &&
    evaluation.data.lines.length === sale.lines.length &&
    evaluation.data.lines.every((l, i) => l.sku === sale.lines[i].sku)
      ? evaluation.data
      : null;
  const ready = settled && !scanning && current !== null && !evaluation.isFetching && !evaluation.isError;
  const locked = pending.current !== null;

  const commit = useMutation({
    mutationFn: (body: PosReceipt) =>
      unwrap(api.POST('/api/v1/pos/receipts', { params: { header: { 'idempotency-key': sale.key } }, body })),
    onSuccess: (receipt) => {
      pending.current = null;
      setCommitError(null);
      setDone(receipt);
      if (receipt.customerId) queryClient.invalidateQueries({ queryKey: keys.customer(receipt.customerId) });
      queryClient.invalidateQueries({ queryKey: ['sales'] });
    },
    onError: (error) => {
      if (isProblem(error) && error.status < 500) {
        // Refused: nothing was written. The cashier fixes the basket and tries again.
        pending.current = null;
        setCommitError({ message: error.detail, retry: false });
        queryClient.invalidateQueries({ queryKey: ['loyalty', 'pos', 'evaluate'] });
      } else {
        // No answer (or a server error): the sale may or may not be recorded. Only the same
        // request with the same key is safe now, so the basket stays locked until it goes through.
        setCommitError({ message: t('pos.commitUnknown'), retry: true });
      }
    },
    onSettled: () => {
      inFlight.current = false;
    },
  });

  const submit = () => {
    // A double tap fires twice before React re-renders: the second one stops here (and would
    // carry the same key and body anyway).
    if (inFlight.current) return;
    if (!pending.current) {
      if (!ready || !current) return;
      pending.current = {
        ...basket,
        receiptNumber: sale.receiptNumber,
        occurredAt: new Date().toISOString(),
        payments: current.payable > 0 ? [{ method: sale.method, amount: current.payable }] : [],
      };
    }
    inFlight.current = true;
    setCommitError(null);
    commit.mutate(pending.current);
  };

  const startOver = () => {
    pending.current = null;
    setDone(null);
    setCommitError(null);
    setSale(newSale(storeCode));
  };

  if (done) {
    return (
      <ReceiptView
        receipt={done}
        storeName={storeName}
        method={sale.method}
        customerName={sale.who.kind === 'customer' ? sale.who.customer.name : null}
        onNewSale={startOver}
      />
    );
  }

  const evaluationError =
    evaluation.isError && settled ? (isProblem(evaluation.error) ? evaluation.error.detail : t('pos.evaluateFailed')) : null;
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="md">
          <CustomerPanel
            storeCode={storeCode}
            who={sale.who}
            disabled={locked}
            couponCodes={sale.couponCodes}
            onCoupon={(c) => patch({ couponCodes: [...sale.couponCodes, c] })}
            onChange={(who) => {
              patch({ who, usePoints: false, points: undefined });
              if (who.kind !== 'unknown') requestAnimationFrame(() => scanRef.current?.focus());
            }}
          />
          <BasketPanel
            lines={sale.lines}
            onChange={(update) => setSale((s) => ({ ...s, lines: update(s.lines) }))}
            scanning={scanning}
            onScanning={setScanning}
            evaluation={shown}
            disabled={locked}
            scanRef={scanRef}
          />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="md">
          <CheckoutPanel
            sale={sale}
            onChange={patch}
            evaluation={sale.lines.length ? (evaluation.data ?? null) : null}
            evaluating={!settled || evaluation.isFetching}
            evaluationError={evaluationError}
            disabled={locked}
          />
          {commitError && (
            <Alert color={commitError.retry ? 'orange' : 'red'} icon={<IconAlertTriangle size={20} />} data-testid="pos-commit-error">
              {commitError.message}
            </Alert>
          )}
          <Button
            size="xl"
            fullWidth
            color={commitError?.retry ? 'orange' : 'teal'}
            leftSection={commitError?.retry ? <IconRefresh size={22} /> : <IconCheck size={22} />}
            loading={commit.isPending}
            disabled={!locked && (!ready || sale.lines.length === 0 || sale.who.kind === 'unknown')}
            onClick={submit}
            data-testid="pos-commit"
          >
            {commitError?.retry ? t('pos.retry') : current ? t('pos.commitAmount', { amount: money(current.payable) }) : t('pos.commit')}
          </Button>
          {sale.who.kind === 'unknown' && sale.lines.length > 0 && (
            <Text size="xs" c="dimmed" ta="center">
              {t('pos.whoFirst')}
            </Text>
          )}
          <Button variant="subtle" color="gray" onClick={startOver}>
            {t('pos.cancelSale')}
          </Button>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
