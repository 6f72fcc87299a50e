import { Anchor, Badge, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconCake, IconSearch, IconStarFilled, IconTicket, IconUserOff } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { isProblem, unwrap } from '../../../app/api/problem';
import { notifyError } from '../../../app/ui/notify';
import { NewCustomerForm } from '../../customers/quick/NewCustomerForm';
import { useMoney } from '../../sales/money';
import { type IdentifiedCustomer, identifyBy, type Who } from './sale';

interface Props {
  storeCode: string;
  who: Who;
  onChange: (who: Who) => void;
  /** A usable coupon tapped on the customer's card. */
  onCoupon: (code: string) => void;
  couponCodes: string[];
  disabled: boolean;
}

/**
 * Who is at the till: a phone number in any form or a scanned loyalty card identifies the
 * customer; an unknown number opens the quick registration (the customers module's form), or the
 * sale goes on without one.
 */
export function CustomerPanel({ storeCode, who, onChange, onCoupon, couponCodes, disabled }: Props) {
  const { t } = useTranslation('loyalty');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [enrol, setEnrol] = useState<string | null>(null);

  const identify = useMutation({
    mutationFn: (body: { phone: string } | { cardNumber: string } | { customerId: string }) =>
      unwrap(api.POST('/api/v1/pos/identify', { body: { ...body, storeCode } })),
    onSuccess: (r, body) => {
      if (r.found) {
        setEnrol(null);
        onChange({ kind: 'customer', customer: r.customer });
      } else if ('cardNumber' in body) setError(t('pos.unknownCard', { card: body.cardNumber }));
      else setEnrol(r.enrolHint.phone ?? ('phone' in body ? body.phone : ''));
    },
    onError: (e) => {
      if (isProblem(e, 400)) setError(e.errors[0]?.detail ?? e.detail);
      else notifyError(e);
    },
  });

  if (who.kind === 'customer')
    return (
      <IdentifiedCard
        customer={who.customer}
        onClear={() => onChange({ kind: 'unknown' })}
        onCoupon={onCoupon}
        couponCodes={couponCodes}
        disabled={disabled}
      />
    );
  if (who.kind === 'anonymous') {
    return (
      <Card withBorder padding="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <IconUserOff size={20} />
            <Text fw={600}>{t('pos.anonymous')}</Text>
          </Group>
          <Button variant="subtle" size="compact-md" onClick={() => onChange({ kind: 'unknown' })} disabled={disabled}>
            {t('pos.findCustomer')}
          </Button>
        </Group>
      </Card>
    );
  }
  return (
    <Card withBorder padding="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          setEnrol(null);
          if (phone.trim()) identify.mutate(identifyBy(phone));
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('pos.phone')}
            description={t('pos.orCard')}
            placeholder="0532 123 45 67"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            size="lg"
            autoFocus
            value={phone}
            error={error}
            onChange={(e) => {
              setPhone(e.currentTarget.value);
              setError(null);
              setEnrol(null);
            }}
          />
          <Group grow gap="xs">
            <Button type="submit" size="lg" leftSection={<IconSearch size={20} />} loading={identify.isPending}>
              {t('pos.identify')}
            </Button>
            <Button size="lg" variant="default" onClick={() => onChange({ kind: 'anonymous' })}>
              {t('pos.noCustomer')}
            </Button>
          </Group>
        </Stack>
      </form>
      {enrol !== null && (
        <Stack gap="sm" mt="md">
          {/* The form says the number is not registered; "No customer" above carries on without one. */}
          <NewCustomerForm
            key={enrol}
            phone={enrol}
            onCreated={(customer) => identify.mutate({ customerId: customer.id })}
            onInvalidPhone={(detail) => {
              setEnrol(null);
              setError(detail);
            }}
          />
        </Stack>
      )}
    </Card>
  );
}

function IdentifiedCard({
  customer: c,
  onClear,
  onCoupon,
  couponCodes,
  disabled,
}: {
  customer: IdentifiedCustomer;
  onClear: () => void;
  onCoupon: (code: string) => void;
  couponCodes: string[];
  disabled: boolean;
}) {
  const { t, i18n } = useTranslation('loyalty');
  const { money } = useMoney();
  return (
    <Card withBorder padding="md" data-testid="pos-customer">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Text fw={700} fz="lg" style={{ overflowWrap: 'anywhere' }}>
            {c.name ?? t('pos.unnamed')}
          </Text>
          <Text size="sm" c="dimmed">
            {c.maskedPhone}
          </Text>
        </div>
        <Anchor component="button" type="button" size="sm" onClick={onClear} disabled={disabled}>
          {t('pos.change')}
        </Anchor>
      </Group>
      <Group gap="xs" mt="xs">
        {c.tier && (
          <Badge color="yellow" variant="light" leftSection={<IconStarFilled size={12} />}>
            {c.tier.name}
          </Badge>
        )}
        {c.birthdayThisMonth && (
          <Badge color="pink" variant="light" leftSection={<IconCake size={12} />}>
            {t('pos.birthday')}
          </Badge>
        )}
      </Group>
      {c.program && (
        <Text mt="xs" data-testid="pos-balance">
          <Text span fw={800} fz="xl">
            {c.pointsBalance.toLocaleString(i18n.language)}
          </Text>{' '}
          {t('pos.pointsWorth', { amount: money(c.pointsValue) })}
        </Text>
      )}
      {c.stampCards.map((s) => (
        <Text key={s.cardId} size="sm" mt={4}>
          {s.name}: {t('customer.stamps', { stamps: s.stamps, needed: s.stampsNeeded })}
        </Text>
      ))}
      {c.usableCoupons.length > 0 && (
        <Stack gap={4} mt="sm">
          <Text size="sm" fw={600}>
            {t('pos.usableCoupons')}
          </Text>
          <Group gap={6}>
            {c.usableCoupons.map((cp) => (
              <Button
                key={cp.code}
                size="compact-md"
                variant={couponCodes.includes(cp.code) ? 'filled' : 'light'}
                leftSection={<IconTicket size={14} />}
                onClick={() => onCoupon(cp.code)}
                disabled={disabled || couponCodes.includes(cp.code)}
              >
                {cp.label}
              </Button>
            ))}
          </Group>
        </Stack>
      )}
    </Card>
  );
}
