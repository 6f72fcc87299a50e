import { Alert, Badge, Button, Group, ScrollArea, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../customers/import/queries';
import type { tr } from '../i18n/tr';

interface Props {
  fileName: string;
  preview: ImportPreview;
  mapping: Record<string, string>;
  onMapping: (mapping: Record<string, string>) => void;
  starting: boolean;
  onBack: () => void;
  onStart: () => void;
}

const SAMPLE_ROWS = 5;

/** The file as the server read it, and a column select per product field. */
export function ProductMappingStep(p: Props) {
  const { t } = useTranslation('catalog');
  const { t: tImport } = useTranslation('customerImport');
  const { preview } = p;
  const headerOptions = preview.headers.map((h) => ({ value: h, label: h }));
  const delimiter = preview.delimiter === '\t' ? tImport('preview.tab') : preview.delimiter;
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
          {tImport('preview.summary', { name: p.fileName, count: preview.rowCount })}
        </Text>
        <Group gap="xs">
          <Badge variant="light">{tImport('preview.format', { format: preview.format.toUpperCase() })}</Badge>
          {preview.encoding && <Badge variant="light">{tImport('preview.encoding', { encoding: preview.encoding })}</Badge>}
          {delimiter && <Badge variant="light">{tImport('preview.delimiter', { delimiter })}</Badge>}
          {preview.sheet && <Badge variant="light">{tImport('preview.sheet', { sheet: preview.sheet })}</Badge>}
        </Group>
      </Stack>

      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {tImport('preview.sample')}
        </Text>
        <ScrollArea type="auto" offsetScrollbars>
          <Table striped withTableBorder fz="sm" data-testid="import-sample">
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
      </Stack>

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
              data-field={f.name}
              onChange={(header) => {
                const { [f.name]: _, ...rest } = p.mapping;
                p.onMapping(header ? { ...rest, [f.name]: header } : rest);
              }}
            />
          ))}
        </SimpleGrid>
        {!p.mapping.sku && (
          <Alert color="yellow" variant="light">
            {t('import.needSku')}
          </Alert>
        )}
      </Stack>

      <Group justify="space-between">
        <Button variant="default" onClick={p.onBack}>
          {tImport('back')}
        </Button>
        <Button onClick={p.onStart} loading={p.starting} disabled={!p.mapping.sku}>
          {tImport('start')}
        </Button>
      </Group>
    </Stack>
  );
}
