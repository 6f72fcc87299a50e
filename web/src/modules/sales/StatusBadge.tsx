import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrderStatus } from './queries';

const COLOURS: Record<OrderStatus, string> = { created: 'gray', paid: 'blue', shipped: 'orange', delivered: 'green', cancelled: 'red' };

/** An order's status as a coloured badge. */
export function StatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation('sales');
  return (
    <Badge variant="light" color={COLOURS[status]} size="sm">
      {t(`statuses.${status}`)}
    </Badge>
  );
}
