import { Card, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** Row actions: a narrow, unlabelled column; on phones, the card's footer. */
  actions?: boolean;
}

interface Props<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  /** Below this width the table scrolls sideways on tablets. */
  minWidth?: number;
}

/**
 * A table on wide screens and a stack of cards on phones (below the `sm` breakpoint), where
 * a wide table would only scroll. Put the column that names a row first: it titles the card.
 */
export function ResponsiveTable<T>({ rows, columns, rowKey, empty, minWidth = 720 }: Props<T>) {
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  if (rows.length === 0) return empty;

  if (phone) {
    // The first column is the card's title, next to the row actions; the rest are labelled lines.
    const [title, ...fields] = columns.filter((c) => !c.actions);
    const actions = columns.filter((c) => c.actions);
    return (
      <Stack gap="sm">
        {rows.map((row) => (
          <Card key={rowKey(row)} withBorder padding="sm">
            <Group justify="space-between" align="flex-start" wrap="nowrap" mb={6}>
              <Text component="div" fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {title.render(row)}
              </Text>
              {actions.length > 0 && (
                <Group gap={4} wrap="nowrap">
                  {actions.map((c) => (
                    <div key={c.key}>{c.render(row)}</div>
                  ))}
                </Group>
              )}
            </Group>
            <Stack gap={4}>
              {fields.map((c) => (
                <Group key={c.key} justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                  <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
                    {c.header}
                  </Text>
                  <Text component="div" size="sm" ta="right" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    {c.render(row)}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key} w={c.actions ? 1 : undefined}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>
              {columns.map((c) => (
                <Table.Td key={c.key} style={c.actions ? { whiteSpace: 'nowrap' } : undefined}>
                  {c.render(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Placeholder rows while a list loads. */
export function ListSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <Stack gap="xs">
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <Skeleton key={i} h={36} />
      ))}
    </Stack>
  );
}
