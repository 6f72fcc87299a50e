import { Anchor, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconMail, IconPhone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { formatPhone } from '../../../app/ui/phone';
import { customerName } from '../customer-name';
import { QualityBadge } from '../QualityBadge';
import { ISSUE_FIELDS, knownIssues } from '../quality-issues';
import type { Customer } from '../queries';
import { fieldId } from './ProfileForm';

/** Brings the input that fixes a problem into view and puts the cursor in it. */
function goToField(name: string) {
  const el = document.getElementById(fieldId(name));
  el?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  el?.focus({ preventScroll: true });
}

/** Name, contact details and the data quality score, with what would raise it for those who can edit. */
export function CustomerHeader({ customer: c, readOnly }: { customer: Customer; readOnly: boolean }) {
  const { t } = useTranslation('customers');
  const format = useFormat();
  const issues = knownIssues(c.quality.issues);
  const created = { date: format.date(c.createdAt), via: t(`createdVia.${c.createdVia}`) };
  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {customerName(c) ?? t('profile.unnamed')}
          </Title>
          <QualityBadge quality={c.quality} />
        </Group>
        <Group gap="lg">
          {c.phone && (
            <Group gap={6} wrap="nowrap">
              <IconPhone size={16} />
              {c.masked ? <Text>{c.phone}</Text> : <Anchor href={`tel:${c.phone}`}>{formatPhone(c.phone)}</Anchor>}
            </Group>
          )}
          {c.email && (
            <Group gap={6} wrap="nowrap" miw={0}>
              <IconMail size={16} />
              {c.masked ? (
                <Text style={{ overflowWrap: 'anywhere' }}>{c.email}</Text>
              ) : (
                <Anchor href={`mailto:${c.email}`} style={{ overflowWrap: 'anywhere' }}>
                  {c.email}
                </Anchor>
              )}
            </Group>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {c.createdBy ? t('profile.createdBy', { ...created, name: c.createdBy.name }) : t('profile.created', created)}
        </Text>
        {issues.length > 0 && !readOnly && (
          <div>
            <Text size="sm" fw={600}>
              {t('profile.qualityHints')}
            </Text>
            <List size="sm" spacing={2}>
              {issues.map((issue) => (
                <List.Item key={issue}>
                  <Anchor component="button" type="button" size="sm" onClick={() => goToField(ISSUE_FIELDS[issue])}>
                    {t(`quality.issues.${issue}`)}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </div>
        )}
      </Stack>
    </Card>
  );
}
