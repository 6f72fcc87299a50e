import { MultiSelect, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { segmentsQuery } from '../queries';
import type { Draft } from './draft';

export function AudienceStep({ draft, set }: { draft: Draft; set: (patch: Partial<Draft>) => void }) {
  const { t } = useTranslation('campaigns');
  const segments = useQuery(segmentsQuery);
  const options = (segments.data ?? []).map((s) => ({
    value: s.id,
    label: `${s.name} · ${t('wizard.members', { count: s.memberCount })}`,
  }));
  return (
    <Stack>
      <TextInput
        label={t('wizard.name')}
        required
        value={draft.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        maxLength={120}
      />
      <Textarea
        label={t('wizard.description')}
        value={draft.description}
        onChange={(e) => set({ description: e.currentTarget.value })}
        autosize
        minRows={2}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('wizard.channel')}
        </Text>
        <SegmentedControl
          value={draft.channel}
          onChange={(v) => set({ channel: v as Draft['channel'], variants: draft.variants.map((x) => ({ ...x, templateId: null })) })}
          data={(['sms', 'email', 'whatsapp'] as const).map((c) => ({ value: c, label: t(`channels.${c}`) }))}
        />
      </Stack>
      <MultiSelect
        label={t('wizard.include')}
        description={t('wizard.includeHint')}
        data={options}
        value={draft.includeSegments}
        onChange={(v) => set({ includeSegments: v })}
        searchable
        required
        data-testid="include-segments"
      />
      <MultiSelect
        label={t('wizard.exclude')}
        description={t('wizard.excludeHint')}
        data={options.filter((o) => !draft.includeSegments.includes(o.value))}
        value={draft.excludeSegments}
        onChange={(v) => set({ excludeSegments: v })}
        searchable
        data-testid="exclude-segments"
      />
    </Stack>
  );
}
