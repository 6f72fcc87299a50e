import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { knownIssues } from './quality-issues';
import type { Customer } from './queries';

const colour = (score: number) => (score >= 80 ? 'teal' : score >= 50 ? 'yellow' : 'red');

/** The data quality score; the problems behind it in the tooltip. */
export function QualityBadge({ quality }: { quality: Customer['quality'] }) {
  const { t } = useTranslation('customers');
  const issues = knownIssues(quality.issues);
  const label = issues.length ? issues.map((i) => t(`quality.issues.${i}`)).join(', ') : t('quality.good');
  return (
    <Tooltip label={label} multiline maw={280} withArrow>
      <Badge
        color={colour(quality.score)}
        variant="light"
        style={{ flexShrink: 0 }}
        aria-label={`${t('fields.quality')}: ${quality.score}/100`}
      >
        {t('quality.score', { score: quality.score })}
      </Badge>
    </Tooltip>
  );
}
