import {
  Accordion,
  Button,
  Divider,
  Drawer,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import { notifySuccess } from '../../../app/ui/notify';
import { brandsQuery } from '../../access/queries';
import type { tr } from '../i18n/tr';
import { CopyField } from './CopyField';
import { type KindField, type ProviderConfig, type ProviderKind, providerKeys, providerKindsQuery } from './queries';

type Kind = ProviderKind['kind'];
type Channel = ProviderConfig['channel'];
type FieldValue = string | number | boolean;

interface Values {
  kind: Kind;
  channel: Channel;
  name: string;
  brandId: string;
  settings: Record<string, FieldValue>;
  secrets: Record<string, string>;
  ratePerSecond: number | string;
  cost: number | string;
  enabled: boolean;
  isDefault: boolean;
}

const ORG = 'org';
const FIRST_KIND: Kind = 'netgsm';

/** The form's value of a field: the stored setting, else the kind's default, else empty. */
const fieldValue = (f: KindField, stored: Record<string, unknown> | undefined): FieldValue => {
  const v = stored?.[f.name] ?? f.default;
  if (f.type === 'boolean') return Boolean(v);
  return v === null || v === undefined ? '' : (v as FieldValue);
};

function valuesFor(kind: ProviderKind | undefined, config: ProviderConfig | null): Values {
  const fields = kind?.fields ?? [];
  return {
    kind: config?.kind ?? kind?.kind ?? FIRST_KIND,
    channel: config?.channel ?? kind?.channels[0] ?? 'sms',
    name: config?.name ?? '',
    brandId: config?.brandId ?? ORG,
    settings: Object.fromEntries(fields.filter((f) => !f.secret).map((f) => [f.name, fieldValue(f, config?.settings)])),
    secrets: Object.fromEntries(fields.filter((f) => f.secret).map((f) => [f.name, ''])),
    ratePerSecond: config?.ratePerSecond ?? '',
    cost: config ? config.costPerPart / 100 : 0,
    enabled: config?.enabled ?? true,
    isDefault: config?.isDefault ?? false,
  };
}

/** Settings to send: empty fields are left out on a new provider, cleared (null) on an existing one. */
function settingsBody(kind: ProviderKind, v: Values, editing: boolean) {
  const out: Record<string, unknown> = {};
  for (const f of kind.fields.filter((x) => !x.secret)) {
    const raw = v.settings[f.name];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === '' || value === undefined) {
      if (editing) out[f.name] = null;
    } else out[f.name] = value;
  }
  return out;
}

/** Add or edit a provider; the fields come from its kind (GET /kinds), secret ones are write-only. */
export function ProviderForm({ opened, config, onClose }: { opened: boolean; config: ProviderConfig | null; onClose: () => void }) {
  const { t } = useTranslation('messaging');
  const phone = useMediaQuery('(max-width: 48em)');
  const queryClient = useQueryClient();
  const kinds = useQuery(providerKindsQuery);
  const brands = useQuery(brandsQuery);
  const form = useForm<Values>({ initialValues: valuesFor(undefined, null) });
  const kindOf = (k: string) => kinds.data?.find((x) => x.kind === k);
  const kind = kindOf(form.values.kind);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the drawer opens on another provider
  useEffect(() => {
    if (opened && kinds.data) form.setValues(valuesFor(kindOf(config?.kind ?? FIRST_KIND), config));
    form.clearErrors();
  }, [opened, config?.id, config?.updatedAt, kinds.data]);

  const changeKind = (k: string | null) => {
    const next = kindOf(k ?? FIRST_KIND);
    if (!next) return;
    form.setValues({ ...valuesFor(next, null), name: form.values.name, brandId: form.values.brandId, cost: form.values.cost });
  };

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const k = kindOf(v.kind)!;
      const secrets = Object.fromEntries(Object.entries(v.secrets).filter(([, s]) => s.trim() !== ''));
      const common = {
        name: v.name.trim(),
        brandId: v.brandId === ORG ? null : v.brandId,
        settings: settingsBody(k, v, config !== null),
        ...(Object.keys(secrets).length ? { secrets } : {}),
        ratePerSecond: v.ratePerSecond === '' ? null : Number(v.ratePerSecond),
        costPerPart: Math.round(Number(v.cost || 0) * 100),
        enabled: v.enabled,
        isDefault: v.enabled && v.isDefault,
      };
      return config
        ? unwrap(api.PATCH('/api/v1/messaging/providers/{id}', { params: { path: { id: config.id } }, body: common }))
        : unwrap(api.POST('/api/v1/messaging/providers', { body: { kind: v.kind, channel: v.channel, ...common } }));
    },
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: providerKeys.all });
      notifySuccess(t('providers.form.saved'));
      onClose();
    },
    onError: (error) => showFormError(form, error),
  });

  // Every field of today's kinds has a label; a field added later shows its schema description.
  const label = (f: KindField) =>
    t(`providers.fields.${f.name as keyof typeof tr.providers.fields}`, { defaultValue: f.description ?? f.name });

  const input = (f: KindField) => {
    if (f.secret) {
      return (
        <PasswordInput
          key={f.name}
          label={label(f)}
          required={f.required && !config?.secretsSet.includes(f.name)}
          description={config?.secretsSet.includes(f.name) ? t('providers.form.secretStored') : undefined}
          autoComplete="new-password"
          {...form.getInputProps(`secrets.${f.name}`)}
        />
      );
    }
    const props = form.getInputProps(`settings.${f.name}`);
    if (f.type === 'boolean') {
      return <Switch key={f.name} label={label(f)} {...form.getInputProps(`settings.${f.name}`, { type: 'checkbox' })} />;
    }
    if (f.options) {
      return <Select key={f.name} label={label(f)} data={f.options} allowDeselect={false} required={f.required} {...props} />;
    }
    if (f.type === 'integer') {
      return (
        <NumberInput
          key={f.name}
          label={label(f)}
          min={f.minimum ?? undefined}
          max={f.maximum ?? undefined}
          allowDecimal={false}
          required={f.required}
          {...props}
        />
      );
    }
    return (
      <TextInput key={f.name} label={label(f)} maxLength={f.maxLength ?? undefined} required={f.required} autoComplete="off" {...props} />
    );
  };

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'md'}
      title={config ? t('providers.form.editTitle') : t('providers.form.newTitle')}
    >
      {kind && (
        <form onSubmit={form.onSubmit((v) => save.mutate(v))} data-testid="provider-form">
          <Stack>
            <Select
              label={t('providers.form.kind')}
              data={(kinds.data ?? []).map((k) => ({ value: k.kind, label: t(`providers.kinds.${k.kind}`) }))}
              allowDeselect={false}
              disabled={config !== null}
              value={form.values.kind}
              onChange={changeKind}
              error={form.errors.kind}
            />
            <Group grow>
              <Select
                label={t('providers.form.channel')}
                data={kind.channels.map((c) => ({ value: c, label: t(`providers.channels.${c}`) }))}
                allowDeselect={false}
                disabled={config !== null || kind.channels.length === 1}
                {...form.getInputProps('channel')}
              />
              <Select
                label={t('providers.form.brand')}
                data={[{ value: ORG, label: t('providers.wholeOrg') }, ...(brands.data ?? []).map((b) => ({ value: b.id, label: b.name }))]}
                allowDeselect={false}
                {...form.getInputProps('brandId')}
              />
            </Group>
            <TextInput label={t('providers.form.name')} required maxLength={100} {...form.getInputProps('name')} />
            {kind.fields.length > 0 && <Divider label={t('providers.form.settings')} labelPosition="left" />}
            {kind.fields.filter((f) => !f.advanced).map(input)}
            {kind.fields.some((f) => f.advanced) && (
              <Accordion variant="contained" chevronPosition="left">
                <Accordion.Item value="advanced">
                  <Accordion.Control>{t('providers.form.advanced')}</Accordion.Control>
                  <Accordion.Panel>
                    <Stack>{kind.fields.filter((f) => f.advanced).map(input)}</Stack>
                  </Accordion.Panel>
                </Accordion.Item>
              </Accordion>
            )}
            <Divider />
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <NumberInput
                label={t('providers.form.ratePerSecond')}
                description={t('providers.form.rateHint')}
                placeholder={t('providers.form.ratePlaceholder', { count: kind.defaultRatePerSecond })}
                min={1}
                max={100_000}
                allowDecimal={false}
                {...form.getInputProps('ratePerSecond')}
              />
              <NumberInput
                label={t('providers.form.costPerPart')}
                description={t('providers.form.costHint')}
                min={0}
                decimalScale={2}
                decimalSeparator=","
                {...form.getInputProps('cost')}
              />
            </SimpleGrid>
            <Switch label={t('providers.form.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
            <Switch
              label={t('providers.form.isDefault')}
              disabled={!form.values.enabled}
              {...form.getInputProps('isDefault', { type: 'checkbox' })}
            />
            {config?.webhookUrl && (
              <>
                <CopyField
                  label={t('providers.form.webhook')}
                  description={t('providers.form.webhookHint')}
                  value={config.webhookUrl}
                  testId="webhook-url"
                />
                {config.kind === 'whatsapp' && config.webhookToken && (
                  <CopyField label={t('providers.form.verifyToken')} value={config.webhookToken} testId="verify-token" />
                )}
              </>
            )}
            {config === null && kind.webhooks && (
              <Text size="sm" c="dimmed">
                {t('providers.form.webhookHint')}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('providers.form.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('providers.form.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Drawer>
  );
}
