import { Badge, Button, Group, ScrollArea, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/auth/session';
import { allStoresQuery } from '../../access/queries';
import type { ImportPreview } from '../../customers/import/queries';
import type { tr } from '../i18n/tr';

interface Props {
  fileName: string;
  preview: ImportPreview;
  mapping: Record<string, string>;
  onMapping: (mapping: Record<string, string>) => void;
  storeCode: string | null;
  onStoreCode: (code: string | null) => void;
  starting: boolean;
  onBack: () => void;
  onStart: () => void;
}

const SAMPLE_ROWS = 5;

/** The file as the server read it, a column per sales field, and the store of rows that name none. */
export function SalesMappingStep(p: Props) {
  const { t } = useTranslation('sales');
  const { t: tImport } = useTranslation('customerImport');
  const { can } = useSession();
  const stores = useQuery({ ...allStoresQuery, enabled: can('stores.read') });
  const { preview } = p;
  const headerOptions = preview.headers.map((h) => ({ value: h, label: h }));
  const ready = Boolean(p.mapping.receiptNumber && p.mapping.occurredAt);
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
          {tImport('preview.summary', { name: p.fileName, count: preview.rowCount })}
        </Text>
        <Group gap="xs">
          <Badge variant="light">{tImport('preview.format', { format: preview.format.toUpperCase() })}</Badge>
          {preview.encoding && <Badge variant="light">{tImport('preview.encoding', { encoding: preview.encoding })}</Badge>}
        </Group>
      </Stack>
      <ScrollArea type="auto" offsetScrollbars>
        <Table striped withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              {preview.headers.map((h) => (
                <Table.Th key={h} style={{ whiteSpace: 'nowrap' }}>
                  {h}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.slice(0, SAMPLE_ROWS).map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity but their position
              <Table.Tr key={i}>
                {preview.headers.map((h, j) => (
                  <Table.Td key={h} style={{ whiteSpace: 'nowrap' }}>
                    {row[j] === null ? '' : String(row[j])}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <Stack gap="xs">
        <Title order={4}>{tImport('mapping.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('import.mappingHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {preview.fields.map((f) => (
            <Select
              key={f.name}
              label={t(`import.fields.${f.name as keyof typeof tr.import.fields}`)}
              placeholder={tImport('mapping.none')}
              data={headerOptions}
              value={p.mapping[f.name] ?? null}
              clearable
              searchable
              required={f.required}
              onChange={(header) => {
                const { [f.name]: _, ...rest } = p.mapping;
                p.onMapping(header ? { ...rest, [f.name]: header } : rest);
              }}
            />
          ))}
          <Select
            label={t('import.defaultStore')}
            description={t('import.defaultStoreHint')}
            placeholder={t('import.noStore')}
            clearable
            searchable
            value={p.storeCode}
            onChange={p.onStoreCode}
            data={(stores.data ?? []).map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }))}
          />
        </SimpleGrid>
      </Stack>
      <Group justify="space-between">
        <Button variant="default" onClick={p.onBack}>
          {tImport('back')}
        </Button>
        <Button onClick={p.onStart} loading={p.starting} disabled={!ready}>
          {tImport('start')}
        </Button>
      </Group>
    </Stack>
  );
}
