import { Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../../app/api/problem';
import { previewQuery } from '../queries';
import { completeRule, type RuleNode } from '../rule';
import { MemberTable } from './MemberTable';

/** The draft rule's live count and sample, 400 ms after the last edit. */
export function LivePreview({ rule }: { rule: RuleNode }) {
  const { t, i18n } = useTranslation('segments');
  const [debounced] = useDebouncedValue(completeRule(rule) ?? { op: 'and', rules: [] }, 400);
  const preview = useQuery(previewQuery(debounced as Record<string, unknown>));
  const count = preview.data?.count;
  return (
    <Card withBorder padding="md" data-testid="live-preview">
      <Group justify="space-between" align="flex-end" mb="sm">
        <Stack gap={0}>
          <Text size="sm" c="dimmed">
            {t('preview.title')}
          </Text>
          <Title order={2} data-testid="live-count">
            {count === undefined ? '—' : count.toLocaleString(i18n.language)}
          </Title>
        </Stack>
        {preview.isFetching && <Loader size="sm" />}
      </Group>
      {preview.error && (
        <Text size="sm" c="red" mb="sm" data-testid="preview-error">
          {isProblem(preview.error) ? preview.error.detail : t('preview.failed')}
        </Text>
      )}
      <Text size="sm" fw={600} mb="xs">
        {t('preview.sample')}
      </Text>
      <div style={{ opacity: preview.isPlaceholderData ? 0.6 : 1 }}>
        <MemberTable rows={preview.data?.sample ?? []} testId="preview-sample" />
      </div>
    </Card>
  );
}
