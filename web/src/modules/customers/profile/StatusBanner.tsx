import { Alert, Anchor, Text } from '@mantine/core';
import { IconAlertTriangle, IconGitMerge, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Customer } from '../queries';

/** Why this record cannot be edited (merged, anonymized) or shows masked details. */
export function StatusBanner({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation('customers');
  if (c.status === 'merged')
    return (
      <Alert color="yellow" icon={<IconGitMerge size={20} />}>
        <Text size="sm">{t('profile.merged')}</Text>
        {c.mergedInto && (
          <Anchor component={Link} to={`/customers/${c.mergedInto}`} size="sm" fw={600}>
            {t('profile.openSurvivor')}
          </Anchor>
        )}
      </Alert>
    );
  if (c.status === 'anonymized')
    return (
      <Alert color="gray" icon={<IconAlertTriangle size={20} />}>
        <Text size="sm">{t('profile.anonymized')}</Text>
      </Alert>
    );
  if (c.masked)
    return (
      <Alert color="gray" variant="light" icon={<IconLock size={20} />}>
        <Text size="sm">{t('profile.masked')}</Text>
      </Alert>
    );
  return null;
}
