import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MessageStatus } from './queries';

const COLOURS: Record<MessageStatus, string> = { queued: 'gray', sent: 'blue', delivered: 'green', failed: 'red', skipped: 'orange' };

/** A message's status as a coloured badge. */
export function StatusBadge({ status }: { status: MessageStatus }) {
  const { t } = useTranslation('messaging');
  return (
    <Badge variant="light" color={COLOURS[status]} size="sm">
      {t(`outbox.statuses.${status}`)}
    </Badge>
  );
}
