import { Button, MultiSelect, Select, SimpleGrid, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/auth/session';
import { allStoresQuery } from '../../access/queries';
import { QUALITY_ISSUES } from '../quality-issues';
import { type CustomField, customFieldsQuery } from '../queries';
import type { FilterValues } from './use-list-filters';

interface Props {
  values: FilterValues;
  onChange: (changes: FilterValues) => void;
  onClear: () => void;
}

/** A text filter that reaches the address once the user stops typing. */
function DebouncedInput({ label, value, onChange }: { label: string; value?: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value ?? '');
  const commit = useDebouncedCallback((v: string) => onChange(v.trim()), 400);
  return (
    <TextInput
      label={label}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        commit(e.currentTarget.value);
      }}
    />
  );
}

/** The value half of the custom field filter, shaped by the field's type. */
function CustomValueInput({ field, value, onChange }: { field: CustomField; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation('customers');
  const label = t('list.customValue');
  if (field.type === 'multi_select')
    return (
      <MultiSelect
        label={label}
        data={field.options}
        value={value ? value.split('|') : []}
        onChange={(v) => onChange(v.join('|'))}
        clearable
      />
    );
  if (field.type === 'select')
    return <Select label={label} data={field.options} value={value || null} onChange={(v) => onChange(v ?? '')} clearable />;
  if (field.type === 'boolean')
    return (
      <Select
        label={label}
        value={value || null}
        onChange={(v) => onChange(v ?? '')}
        clearable
        data={[
          { value: 'true', label: t('profile.yes') },
          { value: 'false', label: t('profile.no') },
        ]}
      />
    );
  return <DebouncedInput key={field.key} label={label} value={value} onChange={onChange} />;
}

export function CustomerFilters({ values, onChange, onClear }: Props) {
  const { t } = useTranslation('customers');
  const { can } = useSession();
  const stores = useQuery({ ...allStoresQuery, enabled: can('stores.read') });
  const fields = useQuery(customFieldsQuery);
  const [customKey, customValue = ''] = splitCustom(values.custom);
  // The chosen field is kept here too: it has no value in the address until one is picked.
  const [pickedKey, setPickedKey] = useState<string | null>(customKey ?? null);
  const field = fields.data?.find((f) => f.key === pickedKey);

  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
      <DebouncedInput label={t('list.tag')} value={values.tag} onChange={(tag) => onChange({ tag })} />
      <DebouncedInput label={t('list.city')} value={values.city} onChange={(city) => onChange({ city })} />
      <Select
        label={t('list.store')}
        placeholder={t('list.allStores')}
        searchable
        clearable
        value={values.storeId ?? null}
        onChange={(storeId) => onChange({ storeId: storeId ?? undefined })}
        data={(stores.data ?? []).map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
      />
      <DatePickerInput
        type="range"
        label={t('list.createdBetween')}
        clearable
        allowSingleDateInRange
        value={[values.from ?? null, values.to ?? null]}
        onChange={([from, to]) => onChange({ from: from ?? undefined, to: to ?? undefined })}
      />
      <Select
        label={t('list.customField')}
        clearable
        value={pickedKey}
        onChange={(key) => {
          setPickedKey(key);
          onChange({ custom: undefined });
        }}
        data={(fields.data ?? []).map((f) => ({ value: f.key, label: f.label }))}
      />
      {field && (
        <CustomValueInput field={field} value={customValue} onChange={(v) => onChange({ custom: v ? `${field.key}:${v}` : undefined })} />
      )}
      <Select
        label={t('list.issue')}
        clearable
        value={values.issue ?? null}
        onChange={(issue) => onChange({ issue: issue ?? undefined })}
        data={QUALITY_ISSUES.map((i) => ({ value: i, label: t(`quality.issues.${i}`) }))}
      />
      <Button variant="subtle" onClick={onClear} style={{ alignSelf: 'end' }}>
        {t('list.clearFilters')}
      </Button>
    </SimpleGrid>
  );
}

/** `key:value` → [key, value]. */
function splitCustom(custom: string | undefined): [string | undefined, string | undefined] {
  if (!custom) return [undefined, undefined];
  const at = custom.indexOf(':');
  return [custom.slice(0, at), custom.slice(at + 1)];
}
