import { Card, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bordered card with a title and, under it, a line saying what the card is for. */
export function Panel({ title, hint, testId, children }: { title: string; hint?: string; testId?: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" h="100%" data-testid={testId}>
      <Text fw={700} mb={hint ? 4 : 'sm'}>
        {title}
      </Text>
      {hint && (
        <Text size="sm" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      {children}
    </Card>
  );
}
