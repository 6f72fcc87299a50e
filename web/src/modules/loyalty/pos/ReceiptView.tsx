import { Alert, Box, Button, Card, Divider, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconPlus, IconPrinter } from '@tabler/icons-react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { useMoney } from '../../sales/money';
import type { CommittedReceipt } from '../queries';
import type { Sale } from './sale';

interface Props {
  receipt: CommittedReceipt;
  storeName: string | null;
  method: Sale['method'];
  customerName: string | null;
  onNewSale: () => void;
}

/** After the commit: the till slip on screen (and alone on paper), with what to print under it. */
export function ReceiptView({ receipt, storeName, method, customerName, onNewSale }: Props) {
  const { t } = useTranslation('loyalty');
  return (
    <Stack gap="md" maw={520} mx="auto" data-testid="pos-summary">
      <Alert color="green" icon={<IconCircleCheck size={20} />} title={t('receipt.done')}>
        {receipt.replayed ? t('receipt.replayed') : t('receipt.doneHint')}
      </Alert>
      <Card withBorder padding="md">
        <ReceiptSlip receipt={receipt} storeName={storeName} method={method} customerName={customerName} />
      </Card>
      <Group grow gap="xs">
        <Button size="lg" variant="default" leftSection={<IconPrinter size={20} />} onClick={() => window.print()}>
          {t('receipt.print')}
        </Button>
        <Button size="lg" leftSection={<IconPlus size={20} />} onClick={onNewSale} autoFocus>
          {t('receipt.newSale')}
        </Button>
      </Group>
      {createPortal(
        <div className="muhtar-print-root">
          <ReceiptSlip receipt={receipt} storeName={storeName} method={method} customerName={customerName} />
        </div>,
        document.body,
      )}
    </Stack>
  );
}

function Line({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs">
      <Text size="sm" fw={strong ? 800 : 400}>
        {label}
      </Text>
      <Text size="sm" fw={strong ? 800 : 400} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </Group>
  );
}

/** The receipt as a till prints it: lines, discounts with their reasons, totals, points, coupons. */
function ReceiptSlip({ receipt: r, storeName, method, customerName }: Omit<Props, 'onNewSale'>) {
  const { t, i18n } = useTranslation('loyalty');
  const { money, quantity } = useMoney();
  const format = useFormat();
  const n = (x: number) => x.toLocaleString(i18n.language);
  const paid = r.payable;
  return (
    <Stack gap={6} ff="monospace" className="muhtar-receipt">
      <Text ta="center" fw={800}>
        {storeName ?? r.storeCode}
      </Text>
      <Text ta="center" size="xs">
        {t('receipt.number', { number: r.receiptNumber })}
        <br />
        {format.dateTime(r.occurredAt)}
      </Text>
      {customerName && (
        <Text ta="center" size="xs">
          {t('receipt.customer', { name: customerName })}
        </Text>
      )}
      <Divider variant="dashed" />
      {r.lines.map((l) => (
        <div key={l.lineNo}>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {l.productName ?? l.sku}
          </Text>
          <Line label={`  ${quantity(l.quantity)} × ${money(l.unitPrice)}`} value={money(l.amount)} />
          {l.reasons.map((x) => (
            <Line key={x.promotionId} label={`  ${x.label}`} value={`−${money(x.amount)}`} />
          ))}
        </div>
      ))}
      <Divider variant="dashed" />
      <Line label={t('totals.subtotal')} value={money(r.subtotal)} />
      {r.totalDiscount > 0 && <Line label={t('totals.discount')} value={`−${money(r.totalDiscount)}`} />}
      <Line label={t('totals.total')} value={money(r.total)} strong />
      {r.pointsPayment > 0 && (
        <Line label={t('receipt.paidPoints', { points: n(r.points?.redeemed ?? 0) })} value={money(r.pointsPayment)} />
      )}
      {paid > 0 && <Line label={method === 'cash' ? t('pos.cash') : t('pos.card')} value={money(paid)} />}
      {r.points && (
        <>
          <Divider variant="dashed" />
          <Box data-testid="receipt-points">
            <Line label={t('receipt.earned')} value={`+${n(r.points.earned + r.points.bonus)}`} />
            {r.points.redeemed > 0 && <Line label={t('receipt.redeemed')} value={`−${n(r.points.redeemed)}`} />}
            <Line label={t('receipt.balance')} value={n(r.points.balance)} strong />
          </Box>
        </>
      )}
      {r.tier?.changed && (
        <Text size="sm" fw={700} ta="center">
          {t('receipt.tierUp', { tier: r.tier.name ?? r.tier.code ?? '' })}
        </Text>
      )}
      {r.stamps
        .filter((s) => s.stampsAdded > 0)
        .map((s) => (
          <Text key={s.cardId} size="xs" ta="center">
            {t('pos.stampsAdded', { name: s.name, added: s.stampsAdded, stamps: s.stamps, needed: s.stampsNeeded })}
          </Text>
        ))}
      {r.couponsToPrint.map((c) => (
        <Box
          key={c.code}
          p="xs"
          mt={4}
          style={{ border: '2px dashed var(--mantine-color-gray-6)', borderRadius: 6 }}
          data-testid="receipt-coupon"
        >
          <Text size="xs" ta="center" tt="uppercase" fw={700}>
            {t('receipt.couponTitle')}
          </Text>
          <Text ta="center" fw={800} fz="lg">
            {c.code}
          </Text>
          <Text size="xs" ta="center">
            {c.text}
          </Text>
        </Box>
      ))}
      {r.claim && (
        <Box p="xs" mt={4} style={{ border: '1px solid var(--mantine-color-gray-5)', borderRadius: 6 }} data-testid="receipt-claim">
          <Text size="xs" ta="center">
            {t('receipt.claimHint')}
          </Text>
          <Text ta="center" fw={800} fz="lg">
            {r.claim.code}
          </Text>
          <Text size="xs" ta="center" style={{ overflowWrap: 'anywhere' }}>
            {r.claim.qr}
          </Text>
          {r.claim.expiresAt && (
            <Text size="xs" ta="center">
              {t('receipt.claimUntil', { date: format.date(r.claim.expiresAt) })}
            </Text>
          )}
        </Box>
      )}
      <Text size="xs" ta="center" mt={4}>
        {t('receipt.thanks')}
      </Text>
    </Stack>
  );
}
