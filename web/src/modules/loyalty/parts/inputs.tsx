import { ActionIcon, Button, Chip, Group, Input, NumberInput, type NumberInputProps, Stack, Text, TextInput } from '@mantine/core';
import { DateInput, type DateInputProps, DateTimePicker, type DateTimePickerProps } from '@mantine/dates';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

type Base = Omit<NumberInputProps, 'value' | 'onChange' | 'defaultValue'>;

/** Separators of the UI's language: "1.299,90" in Turkish, "1,299.90" in English. */
export function useSeparators() {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? { thousandSeparator: ',', decimalSeparator: '.' } : { thousandSeparator: '.', decimalSeparator: ',' };
}

/**
 * An amount of money typed in lira and held in kuruş (the API's unit): 1.299,90 ↔ 129990.
 * Empty is `undefined` (the field is left out of the definition).
 */
export function MoneyInput({
  value,
  onChange,
  ...rest
}: Base & { value?: number | null | undefined; onChange: (kurus: number | undefined) => void }) {
  const separators = useSeparators();
  return (
    <NumberInput
      {...rest}
      {...separators}
      leftSection="₺"
      decimalScale={2}
      fixedDecimalScale
      min={0}
      hideControls
      inputMode="decimal"
      value={value === null || value === undefined ? '' : value / 100}
      onChange={(v) => onChange(typeof v === 'number' ? Math.round(v * 100) : undefined)}
    />
  );
}

/** A whole number; empty is `undefined`. */
export function IntInput({
  value,
  onChange,
  ...rest
}: Base & { value?: number | null | undefined; onChange: (v: number | undefined) => void }) {
  const separators = useSeparators();
  return (
    <NumberInput
      {...rest}
      {...separators}
      allowDecimal={false}
      value={value ?? ''}
      onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
    />
  );
}

/** A number with up to two decimals (percentages, multipliers); empty is `undefined`. */
export function DecimalInput({
  value,
  onChange,
  ...rest
}: Base & { value?: number | null | undefined; onChange: (v: number | undefined) => void }) {
  const separators = useSeparators();
  return (
    <NumberInput
      {...rest}
      decimalSeparator={separators.decimalSeparator}
      decimalScale={2}
      inputMode="decimal"
      value={value ?? ''}
      onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
    />
  );
}

/** 'YYYY-MM-DDTHH:mm' (the engine's local minute) ↔ 'YYYY-MM-DD HH:mm:ss' (Mantine's pickers). */
export const toPicker = (v: string | undefined) => (v ? `${v.replace('T', ' ')}${v.includes('T') ? ':00' : ''}` : null);
export const fromPicker = (v: string | null) => (v ? v.slice(0, 16).replace(' ', 'T') : undefined);

/**
 * A local date ('YYYY-MM-DD', a whole day in the org's time zone) or, when it carries a time, a
 * local minute ('YYYY-MM-DDTHH:mm'), as the engine reads them. Empty is `undefined`. The pickers
 * speak the UI's language whatever the browser's locale.
 */
export function LocalDateInput({
  value,
  onChange,
  withTime,
  ...rest
}: Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat'> & {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  withTime?: boolean;
}) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  if (withTime || value?.includes('T')) {
    return (
      <DateTimePicker
        {...(rest as Omit<DateTimePickerProps, 'value' | 'onChange'>)}
        clearable
        valueFormat={en ? 'MMM D, YYYY HH:mm' : 'DD.MM.YYYY HH:mm'}
        value={toPicker(value)}
        onChange={(v) => onChange(fromPicker(v))}
      />
    );
  }
  return (
    <DateInput
      {...rest}
      clearable
      valueFormat={en ? 'MMM D, YYYY' : 'DD.MM.YYYY'}
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
    />
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** ISO weekdays (1 = Monday); none chosen is `undefined` (every day). */
export function WeekdayInput({
  value,
  onChange,
  label,
  error,
}: {
  value: number[] | undefined;
  onChange: (v: number[] | undefined) => void;
  label: string;
  error?: string;
}) {
  const { t } = useTranslation('loyalty');
  return (
    <Input.Wrapper label={label} error={error}>
      <Chip.Group multiple value={(value ?? []).map(String)} onChange={(v) => onChange(v.length ? v.map(Number).sort() : undefined)}>
        <Group gap={4} mt={4}>
          {WEEKDAYS.map((d) => (
            <Chip key={d} value={String(d)} size="sm" variant="outline">
              {t(`weekdays.d${d}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </Input.Wrapper>
  );
}

type Window = { from: string; to: string };

/** Daily hour windows [from, to); a window ending before it starts crosses midnight. */
export function HoursInput({
  value,
  onChange,
  label,
  error,
}: {
  value: Window[] | undefined;
  onChange: (v: Window[] | undefined) => void;
  label: string;
  error?: string;
}) {
  const { t } = useTranslation('loyalty');
  const list = value ?? [];
  const set = (next: Window[]) => onChange(next.length ? next : undefined);
  return (
    <Input.Wrapper label={label} error={error}>
      <Stack gap={6} mt={4}>
        {list.map((w, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: windows have no identity but their place
          <Group key={i} gap="xs" wrap="nowrap">
            <TextInput
              type="time"
              aria-label={t('conditions.hourFrom')}
              value={w.from}
              onChange={(e) => set(list.map((x, j) => (j === i ? { ...x, from: e.currentTarget.value } : x)))}
              style={{ flex: 1 }}
            />
            <Text size="sm">–</Text>
            <TextInput
              type="time"
              aria-label={t('conditions.hourTo')}
              value={w.to}
              onChange={(e) => set(list.map((x, j) => (j === i ? { ...x, to: e.currentTarget.value } : x)))}
              style={{ flex: 1 }}
            />
            <ActionIcon variant="subtle" color="red" aria-label={t('actions.remove')} onClick={() => set(list.filter((_, j) => j !== i))}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          onClick={() => set([...list, { from: '09:00', to: '12:00' }])}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('conditions.addHours')}
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}
