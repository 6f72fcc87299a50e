import { Anchor, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { QualityGroup } from './queries';

/** A group's problems, most frequent first, each with its share and a link to the records to fix. */
export function IssueList({ issues, storeId, limit }: { issues: QualityGroup['issues']; storeId?: string; limit?: number }) {
  const { t } = useTranslation('dedup');
  const { t: tc } = useTranslation('customers');
  const fixLink = (issue: string) => `/customers?${new URLSearchParams({ issue, ...(storeId ? { storeId } : {}) })}`;
  return (
    <Stack gap={6}>
      {issues.slice(0, limit).map((i) => (
        <Stack key={i.issue} gap={2}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" ta="left" style={{ minWidth: 0, flex: 1 }}>
              {tc(`quality.issues.${i.issue}`)}
            </Text>
            <Group gap="xs" wrap="nowrap" style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
              <Text size="sm" c="dimmed">
                {t('quality.percent', { value: i.percent })}
              </Text>
              <Anchor component={Link} to={fixLink(i.issue)} size="sm">
                {t('quality.fix')}
              </Anchor>
            </Group>
          </Group>
          <Progress value={i.percent} size="sm" color={i.percent >= 50 ? 'red' : i.percent >= 20 ? 'yellow' : 'teal'} />
        </Stack>
      ))}
    </Stack>
  );
}
