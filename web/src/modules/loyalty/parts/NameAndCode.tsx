import { SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Çorapta 3 al 2 öde" → "corapta-3-al-2-ode": a code people can read, from the label. */
export function slugOf(label: string): string {
  return label
    .toLocaleLowerCase('tr')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

interface Props {
  name: string;
  code: string;
  /** Saved definitions keep their code. */
  codeLocked: boolean;
  nameLabel: string;
  nameHint?: string;
  codeHint?: string;
  nameError?: string;
  codeError?: string;
  onChange: (next: { name: string; code: string }) => void;
}

/** A definition's name and code side by side; the code follows the name (as a slug) until someone edits it or it is saved. */
export function NameAndCode({ name, code, codeLocked, nameLabel, nameHint, codeHint, nameError, codeError, onChange }: Props) {
  const { t } = useTranslation('loyalty');
  const follows = !codeLocked && (code === '' || code === slugOf(name));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput
        label={nameLabel}
        description={nameHint}
        required
        value={name}
        onChange={(e) => onChange({ name: e.currentTarget.value, code: follows ? slugOf(e.currentTarget.value) : code })}
        error={nameError}
      />
      <TextInput
        label={t('promotion.code')}
        description={codeHint}
        required
        disabled={codeLocked}
        value={code}
        onChange={(e) => onChange({ name, code: e.currentTarget.value })}
        error={codeError}
      />
    </SimpleGrid>
  );
}
