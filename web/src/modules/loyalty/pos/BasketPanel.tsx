import { ActionIcon, Button, Card, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { IconBarcode, IconMinus, IconPlus, IconTrash } from '@tabler/icons-react';
import { type RefObject, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { isProblem, unwrap } from '../../../app/api/problem';
import { notifyError } from '../../../app/ui/notify';
import { useMoney } from '../../sales/money';
import { type Product, ProductSearch } from '../parts/pickers';
import type { Evaluation } from '../queries';
import { QuantityInput } from './QuantityInput';
import type { SaleLine } from './sale';

interface Props {
  lines: SaleLine[];
  /** Changes the lines as they are when it runs: lookups answer after later scans were made. */
  onChange: (update: (lines: SaleLine[]) => SaleLine[]) => void;
  /** Whether scanned codes are still being looked up (the sale waits for them). */
  scanning: boolean;
  onScanning: (scanning: boolean) => void;
  /** The latest evaluation, when it is about these very lines. */
  evaluation: Evaluation | null;
  disabled: boolean;
  scanRef: RefObject<HTMLInputElement | null>;
}

/**
 * The basket: a scanner (keyboard wedge: it types the code and Enter) or typed SKU/barcode adds
 * a product, the search picks one by name; each line has big − / + buttons and shows its
 * discounts with their reasons once evaluated.
 */
export function BasketPanel({ lines, onChange, scanning, onScanning, evaluation, disabled, scanRef }: Props) {
  const { t } = useTranslation('loyalty');
  const { money } = useMoney();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  // A scanner types the next code before the network has answered the last: each code is queued
  // at its Enter and the input cleared at once, and the codes are looked up one after another.
  const queue = useRef<string[]>([]);

  const add = (p: Product) => {
    onChange((current) => {
      const same = current.find((l) => l.sku === p.sku);
      return same
        ? current.map((l) => (l === same ? { ...l, quantity: l.quantity + 1 } : l))
        : [...current, { sku: p.sku, name: p.name, quantity: 1, listPrice: p.listPrice }];
    });
    requestAnimationFrame(() => scanRef.current?.focus());
  };

  const lookUp = async (c: string) => {
    try {
      add(await unwrap(api.GET('/api/v1/catalog/products/by-code/{code}', { params: { path: { code: c } } })));
    } catch (e) {
      if (!isProblem(e, 404)) return notifyError(e);
      const message = t('pos.unknownProduct', { code: c });
      // Typed by hand (nothing scanned since): the code comes back to be corrected. Scanned over:
      // a notice that stays a while (the next scan's typing clears the field's message at once).
      if (queue.current.length === 1 && !scanRef.current?.value) {
        setError(message);
        setCode(c);
        requestAnimationFrame(() => scanRef.current?.select());
      } else notifyError(e, message);
    }
  };

  const enqueue = (c: string) => {
    queue.current.push(c);
    setCode('');
    if (queue.current.length > 1) return;
    onScanning(true);
    void (async () => {
      while (queue.current.length > 0) {
        await lookUp(queue.current[0]);
        queue.current.shift();
      }
      onScanning(false);
    })();
  };

  const setQuantity = (i: number, to: number) => {
    // 1,3 − 1 is 0.30000000000000004 in floating point: quantities keep three decimals.
    const q = Math.round(to * 1000) / 1000;
    onChange((current) => (q <= 0 ? current.filter((_, j) => j !== i) : current.map((l, j) => (j === i ? { ...l, quantity: q } : l))));
  };

  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const c = code.trim();
            if (c) enqueue(c);
          }}
        >
          <TextInput
            ref={scanRef}
            label={t('pos.scan')}
            placeholder={t('pos.scanPlaceholder')}
            size="lg"
            autoComplete="off"
            enterKeyHint="enter"
            // Not on the button: a loading button is disabled, and Enter would no longer submit.
            leftSection={scanning ? <Loader size="sm" /> : <IconBarcode size={22} />}
            value={code}
            error={error}
            disabled={disabled}
            onChange={(e) => {
              setCode(e.currentTarget.value);
              setError(null);
            }}
            rightSectionWidth={80}
            rightSection={
              <Button type="submit" size="sm" variant="light" disabled={disabled || !code.trim()} mr={6}>
                {t('pos.add')}
              </Button>
            }
          />
        </form>
        <ProductSearch onPick={add} size="md" disabled={disabled} />
        {lines.length === 0 ? (
          <Text c="dimmed" size="sm" ta="center" py="md">
            {t('pos.emptyBasket')}
          </Text>
        ) : (
          <Stack gap="xs" data-testid="pos-lines">
            {lines.map((l, i) => {
              const e = evaluation?.lines[i];
              return (
                <Card key={l.sku} withBorder padding="xs" data-testid="pos-line">
                  <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {e?.productName ?? l.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {l.sku} · {money(e?.unitPrice ?? l.listPrice ?? 0)}
                      </Text>
                    </div>
                    <div style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                      {e && e.discount > 0 && (
                        <Text size="xs" c="dimmed" td="line-through">
                          {money(e.amount)}
                        </Text>
                      )}
                      <Text size="sm" fw={700}>
                        {money(e ? e.net : Math.round(l.quantity * (l.listPrice ?? 0)))}
                      </Text>
                    </div>
                  </Group>
                  {e?.reasons.map((r) => (
                    <Text key={r.promotionId} size="xs" c="green.8" fw={500}>
                      {r.label}: −{money(r.amount)}
                    </Text>
                  ))}
                  <Group gap="xs" mt={6} justify="space-between">
                    <Group gap={6}>
                      <ActionIcon
                        size={44}
                        variant="default"
                        aria-label={t('pos.less', { name: l.name })}
                        onClick={() => setQuantity(i, l.quantity - 1)}
                        disabled={disabled}
                      >
                        {l.quantity <= 1 ? <IconTrash size={20} /> : <IconMinus size={20} />}
                      </ActionIcon>
                      <QuantityInput
                        value={l.quantity}
                        onChange={(q) => setQuantity(i, q)}
                        label={t('pos.quantityOf', { name: l.name })}
                        disabled={disabled}
                      />
                      <ActionIcon
                        size={44}
                        variant="default"
                        aria-label={t('pos.more', { name: l.name })}
                        onClick={() => setQuantity(i, l.quantity + 1)}
                        disabled={disabled}
                      >
                        <IconPlus size={20} />
                      </ActionIcon>
                    </Group>
                  </Group>
                </Card>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
