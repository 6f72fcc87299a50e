import { MultiSelect, Select } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, STORE_ROLES } from '../../../app/auth/roles';
import { useSession } from '../../../app/auth/session';
import { allStoresQuery } from '../queries';

interface RoleValues {
  role: Role;
  storeIds: string[];
}

/** Role and, for store roles, the stores: shared by the invite and the edit form. */
// biome-ignore lint/suspicious/noExplicitAny: any form with `role` and `storeIds`.
export function RoleAndStores({ form }: { form: UseFormReturnType<any> }) {
  const { t } = useTranslation('access');
  const { t: tApp } = useTranslation();
  const { user } = useSession();
  const stores = useQuery(allStoresQuery);
  const values = form.values as RoleValues;
  // Only an owner may make someone an owner.
  const roles = ROLES.filter((role) => role !== 'owner' || user?.role === 'owner' || values.role === 'owner');
  return (
    <>
      <Select
        label={t('users.role')}
        allowDeselect={false}
        data={roles.map((role) => ({ value: role, label: tApp(`roles.${role}`) }))}
        {...form.getInputProps('role')}
      />
      {STORE_ROLES.has(values.role) && (
        <MultiSelect
          label={t('users.stores')}
          description={t('users.storesHint')}
          searchable
          withAsterisk
          nothingFoundMessage={tApp('list.nothingFound')}
          data={(stores.data ?? []).map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
          {...form.getInputProps('storeIds')}
        />
      )}
    </>
  );
}

/** The client-side twin of the server's rule, so the form says it before a round trip. */
export const needsStore = (message: string) => (storeIds: string[], values: RoleValues) =>
  STORE_ROLES.has(values.role) && storeIds.length === 0 ? message : null;
