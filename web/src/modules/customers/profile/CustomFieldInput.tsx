import { MultiSelect, NumberInput, Select, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import type { Customer, CustomField } from '../queries';

type Value = Customer['custom'][string] | null;

interface Props {
  field: CustomField;
  value: Value;
  onChange: (value: Value) => void;
  error?: React.ReactNode;
  id?: string;
}

/** The input for one custom field, chosen by its type. */
export function CustomFieldInput({ field, value, onChange, error, id }: Props) {
  const { t } = useTranslation('customers');
  const common = { label: field.label, error, id };
  switch (field.type) {
    case 'number':
      return (
        <NumberInput {...common} value={typeof value === 'number' ? value : ''} onChange={(v) => onChange(v === '' ? null : Number(v))} />
      );
    case 'date':
      return (
        <DateInput {...common} clearable valueFormat="DD.MM.YYYY" value={typeof value === 'string' ? value : null} onChange={onChange} />
      );
    case 'select':
      return <Select {...common} clearable data={field.options} value={typeof value === 'string' ? value : null} onChange={onChange} />;
    case 'multi_select':
      return <MultiSelect {...common} clearable data={field.options} value={Array.isArray(value) ? value : []} onChange={onChange} />;
    case 'boolean':
      return (
        <Select
          {...common}
          clearable
          value={typeof value === 'boolean' ? String(value) : null}
          onChange={(v) => onChange(v === null ? null : v === 'true')}
          data={[
            { value: 'true', label: t('profile.yes') },
            { value: 'false', label: t('profile.no') },
          ]}
        />
      );
    default:
      return <TextInput {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}
