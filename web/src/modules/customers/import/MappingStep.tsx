import { Alert, Badge, Button, Group, ScrollArea, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CONSENT_SOURCES, IDENTITY_FIELDS, type ImportPreview } from './queries';

interface Props {
  fileName: string;
  preview: ImportPreview;
  mapping: Record<string, string>;
  onMapping: (mapping: Record<string, string>) => void;
  consentSource: string;
  onConsentSource: (source: string) => void;
  starting: boolean;
  onBack: () => void;
  onStart: () => void;
}

const SAMPLE_ROWS = 5;

/** The file as the server read it, a column select per field of ours, and the options. */
export function MappingStep(p: Props) {
  const { t } = useTranslation('customerImport');
  const { preview } = p;
  const headerOptions = preview.headers.map((h) => ({ value: h, label: h }));
  const hasIdentity = IDENTITY_FIELDS.some((f) => p.mapping[f]);
  const delimiter = preview.delimiter === '\t' ? t('preview.tab') : preview.delimiter;
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Text fw={500}>{t('preview.summary', { name: p.fileName, count: preview.rowCount })}</Text>
        <Group gap="xs">
          <Badge variant="light">{t('preview.format', { format: preview.format.toUpperCase() })}</Badge>
          {preview.encoding && <Badge variant="light">{t('preview.encoding', { encoding: preview.encoding })}</Badge>}
          {delimiter && <Badge variant="light">{t('preview.delimiter', { delimiter })}</Badge>}
          {preview.sheet && <Badge variant="light">{t('preview.sheet', { sheet: preview.sheet })}</Badge>}
        </Group>
      </Stack>

      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {t('preview.sample')}
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
        <Title order={4}>{t('mapping.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('mapping.hint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {preview.fields.map((f) => (
            <Select
              key={f.name}
              label={t(`fields.${f.name}` as 'fields.phone')}
              placeholder={t('mapping.none')}
              data={headerOptions}
              value={p.mapping[f.name] ?? null}
              clearable
              searchable
              data-field={f.name}
              onChange={(header) => {
                const { [f.name]: _, ...rest } = p.mapping;
                p.onMapping(header ? { ...rest, [f.name]: header } : rest);
              }}
            />
          ))}
        </SimpleGrid>
        {!hasIdentity && (
          <Alert color="yellow" variant="light">
            {t('mapping.needIdentity')}
          </Alert>
        )}
      </Stack>

      <Stack gap="xs">
        <Title order={4}>{t('options.title')}</Title>
        <Select
          label={t('options.consentSource')}
          description={t('options.consentSourceHint')}
          data={[...CONSENT_SOURCES]}
          value={p.consentSource}
          allowDeselect={false}
          onChange={(v) => v && p.onConsentSource(v)}
          maw={360}
        />
      </Stack>

      <Group justify="space-between">
        <Button variant="default" onClick={p.onBack}>
          {t('back')}
        </Button>
        <Button onClick={p.onStart} loading={p.starting} disabled={!hasIdentity}>
          {t('start')}
        </Button>
      </Group>
    </Stack>
  );
}
