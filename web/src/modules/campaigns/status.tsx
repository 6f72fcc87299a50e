import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Campaign } from './queries';

const COLORS: Record<Campaign['status'], string> = {
  draft: 'gray',
  scheduled: 'blue',
  sending: 'teal',
  testing: 'violet',
  sent: 'green',
  cancelled: 'red',
};

export function StatusBadge({ status }: { status: Campaign['status'] }) {
  const { t } = useTranslation('campaigns');
  return (
    <Badge color={COLORS[status]} variant="light">
      {t(`status.${status}`)}
    </Badge>
  );
}
