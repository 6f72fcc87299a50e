import { Alert, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPhone } from '../../../app/ui/phone';
import { customerName } from '../customer-name';
import { QualityBadge } from '../QualityBadge';
import type { Customer } from '../queries';

/** The customer behind the number, with the way to their profile. */
export function FoundCustomer({ customer: c, created, onAnother }: { customer: Customer; created: boolean; onAnother: () => void }) {
  const { t } = useTranslation('customers');
  const name = customerName(c) ?? t('profile.unnamed');
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        {created && (
          <Alert color="teal" icon={<IconCircleCheck size={20} />} py="xs">
            {t('quick.created', { name })}
          </Alert>
        )}
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div style={{ minWidth: 0 }}>
            {!created && (
              <Badge variant="light" mb={4}>
                {t('quick.found')}
              </Badge>
            )}
            <Text fw={700} fz="xl" style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Text>
            {c.phone && <Text>{c.masked ? c.phone : formatPhone(c.phone)}</Text>}
            {c.email && (
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {c.email}
              </Text>
            )}
          </div>
          <QualityBadge quality={c.quality} />
        </Group>
        {c.tags.length > 0 && (
          <Group gap={4}>
            {c.tags.map((tag) => (
              <Badge key={tag} variant="outline" size="sm">
                {tag}
              </Badge>
            ))}
          </Group>
        )}
        <Button component={Link} to={`/customers/${c.id}`} size="lg" leftSection={<IconUser size={20} />}>
          {t('quick.openProfile')}
        </Button>
        <Button variant="default" onClick={onAnother}>
          {t('quick.another')}
        </Button>
      </Stack>
    </Card>
  );
}
