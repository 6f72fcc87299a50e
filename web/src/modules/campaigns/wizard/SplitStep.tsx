import { Alert, Group, NumberInput, Select, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Draft, shareTotal } from './draft';

/** Shares of the audience: the control group, each variant, and (A/B) the rest that waits for the winner. */
export function SplitStep({ draft, set }: { draft: Draft; set: (patch: Partial<Draft>) => void }) {
  const { t, i18n } = useTranslation('campaigns');
  const total = shareTotal(draft);
  const rest = Math.round((100 - total) * 100) / 100;
  const fmt = (n: number) => n.toLocaleString(i18n.language, { maximumFractionDigits: 2 });
  const wrong = draft.abTest ? rest <= 0 : rest !== 0;
  return (
    <Stack>
      <NumberInput
        label={t('wizard.control')}
        description={t('wizard.controlHint')}
        min={0}
        max={50}
        decimalScale={2}
        value={draft.controlPercent}
        onChange={(v) => set({ controlPercent: Number(v) || 0 })}
        w={260}
        data-testid="control-percent"
      />
      <Group align="flex-end">
        {draft.variants.map((v, i) => (
          <NumberInput
            key={v.key}
            label={`${t('wizard.variant', { key: v.key })} · ${t('wizard.share')}`}
            min={0}
            max={100}
            decimalScale={2}
            value={v.percent}
            onChange={(p) => set({ variants: draft.variants.map((x, k) => (k === i ? { ...x, percent: Number(p) || 0 } : x)) })}
            w={200}
            data-testid={`variant-${v.key}-percent`}
          />
        ))}
      </Group>
      {draft.variants.length > 1 && (
        <Stack gap="xs">
          <Switch
            label={t('wizard.abTest')}
            description={t('wizard.abHint')}
            checked={draft.abTest !== null}
            onChange={(e) => set({ abTest: e.currentTarget.checked ? { winnerMetric: 'clicks', decideAfterHours: 24 } : null })}
            data-testid="ab-test"
          />
          {draft.abTest && (
            <Group>
              <Select
                label={t('wizard.winnerMetric')}
                data={(['opens', 'clicks', 'conversions'] as const).map((m) => ({ value: m, label: t(`wizard.metrics.${m}`) }))}
                value={draft.abTest.winnerMetric}
                onChange={(m) => m && set({ abTest: { ...draft.abTest!, winnerMetric: m as 'opens' } })}
                allowDeselect={false}
                w={200}
              />
              <NumberInput
                label={t('wizard.decideAfter')}
                min={1}
                max={336}
                value={draft.abTest.decideAfterHours}
                onChange={(h) => set({ abTest: { ...draft.abTest!, decideAfterHours: Number(h) || 1 } })}
                w={200}
              />
            </Group>
          )}
        </Stack>
      )}
      <Alert color={wrong ? 'red' : 'teal'} variant="light" data-testid="split-total">
        <Text size="sm">{t('wizard.total', { percent: fmt(total) })}</Text>
        {draft.abTest && <Text size="sm">{t('wizard.rest', { percent: fmt(Math.max(rest, 0)) })}</Text>}
      </Alert>
    </Stack>
  );
}
