import { NumberInput, Radio, Select, Stack, Text } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { couponCampaignsQuery } from '../queries';
import type { Draft } from './draft';

export function ScheduleStep({ draft, set }: { draft: Draft; set: (patch: Partial<Draft>) => void }) {
  const { t } = useTranslation('campaigns');
  const coupons = useQuery(couponCampaignsQuery);
  return (
    <Stack>
      <Radio.Group
        label={t('wizard.when')}
        value={draft.sendAt ? 'later' : 'now'}
        onChange={(v) => set({ sendAt: v === 'later' ? new Date(Date.now() + 3_600_000) : null })}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="now" label={t('wizard.now')} />
          <Radio value="later" label={t('wizard.later')} />
        </Stack>
      </Radio.Group>
      {draft.sendAt && (
        <DateTimePicker
          label={t('wizard.at')}
          value={draft.sendAt}
          onChange={(v) => set({ sendAt: v ? new Date(v) : null })}
          minDate={new Date()}
          w={260}
        />
      )}
      <NumberInput
        label={t('wizard.throttle')}
        description={t('wizard.throttleHint')}
        min={1}
        value={draft.throttlePerHour ?? ''}
        onChange={(v) => set({ throttlePerHour: v === '' ? null : Number(v) })}
        w={260}
      />
      <NumberInput
        label={t('wizard.attributionDays')}
        description={t('wizard.attributionHint')}
        min={1}
        max={90}
        value={draft.attribution.days}
        onChange={(v) => set({ attribution: { ...draft.attribution, days: Number(v) || 1 } })}
        w={260}
      />
      <Select
        label={t('wizard.attributionModel')}
        data={(['last_touch', 'first_touch'] as const).map((m) => ({ value: m, label: t(`wizard.models.${m}`) }))}
        value={draft.attribution.model}
        onChange={(m) => m && set({ attribution: { ...draft.attribution, model: m as 'last_touch' } })}
        allowDeselect={false}
        w={260}
      />
      <Stack gap={4}>
        <Select
          label={t('wizard.coupon')}
          placeholder={t('wizard.noCoupon')}
          data={(coupons.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={draft.couponCampaignId}
          onChange={(id) => set({ couponCampaignId: id })}
          clearable
          w={360}
          maw="100%"
        />
        <Text size="xs" c="dimmed">
          {t('wizard.couponHint', { variable: '{{couponCode}}' })}
        </Text>
      </Stack>
    </Stack>
  );
}
