import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type ImportOptionsProps, ImportWizard } from '../../../app/imports/ImportWizard';
import { CONSENT_SOURCES } from '../../privacy/consent-sources';

/** The İYS consent sources an import may record (all but a legal ruling). */
const IMPORT_SOURCES = CONSENT_SOURCES.filter((s) => s !== 'HS_KARAR');

/** A customer is recognised by one of these; a file without any of them could only create strangers. */
const IDENTITY_FIELDS = ['phone', 'email', 'cardNumber', 'externalId'];

function ConsentSource({ value, onChange }: ImportOptionsProps) {
  const { t } = useTranslation('customerImport');
  const { t: tp } = useTranslation('privacy');
  return (
    <Select
      label={t('import.consentSource')}
      description={t('import.consentSourceHint')}
      data={IMPORT_SOURCES.map((s) => ({ value: s, label: tp(`sources.${s}`) }))}
      value={value.consentSource}
      allowDeselect={false}
      onChange={(v) => v && onChange({ ...value, consentSource: v })}
      maw={360}
    />
  );
}

const OPTIONS = { initial: { consentSource: 'HS_FIZIKSEL_ORTAM' }, Editor: ConsentSource };

/** The customer import: the shared wizard with the customers' fields, identity rule and consent source. */
export function ImportPage() {
  const { t } = useTranslation('customerImport');
  return (
    <ImportWizard
      kind="customers"
      texts={t('import', { returnObjects: true })}
      check={(mapping) => (IDENTITY_FIELDS.some((f) => mapping[f]) ? null : t('import.needIdentity'))}
      options={OPTIONS}
      summary={(r) => (r.consentsRecorded ? t('import.result.consents', { count: Number(r.consentsRecorded) }) : null)}
      listPath="/customers"
    />
  );
}
