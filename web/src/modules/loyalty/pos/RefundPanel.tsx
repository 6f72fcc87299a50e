import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconCircleCheck, IconSearch } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { isProblem, unwrap } from '../../../app/api/problem';
import type { Schema } from '../../../app/api/types';
import { useMoney } from '../../sales/money';
import type { Receipt } from '../../sales/queries';
import { newIdempotencyKey } from '../queries';

type RefundResult = Schema<'PosRefundResult'>;

const remaining = (l: Receipt['lines'][number]) => Math.max(0, l.quantity - l.returnedQuantity);

/**
 * Returns at the till: find the receipt by its number (typed or scanned from the slip), pick what
 * comes back, refund. Points go back pro rata and redeemed points are given back by the server;
 * the answer says how much money to hand over. The idempotency key is drawn per receipt, so a
 * retry after a lost answer refunds once.
 */
export function RefundPanel({ storeCode }: { storeCode: string }) {
  const { t } = useTranslation('loyalty');
  const { money } = useMoney();
  const [number, setNumber] = useState('');
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [quantities, setQuantities] = useState<Record<number, number>>({});
  const [reason, setReason] = useState('');
  const [notFound, setNotFound] = useState(false);
  const [result, setResult] = useState<RefundResult | null>(null);
  const key = useRef(newIdempotencyKey());

  const find = useMutation({
    mutationFn: async (receiptNumber: string) => {
      const page = await unwrap(api.GET('/api/v1/sales/receipts', { params: { query: { storeCode, receiptNumber, limit: 1 } } }));
      const first = page.items[0];
      return first ? unwrap(api.GET('/api/v1/sales/receipts/{id}', { params: { path: { id: first.id } } })) : null;
    },
    onSuccess: (found) => {
      setNotFound(!found);
      setReceipt(found);
      setQuantities({});
      setResult(null);
      key.current = newIdempotencyKey();
    },
  });

  const chosen = receipt ? receipt.lines.filter((l) => (quantities[l.lineNo] ?? 0) > 0) : [];
  const refund = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/pos/receipts/{id}/refund', {
          params: { path: { id: receipt!.id }, header: { 'idempotency-key': key.current } },
          body: { lines: chosen.map((l) => ({ lineNo: l.lineNo, quantity: quantities[l.lineNo] })), reason: reason.trim() || undefined },
        }),
      ),
    onSuccess: setResult,
  });

  const startOver = () => {
    setReceipt(null);
    setResult(null);
    setNumber('');
    setReason('');
    refund.reset();
  };

  if (result) {
    return (
      <Stack gap="md" maw={520} mx="auto" data-testid="pos-refund-result">
        <Alert color="green" icon={<IconCircleCheck size={20} />} title={t('refund.done')}>
          {result.replayed ? t('refund.replayed') : t('refund.doneHint')}
        </Alert>
        <Card withBorder padding="md">
          <Stack gap={4}>
            <Group justify="space-between">
              <Text fw={800}>{t('refund.payBack')}</Text>
              <Text fw={800} data-testid="pos-refund-money">
                {money(result.moneyRefund)}
              </Text>
            </Group>
            <Group justify="space-between">
              <Text size="sm">{t('refund.refundTotal')}</Text>
              <Text size="sm">{money(result.refundTotal)}</Text>
            </Group>
            {result.pointsRefund.points > 0 && (
              <Text size="sm">
                {t('refund.pointsBack', { points: result.pointsRefund.points, value: money(result.pointsRefund.value) })}
              </Text>
            )}
            {result.points && (
              <>
                <Text size="sm">{t('refund.pointsReversed', { points: result.points.reversed })}</Text>
                <Text size="sm">{t('refund.balance', { points: result.points.balance })}</Text>
              </>
            )}
            {result.coupons.reinstated.length > 0 && (
              <Text size="sm">{t('refund.couponsBack', { codes: result.coupons.reinstated.join(', ') })}</Text>
            )}
          </Stack>
        </Card>
        <Button size="lg" onClick={startOver}>
          {t('refund.another')}
        </Button>
      </Stack>
    );
  }

  return (
    <Stack gap="md" maw={720}>
      <Card withBorder padding="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (number.trim()) find.mutate(number.trim());
          }}
        >
          <Group align="end" gap="xs" wrap="nowrap">
            <TextInput
              label={t('refund.number')}
              placeholder={t('refund.numberPlaceholder')}
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
              size="md"
              style={{ flex: 1 }}
              autoFocus
              data-testid="pos-refund-number"
            />
            <Button type="submit" size="md" leftSection={<IconSearch size={18} />} loading={find.isPending}>
              {t('refund.find')}
            </Button>
          </Group>
        </form>
        {notFound && (
          <Text c="red" size="sm" mt="xs">
            {t('refund.notFound', { number })}
          </Text>
        )}
        {find.isError && (
          <Text c="red" size="sm" mt="xs">
            {isProblem(find.error) ? find.error.detail : t('pos.evaluateFailed')}
          </Text>
        )}
      </Card>
      {receipt && (
        <Card withBorder padding="md">
          <Stack gap="sm">
            <Title order={4}>{t('receipt.number', { number: receipt.receiptNumber })}</Title>
            <Table.ScrollContainer minWidth={300}>
              <Table verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('refund.product')}</Table.Th>
                    <Table.Th ta="right">{t('refund.paid')}</Table.Th>
                    <Table.Th w={90}>{t('refund.quantity')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {receipt.lines.map((l) => (
                    <Table.Tr key={l.lineNo}>
                      <Table.Td>
                        <Text size="sm">{l.productName ?? l.sku}</Text>
                        <Text size="xs" c="dimmed">
                          {t('refund.bought', { quantity: l.quantity, returned: l.returnedQuantity })}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{money(l.lineTotal)}</Table.Td>
                      <Table.Td>
                        <NumberInput
                          aria-label={t('refund.quantityOf', { name: l.productName ?? l.sku ?? '' })}
                          min={0}
                          max={remaining(l)}
                          disabled={remaining(l) === 0}
                          value={quantities[l.lineNo] ?? 0}
                          onChange={(v) =>
                            setQuantities((q) => ({ ...q, [l.lineNo]: Math.min(remaining(l), Math.max(0, Number(v) || 0)) }))
                          }
                          size="sm"
                          w={84}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group gap="xs">
              <Button
                variant="subtle"
                size="xs"
                onClick={() => setQuantities(Object.fromEntries(receipt.lines.map((l) => [l.lineNo, remaining(l)])))}
              >
                {t('refund.all')}
              </Button>
            </Group>
            <TextInput label={t('refund.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />
            {refund.isError && (
              <Alert color="red" icon={<IconAlertTriangle size={20} />}>
                {isProblem(refund.error) ? refund.error.detail : t('refund.unknown')}
              </Alert>
            )}
            <Button
              size="lg"
              color="orange"
              leftSection={<IconArrowBackUp size={22} />}
              disabled={chosen.length === 0}
              loading={refund.isPending}
              onClick={() => refund.mutate()}
              data-testid="pos-refund-submit"
            >
              {t('refund.submit', { count: chosen.length })}
            </Button>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
