import { Alert, Badge, Button, Group, ScrollArea, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportMapping, ImportPreview } from './queries';

interface Props {
  fileName: string;
  preview: ImportPreview;
  mapping: ImportMapping;
  onMapping: (mapping: ImportMapping) => void;
  fieldLabels: Record<string, string>;
  hint?: string;
  /** The kind's own rule, if any: its message while the mapping does not meet it. */
  check?: (mapping: ImportMapping) => string | null;
  /** The kind's option controls. */
  options?: ReactNode;
  starting: boolean;
  onBack: () => void;
  onStart: () => void;
}

const SAMPLE_ROWS = 5;

/** The file as the server read it, a column select per field of ours, and the kind's options. */
export function MappingStep(p: Props) {
  const { t, i18n } = useTranslation();
  const { preview } = p;
  const label = (field: string) => p.fieldLabels[field] ?? field;
  const headerOptions = preview.headers.map((h) => ({ value: h, label: h }));
  const delimiter = preview.delimiter === '\t' ? t('imports.preview.tab') : preview.delimiter;
  // The server refuses a start without the required fields; say which are missing before that.
  const missing = preview.fields.filter((f) => f.required && !p.mapping[f.name]).map((f) => label(f.name));
  const problem = missing.length
    ? t('imports.mapping.missing', { fields: new Intl.ListFormat(i18n.language).format(missing) })
    : (p.check?.(p.mapping) ?? null);
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
          {t('imports.preview.summary', { name: p.fileName, count: preview.rowCount })}
        </Text>
        <Group gap="xs">
          <Badge variant="light">{t('imports.preview.format', { format: preview.format.toUpperCase() })}</Badge>
          {preview.encoding && <Badge variant="light">{t('imports.preview.encoding', { encoding: preview.encoding })}</Badge>}
          {delimiter && <Badge variant="light">{t('imports.preview.delimiter', { delimiter })}</Badge>}
          {preview.sheet && <Badge variant="light">{t('imports.preview.sheet', { sheet: preview.sheet })}</Badge>}
        </Group>
      </Stack>

      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {t('imports.preview.sample')}
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
        <Title order={4}>{t('imports.mapping.title')}</Title>
        <Text size="sm" c="dimmed">
          {p.hint ?? t('imports.mapping.hint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {preview.fields.map((f) => (
            <Select
              key={f.name}
              label={label(f.name)}
              placeholder={t('imports.mapping.none')}
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
        {problem && (
          <Alert color="yellow" variant="light" data-testid="import-mapping-problem">
            {problem}
          </Alert>
        )}
      </Stack>

      {p.options && (
        <Stack gap="xs">
          <Title order={4}>{t('imports.options')}</Title>
          {p.options}
        </Stack>
      )}

      <Group justify="space-between">
        <Button variant="default" onClick={p.onBack}>
          {t('imports.back')}
        </Button>
        <Button onClick={p.onStart} loading={p.starting} disabled={problem !== null}>
          {t('imports.start')}
        </Button>
      </Group>
    </Stack>
  );
}
