import { ActionIcon, Alert, Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { templatesQuery } from '../queries';
import { type Draft, VARIANT_KEYS } from './draft';

/** One template per variant; a second one makes an A/B test possible. */
export function ContentStep({ draft, set }: { draft: Draft; set: (patch: Partial<Draft>) => void }) {
  const { t } = useTranslation('campaigns');
  const templates = useQuery(templatesQuery(draft.channel));
  const options = (templates.data ?? []).map((x) => ({ value: x.id, label: x.name }));
  const setVariant = (i: number, patch: Partial<Draft['variants'][number]>) =>
    set({ variants: draft.variants.map((v, k) => (k === i ? { ...v, ...patch } : v)) });
  const add = () => {
    const key = VARIANT_KEYS.find((k) => !draft.variants.some((v) => v.key === k))!;
    set({ variants: [...draft.variants, { key, templateId: null, percent: 0 }] });
  };
  return (
    <Stack>
      {templates.isSuccess && options.length === 0 && (
        <Alert color="yellow">
          {t('wizard.noTemplates')}{' '}
          <Anchor component={Link} to="/messaging/templates">
            {t('wizard.writeTemplate')}
          </Anchor>
        </Alert>
      )}
      {draft.variants.map((v, i) => (
        <Group key={v.key} align="flex-end" wrap="nowrap">
          <Select
            style={{ flex: 1 }}
            label={t('wizard.variant', { key: v.key })}
            description={i === 0 ? t('wizard.templateHint') : undefined}
            placeholder={t('wizard.template')}
            data={options}
            value={v.templateId}
            onChange={(id) => setVariant(i, { templateId: id })}
            searchable
            required
            data-testid={`variant-${v.key}-template`}
          />
          {draft.variants.length > 1 && (
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('wizard.removeVariant')}
              onClick={() => set({ variants: draft.variants.filter((_, k) => k !== i) })}
            >
              <IconTrash size={18} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {draft.variants.length < VARIANT_KEYS.length && (
        <Group>
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={add}>
            {t('wizard.addVariant')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('wizard.abHint')}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
