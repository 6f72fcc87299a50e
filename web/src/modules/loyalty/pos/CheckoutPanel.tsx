import { ActionIcon, Alert, Badge, Button, Card, Divider, Group, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconCash, IconCreditCard, IconGift, IconTicket, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../sales/money';
import { IntInput } from '../parts/inputs';
import { useLocalDate } from '../parts/local-date';
import type { Evaluation } from '../queries';
import { type Sale, tidyCode } from './sale';

interface Props {
  sale: Sale;
  onChange: (patch: Partial<Sale>) => void;
  evaluation: Evaluation | null;
  evaluating: boolean;
  evaluationError: string | null;
  disabled: boolean;
}

/** Coupons, points, the totals and how the rest is paid. */
export function CheckoutPanel({ sale, onChange, evaluation: e, evaluating, evaluationError, disabled }: Props) {
  const { t, i18n } = useTranslation('loyalty');
  const { money } = useMoney();
  const localDate = useLocalDate();
  const [code, setCode] = useState('');
  const n = (x: number) => x.toLocaleString(i18n.language);
  const points = e?.points;
  const canRedeem = sale.who.kind === 'customer' && points?.program && (points.balance > 0 || sale.usePoints);

  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Stack gap="sm">
          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              const c = tidyCode(code);
              if (c && !sale.couponCodes.includes(c)) onChange({ couponCodes: [...sale.couponCodes, c] });
              setCode('');
            }}
          >
            <TextInput
              label={t('pos.coupon')}
              placeholder={t('pos.couponPlaceholder')}
              size="md"
              autoComplete="off"
              leftSection={<IconTicket size={18} />}
              value={code}
              disabled={disabled}
              onChange={(ev) => setCode(ev.currentTarget.value)}
              rightSectionWidth={80}
              rightSection={
                <Button type="submit" size="xs" variant="light" disabled={disabled || !code.trim()} mr={6}>
                  {t('pos.add')}
                </Button>
              }
            />
          </form>
          {sale.couponCodes.map((c) => {
            const r = e?.coupons.find((x) => x.code === c);
            const ok = r?.status === 'ok';
            return (
              <Group key={c} justify="space-between" wrap="nowrap" gap="xs" data-testid="pos-coupon">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" ff="monospace" fw={700}>
                    {c}
                  </Text>
                  {r && (
                    <Text size="xs" c={ok ? 'green.8' : 'red.7'}>
                      {ok ? `${r.label ?? ''} · −${money(r.discount)}` : (r.message ?? r.status)}
                    </Text>
                  )}
                </div>
                <ActionIcon
                  size={36}
                  variant="subtle"
                  color="gray"
                  aria-label={t('pos.removeCoupon', { code: c })}
                  disabled={disabled}
                  onClick={() => onChange({ couponCodes: sale.couponCodes.filter((x) => x !== c) })}
                >
                  <IconX size={18} />
                </ActionIcon>
              </Group>
            );
          })}
          {canRedeem && points && (
            <>
              <Divider />
              <Switch
                size="lg"
                label={t('pos.usePoints', { max: n(points.redeemable.maxPoints), value: money(points.redeemable.value) })}
                checked={sale.usePoints}
                disabled={disabled || (!sale.usePoints && points.redeemable.maxPoints === 0)}
                onChange={(ev) =>
                  onChange({
                    usePoints: ev.currentTarget.checked,
                    points: ev.currentTarget.checked ? points.redeemable.maxPoints : undefined,
                  })
                }
              />
              {sale.usePoints && (
                <IntInput
                  label={t('pos.pointsToUse')}
                  size="md"
                  min={0}
                  value={sale.points}
                  disabled={disabled}
                  onChange={(v) => onChange({ points: v })}
                  error={points.redemption && !points.redemption.ok ? points.redemption.message : undefined}
                  description={points.redemption?.ok ? t('pos.pointsPay', { amount: money(points.redemption.value) }) : undefined}
                />
              )}
              {points.redeemable.maxPoints === 0 && !sale.usePoints && (
                <Text size="xs" c="dimmed">
                  {t('pos.noRedeem')}
                </Text>
              )}
            </>
          )}
        </Stack>
      </Card>

      <Card withBorder padding="md" data-testid="pos-totals">
        {evaluationError && (
          <Alert color="red" variant="light" mb="sm">
            {evaluationError}
          </Alert>
        )}
        <Stack gap={4} style={{ opacity: evaluating ? 0.6 : 1, transition: 'opacity 120ms' }}>
          <Row label={t('totals.subtotal')} value={e ? money(e.subtotal) : '—'} />
          <Row
            label={t('totals.discount')}
            value={e ? `−${money(e.totalDiscount)}` : '—'}
            color={e?.totalDiscount ? 'green.8' : undefined}
            testId="pos-discount"
          />
          {e && e.pointsPayment > 0 && <Row label={t('totals.pointsPayment')} value={`−${money(e.pointsPayment)}`} color="blue.7" />}
          <Divider my={4} />
          <Group justify="space-between">
            <Text fw={800} fz="xl">
              {t('totals.payable')}
            </Text>
            <Text fw={800} fz="xl" data-testid="pos-payable">
              {e ? money(e.payable) : '—'}
            </Text>
          </Group>
          {e?.customer && points && (
            <Text size="sm" c="teal.8" fw={600} data-testid="pos-earn">
              {t('pos.toEarn', { points: n(points.toEarn) })}
              {points.earn?.message ? ` · ${points.earn.message}` : ''}
            </Text>
          )}
          {e && !e.customer && points?.program && points.toEarn > 0 && (
            <Text size="xs" c="dimmed">
              {t('pos.anonymousEarn', { points: n(points.toEarn) })}
            </Text>
          )}
          {e?.bottomCoupons.map((b) => (
            <Group key={b.ruleId} gap={6} wrap="nowrap">
              <IconGift size={16} color="var(--mantine-color-grape-6)" />
              <Text size="xs">{t('pos.bottomCoupon', { label: b.label, until: localDate(b.validUntil) })}</Text>
            </Group>
          ))}
          {e?.customer &&
            e.stamps
              .filter((s) => s.stampsAdded > 0)
              .map((s) => (
                <Text key={s.cardId} size="xs">
                  {t('pos.stampsAdded', { name: s.name, added: s.stampsAdded, stamps: s.stamps, needed: s.stampsNeeded })}
                </Text>
              ))}
        </Stack>
      </Card>

      <div>
        <Text size="sm" fw={500} mb={4}>
          {t('pos.paidWith')}
        </Text>
        <SegmentedControl
          fullWidth
          size="lg"
          aria-label={t('pos.paidWith')}
          disabled={disabled}
          value={sale.method}
          onChange={(m) => onChange({ method: m as Sale['method'] })}
          data={[
            {
              value: 'card',
              label: (
                <Group gap={6} justify="center" wrap="nowrap">
                  <IconCreditCard size={18} />
                  {t('pos.card')}
                </Group>
              ),
            },
            {
              value: 'cash',
              label: (
                <Group gap={6} justify="center" wrap="nowrap">
                  <IconCash size={18} />
                  {t('pos.cash')}
                </Group>
              ),
            },
          ]}
        />
      </div>
      {e?.unknownPhone && (
        <Badge color="yellow" variant="light">
          {t('pos.unknownPhone')}
        </Badge>
      )}
    </Stack>
  );
}

function Row({ label, value, color, testId }: { label: string; value: string; color?: string; testId?: string }) {
  return (
    <Group justify="space-between">
      <Text size="sm">{label}</Text>
      <Text size="sm" c={color} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}
