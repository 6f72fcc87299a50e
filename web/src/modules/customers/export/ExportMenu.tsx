import { Button, Menu, Text } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/auth/session';

interface Props {
  /** The list's current filters (q, tag, city, storeId, custom, createdFrom, createdTo, issue, …). */
  filters: object;
}

/** The URL of an export of the customers these filters select; the browser downloads it. */
export function exportUrl(format: 'csv' | 'xlsx', filters: Props['filters']): string {
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  return `/api/v1/customers/export?${params}`;
}

/** "Export" with CSV and XLSX for the customer list; shown only to those with customers.export. */
export function ExportMenu({ filters }: Props) {
  const { t } = useTranslation('customerImport');
  const { can } = useSession();
  if (!can('customers.export')) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} data-testid="export-menu">
          {t('export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown maw={300}>
        <Menu.Item component="a" href={exportUrl('csv', filters)} download leftSection={<IconFileTypeCsv size={16} />}>
          {t('export.csv')}
        </Menu.Item>
        <Menu.Item component="a" href={exportUrl('xlsx', filters)} download leftSection={<IconFileSpreadsheet size={16} />}>
          {t('export.xlsx')}
        </Menu.Item>
        <Menu.Divider />
        <Text size="xs" c="dimmed" px="sm" py={4}>
          {can('pii.read') ? t('export.limit') : `${t('export.masked')} ${t('export.limit')}`}
        </Text>
      </Menu.Dropdown>
    </Menu>
  );
}
