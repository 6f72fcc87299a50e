import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/auth/session';
import { type ImportOptionsProps, ImportWizard } from '../../../app/imports/ImportWizard';
import { allStoresQuery } from '../../access/queries';

/** The store of rows whose store code is empty. */
function DefaultStore({ value, onChange }: ImportOptionsProps) {
  const { t } = useTranslation('sales');
  const { can } = useSession();
  const stores = useQuery({ ...allStoresQuery, enabled: can('stores.read') });
  return (
    <Select
      label={t('import.defaultStore')}
      description={t('import.defaultStoreHint')}
      placeholder={t('import.noStore')}
      clearable
      searchable
      value={value.storeCode}
      onChange={(storeCode) => onChange({ ...value, storeCode })}
      data={(stores.data ?? []).map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }))}
      maw={360}
    />
  );
}

const OPTIONS = { initial: { storeCode: null }, Editor: DefaultStore };

/** The historical sales import: the shared wizard with the sales fields and the default store. */
export function SalesImportPage() {
  const { t } = useTranslation('sales');
  return <ImportWizard kind="sales" texts={t('import', { returnObjects: true })} options={OPTIONS} listPath="/sales" />;
}
