import { Card, Group, Select, Text, Timeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../../../app/api/types';
import { useFormat } from '../../../app/i18n/format';
import { LoadMore } from '../../../app/ui/LoadMore';
import { tr } from '../i18n/tr';
import { notesQuery, useTimelinePages } from '../queries';

type Event = Schema<'TimelineEvent'>;
type EventGroup = keyof typeof tr.timeline.types;

/** The event types with a name; other modules' events without one show their type as it is. */
const NAMED_TYPES = Object.entries(tr.timeline.types).flatMap(([group, names]) => Object.keys(names).map((name) => `${group}.${name}`));

// The changed columns of `customer.updated`, as the profile form labels them.
const FIELD_LABELS: Record<string, keyof typeof tr.fields | 'custom'> = {
  firstName: 'firstName',
  lastName: 'lastName',
  phone: 'phone',
  email: 'email',
  birthYear: 'birthday',
  birthMonth: 'birthday',
  birthDay: 'birthday',
  gender: 'gender',
  city: 'city',
  district: 'district',
  preferredStoreId: 'preferredStore',
  sizeTop: 'sizeTop',
  sizeBottom: 'sizeBottom',
  sizeShoe: 'sizeShoe',
  colours: 'colours',
  styles: 'styles',
  tags: 'tags',
  custom: 'custom',
};

function typeLabel(t: TFunction<'customers'>, type: string) {
  if (!NAMED_TYPES.includes(type)) return type;
  const [group, name] = type.split('.') as [EventGroup, string];
  return t(`timeline.types.${group}.${name}` as `timeline.types.customer.created`);
}

/** A line under the event: what changed, the note written, the channel it came by. */
function detail(t: TFunction<'customers'>, e: Event, noteBody: (id: string | null) => string | undefined) {
  const p = e.payload;
  if (e.type === 'customer.updated' && Array.isArray(p.fields) && p.fields.length > 0) {
    const names = [...new Set((p.fields as string[]).map((f) => FIELD_LABELS[f] ?? f))];
    return t('timeline.changed', {
      fields: names
        .map((n) => (n === 'custom' ? t('profile.customFields') : n in tr.fields ? t(`fields.${n as keyof typeof tr.fields}`) : n))
        .join(', '),
    });
  }
  if (e.type === 'customer.note_added') return noteBody(e.subjectId);
  if (e.type === 'customer.created' && typeof p.via === 'string' && p.via in tr.createdVia)
    return t('timeline.via', { via: t(`createdVia.${p.via as keyof typeof tr.createdVia}`) });
  return undefined;
}

/** What happened with the customer, newest first, filterable by type. */
export function TimelineCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation('customers');
  const format = useFormat();
  const [type, setType] = useState<string | null>(null);
  const events = useTimelinePages(customerId, type ?? undefined);
  // Note events carry no text (personal data stays out of events): the note itself is shown.
  const notes = useQuery(notesQuery(customerId));
  const noteBody = (id: string | null) => notes.data?.find((n) => n.id === id)?.body;
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="md" gap="xs">
        <Text fw={700}>{t('timeline.title')}</Text>
        <Select
          aria-label={t('timeline.type')}
          placeholder={t('timeline.allTypes')}
          clearable
          w={{ base: '100%', xs: 240 }}
          value={type}
          onChange={setType}
          data={NAMED_TYPES.map((value) => ({ value, label: typeLabel(t, value) }))}
        />
      </Group>
      {events.isSuccess && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('timeline.empty')}
        </Text>
      )}
      <Timeline bulletSize={14} lineWidth={2} style={{ opacity: events.isPlaceholderData ? 0.6 : 1 }}>
        {rows.map((e) => {
          const more = detail(t, e, noteBody);
          return (
            <Timeline.Item key={e.id} title={typeLabel(t, e.type)}>
              {more && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {more}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {format.dateTime(e.occurredAt)}
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
      <LoadMore {...events} />
    </Card>
  );
}
