import { Group, MultiSelect, NumberInput, Select, Switch, TagsInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SegmentField } from '../queries';

type ValueType = SegmentField['operators'][number]['valueType'];

interface Props {
  type: ValueType;
  value: unknown;
  onChange: (value: unknown) => void;
  options: { value: string; label: string }[] | null;
  label: string;
  testId?: string;
}

const num = (v: string | number) => (v === '' ? undefined : Number(v));

/** The input for one value type of the field registry; money is typed in lira and kept in kuruş. */
export function ValueInput({ type, value, onChange, options, label, testId }: Props) {
  const { t } = useTranslation('segments');
  const common = { label, 'aria-label': label, 'data-testid': testId, size: 'sm' as const, miw: 0 };
  switch (type) {
    case 'none':
      return null;
    case 'text':
    case 'uuid':
      return <TextInput {...common} value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value || undefined)} />;
    case 'date':
      return (
        <TextInput {...common} type="date" value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value || undefined)} />
      );
    case 'time':
      return (
        <TextInput {...common} type="time" value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value || undefined)} />
      );
    case 'text_list':
      return (
        <TagsInput
          {...common}
          value={(value as string[]) ?? []}
          onChange={(v) => onChange(v.length ? v : undefined)}
          data={options?.map((o) => o.value) ?? []}
          placeholder={t('builder.typeEnter')}
          clearable
        />
      );
    case 'enum':
      return (
        <Select {...common} value={(value as string) ?? null} onChange={(v) => onChange(v ?? undefined)} data={options ?? []} searchable />
      );
    case 'enum_list':
    case 'uuid_list':
      return (
        <MultiSelect
          {...common}
          value={(value as string[]) ?? []}
          onChange={(v) => onChange(v.length ? v : undefined)}
          data={options ?? []}
          searchable
          clearable
        />
      );
    case 'boolean':
      return <Switch {...common} checked={Boolean(value)} onChange={(e) => onChange(e.currentTarget.checked)} mt="lg" />;
    case 'money':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value / 100 : ''}
          onChange={(v) => onChange(v === '' ? undefined : Math.round(Number(v) * 100))}
          min={0}
          decimalScale={2}
          suffix=" ₺"
        />
      );
    case 'number_range':
    case 'money_range': {
      const money = type === 'money_range';
      const [from, to] = (value as [number, number] | undefined) ?? [undefined, undefined];
      const shown = (n?: number) => (n === undefined ? '' : money ? n / 100 : n);
      const kept = (v: string | number) => (v === '' ? undefined : money ? Math.round(Number(v) * 100) : Number(v));
      const set = (a?: number, b?: number) => onChange(a === undefined || b === undefined ? [a ?? 0, b ?? 0] : [a, b]);
      return (
        <Group gap="xs" wrap="nowrap" data-testid={testId}>
          <NumberInput size="sm" label={t('builder.from')} value={shown(from)} onChange={(v) => set(kept(v), to)} miw={0} />
          <NumberInput size="sm" label={t('builder.to')} value={shown(to)} onChange={(v) => set(from, kept(v))} miw={0} />
        </Group>
      );
    }
    default:
      // number, percent, days, hours
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(num(v))}
          min={type === 'number' ? undefined : type === 'percent' ? 0 : 1}
          max={type === 'percent' ? 100 : undefined}
          allowDecimal={type === 'number' || type === 'percent'}
          placeholder={type === 'days' ? t('builder.allTime') : undefined}
          suffix={type === 'percent' ? ' %' : undefined}
        />
      );
  }
}
