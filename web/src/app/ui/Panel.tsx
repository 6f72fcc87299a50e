import { ActionIcon, Card, Group, Text, Tooltip } from '@mantine/core';
import { IconFileTypeCsv } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type CsvCell, downloadCsv } from './csv';

/** What a chart's "download CSV" button saves: the numbers behind it. */
export interface PanelCsv {
  fileName: string;
  headers: string[];
  rows: CsvCell[][];
}

/** A bordered card with a title and, under it, a line saying what the card is for; charts pass `csv`. */
export function Panel({
  title,
  hint,
  testId,
  csv,
  children,
}: {
  title: string;
  hint?: string;
  testId?: string;
  csv?: PanelCsv;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" h="100%" data-testid={testId}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" mb={hint ? 4 : 'sm'}>
        <Text fw={700}>{title}</Text>
        {csv && csv.rows.length > 0 && (
          <Tooltip label={t('actions.downloadCsv')}>
            <ActionIcon
              variant="subtle"
              aria-label={t('actions.downloadCsv')}
              onClick={() => downloadCsv(csv.fileName, csv.headers, csv.rows)}
              data-testid={testId ? `${testId}-csv` : undefined}
            >
              <IconFileTypeCsv size={18} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      {hint && (
        <Text size="sm" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      {children}
    </Card>
  );
}
