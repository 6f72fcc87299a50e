import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Divider,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
} from '@mantine/core';
import { IconFlask, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { orgNow } from '../../../app/time';
import { notifyError } from '../../../app/ui/notify';
import { categoryText } from '../../catalog/queries';
import { useMoney } from '../../sales/money';
import { useRuleOptions } from '../parts/ConditionsFields';
import { DecimalInput, LocalDateInput, MoneyInput } from '../parts/inputs';
import { type Customer, CustomerSearch, type Product, ProductSearch } from '../parts/pickers';
import { CHANNELS, type Promotion, type TestBasket, type TestResult } from '../queries';

interface Line {
  key: number;
  product: Product;
  quantity: number;
  unitPrice: number;
}

/**
 * "Bu sepeti dene": a basket of catalog products (and optionally a customer) run through the
 * promotions — the org's active ones, or the draft being edited — with the engine's explanation:
 * which rule gave which discount on which line, and why the others did not apply.
 */
export function TestBasketPanel({ draft }: { draft?: Promotion }) {
  const { t } = useTranslation('loyalty');
  const { money, quantity } = useMoney();
  const options = useRuleOptions();
  const [lines, setLines] = useState<Line[]>([]);
  const [storeCode, setStoreCode] = useState<string | null>(null);
  const [channel, setChannel] = useState<string>('store');
  const { org } = useSession();
  const [at, setAt] = useState(() => orgNow(org.timezone));
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [tierCode, setTierCode] = useState<string | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [birthday, setBirthday] = useState(false);
  const [coupons, setCoupons] = useState<string[]>([]);
  const [result, setResult] = useState<{ result: TestResult; lines: Line[] } | null>(null);

  const pickCustomer = async (c: Customer | null) => {
    setCustomer(c);
    if (!c) return;
    setTags(c.tags);
    const month = c.birthday ? Number(c.birthday.slice(-5, -3)) : null;
    setBirthday(month === new Date().getMonth() + 1);
    // The tier comes from the customer's loyalty account.
    const loyalty = await api.GET('/api/v1/loyalty/customers/{id}', { params: { path: { id: c.id } } });
    setTierCode(loyalty.data?.accounts[0]?.tier?.code ?? null);
  };

  const addProduct = (p: Product) =>
    setLines((ls) => {
      const same = ls.find((l) => l.product.id === p.id);
      if (same) return ls.map((l) => (l === same ? { ...l, quantity: l.quantity + 1 } : l));
      return [...ls, { key: Date.now() + Math.random(), product: p, quantity: 1, unitPrice: p.listPrice ?? 0 }];
    });

  const run = useMutation({
    mutationFn: (sent: Line[]) => {
      const customerPart = customer || tierCode || tags.length || birthday ? { tierCode, tags, birthdayThisMonth: birthday } : null;
      const body: TestBasket = {
        basket: {
          storeCode: storeCode ?? undefined,
          channel,
          at: at || undefined,
          customer: customerPart,
          lines: sent.map((l) => ({ sku: l.product.sku, quantity: l.quantity, unitPrice: l.unitPrice })),
          couponCodes: coupons.length ? coupons : undefined,
        },
        ...(draft ? { promotions: [draft] } : {}),
      };
      return unwrap(api.POST('/api/v1/loyalty/promotions/test', { body }));
    },
    onSuccess: (r, sent) => setResult({ result: r, lines: sent }),
    onError: (error) => notifyError(error),
  });

  return (
    <Card withBorder padding="md" data-testid="test-basket">
      <Stack gap="sm">
        <Group gap="xs">
          <IconFlask size={20} />
          <Text fw={700}>{t('test.title')}</Text>
        </Group>
        <Text size="sm" c="dimmed">
          {draft ? t('test.draftHint') : t('test.hint')}
        </Text>
        <ProductSearch onPick={addProduct} />
        {lines.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('test.noLines')}
          </Text>
        ) : (
          <Stack gap={6}>
            {lines.map((l) => (
              <Group key={l.key} gap="xs" wrap="nowrap" align="flex-end" data-testid="test-line">
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Text size="sm" fw={600} truncate>
                    {l.product.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {l.product.sku} · {categoryText(l.product.categoryPath)}
                    {l.product.brand ? ` · ${l.product.brand}` : ''}
                  </Text>
                </div>
                <DecimalInput
                  aria-label={t('test.quantityOf', { name: l.product.name })}
                  w={70}
                  min={0.001}
                  value={l.quantity}
                  onChange={(q) => setLines((ls) => ls.map((x) => (x.key === l.key ? { ...x, quantity: q ?? 1 } : x)))}
                />
                <MoneyInput
                  aria-label={t('test.priceOf', { name: l.product.name })}
                  w={120}
                  value={l.unitPrice}
                  onChange={(p) => setLines((ls) => ls.map((x) => (x.key === l.key ? { ...x, unitPrice: p ?? 0 } : x)))}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mb={6}
                  aria-label={t('actions.remove')}
                  onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t('test.store')}
            placeholder={t('test.anyStore')}
            data={options.stores}
            value={storeCode}
            onChange={setStoreCode}
            clearable
            searchable
          />
          <Select
            label={t('test.channel')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c as 'store' | 'web'}`) }))}
            value={channel}
            onChange={(c) => setChannel(c ?? 'store')}
            allowDeselect={false}
          />
          <LocalDateInput label={t('test.at')} withTime value={at} onChange={(v) => setAt(v ?? orgNow(org.timezone))} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <CustomerSearch label={t('test.customer')} value={customer} onPick={pickCustomer} />
          <Select
            label={t('test.tier')}
            placeholder={t('test.noTier')}
            data={options.tiers}
            value={tierCode}
            onChange={setTierCode}
            clearable
          />
          <TagsInput label={t('test.tags')} value={tags} onChange={setTags} />
          <TagsInput label={t('test.coupons')} value={coupons} onChange={setCoupons} />
        </SimpleGrid>
        <Checkbox label={t('test.birthday')} checked={birthday} onChange={(e) => setBirthday(e.currentTarget.checked)} />
        <Button
          leftSection={<IconFlask size={18} />}
          onClick={() => run.mutate(lines)}
          loading={run.isPending}
          disabled={lines.length === 0}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('test.run')}
        </Button>

        {result && (
          <Stack gap="sm" data-testid="test-result">
            <Divider />
            {result.result.lines.map((line, i) => {
              const l = result.lines[i];
              return (
                <div key={line.lineId} data-testid="test-result-line">
                  <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                    <Text size="sm" fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                      {quantity(line.quantity)} × {l?.product.name ?? line.sku}
                    </Text>
                    <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {money(line.net)}
                    </Text>
                  </Group>
                  {line.reasons.length === 0 ? (
                    <Text size="xs" c="dimmed">
                      {t('test.noDiscount')} · {money(line.amount)}
                    </Text>
                  ) : (
                    line.reasons.map((r) => (
                      <Text key={r.promotionId} size="xs" c="green.8">
                        {r.label}: −{money(r.amount)}
                      </Text>
                    ))
                  )}
                </div>
              );
            })}
            <Stack gap={2} ml="auto" w={{ base: '100%', xs: 300 }}>
              <Group justify="space-between">
                <Text size="sm">{t('totals.subtotal')}</Text>
                <Text size="sm">{money(result.result.subtotal)}</Text>
              </Group>
              <Group justify="space-between">
                <Text size="sm">{t('totals.discount')}</Text>
                <Text size="sm" c={result.result.totalDiscount ? 'green.8' : undefined} data-testid="test-discount">
                  −{money(result.result.totalDiscount)}
                </Text>
              </Group>
              <Group justify="space-between">
                <Text fw={700}>{t('totals.total')}</Text>
                <Text fw={700}>{money(result.result.total)}</Text>
              </Group>
            </Stack>
            {result.result.bonusPoints.length > 0 && (
              <Alert color="teal" variant="light" p="xs">
                {result.result.bonusPoints.map((b) => t('test.bonus', { points: b.points, code: b.promotionId })).join(' · ')}
              </Alert>
            )}
            <Text size="sm" fw={700}>
              {t('test.applied')}
            </Text>
            {result.result.applied.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('test.noneApplied')}
              </Text>
            ) : (
              <Group gap={6}>
                {result.result.applied.map((a) => (
                  <Badge key={a.promotionId} color="green" variant="light" style={{ textTransform: 'none' }}>
                    {a.label} · {a.kind}
                  </Badge>
                ))}
              </Group>
            )}
            <Text size="sm" fw={700}>
              {t('test.rejected')}
            </Text>
            {result.result.rejected.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('test.noneRejected')}
              </Text>
            ) : (
              <Stack gap={4} data-testid="test-rejected">
                {result.result.rejected.map((r) => (
                  <Group key={r.promotionId} gap="xs" wrap="nowrap" align="flex-start">
                    <Badge color="gray" variant="light" style={{ textTransform: 'none', flexShrink: 0 }}>
                      {r.label}
                    </Badge>
                    <Text size="sm" c="dimmed">
                      {r.message}
                    </Text>
                  </Group>
                ))}
              </Stack>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
