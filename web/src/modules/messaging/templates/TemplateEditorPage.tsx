import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Select,
  Stack,
  Switch,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { isProblem, unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { ConfirmModal } from '../../../app/ui/ConfirmModal';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { ListSkeleton } from '../../../app/ui/ResponsiveTable';
import { brandsQuery } from '../../access/queries';
import { contentOf, initialValues, type LangValues, toBody, type Values } from './form-values';
import { PreviewPanel } from './PreviewPanel';
import { CHANNELS, type Channel, keys, PURPOSES, type Template, templateQuery, variablesQuery } from './queries';
import { SmsCounter } from './SmsCounter';
import { VariablePalette } from './VariablePalette';

export function NewTemplatePage() {
  return <TemplateEditor record={null} />;
}

export function TemplatePage() {
  const { id = '' } = useParams();
  // A missing or foreign id throws to the route's error page (404).
  const template = useQuery({ ...templateQuery(id), throwOnError: true });
  if (!template.data) return <ListSkeleton rows={8} />;
  return <TemplateEditor key={template.data.updatedAt} record={template.data} />;
}

type Lang = 'tr' | 'en';
type Field = HTMLTextAreaElement | HTMLInputElement;

/** Whether a language's content has what the channel needs before a preview makes sense. */
function complete(channel: Channel, v: LangValues) {
  if (!v.text.trim()) return false;
  if (channel === 'email') return Boolean(v.subject.trim());
  if (channel === 'whatsapp') return Boolean(v.templateName.trim() && v.language.trim());
  return true;
}

function TemplateEditor({ record }: { record: Template | null }) {
  const { t, i18n } = useTranslation('messaging');
  const { t: tApp } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const readOnly = !can('messaging.manage') || record?.status === 'archived';
  const brands = useQuery({ ...brandsQuery, enabled: can('stores.read') });
  const variables = useQuery(variablesQuery(i18n.language));
  const [lang, setLang] = useState<Lang>('tr');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const form = useForm<Values>({ mode: 'controlled', initialValues: initialValues(record) });
  const values = form.getValues();
  // The field the palette inserts into: the last one focused, its caret kept by the element.
  const target = useRef<{ path: string; el: Field } | null>(null);

  const save = useMutation({
    mutationFn: (v: Values) =>
      record
        ? unwrap(api.PUT('/api/v1/messaging/templates/{id}', { params: { path: { id: record.id } }, body: toBody(v) }))
        : unwrap(api.POST('/api/v1/messaging/templates', { body: toBody(v) })),
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: keys.all });
      notifySuccess(record ? t('templates.saved') : t('templates.created', { name: saved.name }));
      if (!record) navigate(`/messaging/templates/${saved.id}`, { replace: true });
    },
    onError: (error) => {
      // The server names the field (`/content/en/text`): show its language tab first.
      if (isProblem(error) && error.errors.some((e) => e.field.startsWith('/content/en'))) setLang('en');
      else if (isProblem(error) && error.errors.some((e) => e.field.startsWith('/content/tr'))) setLang('tr');
      showFormError(form, error, { template_name_taken: 'name' });
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/messaging/templates/{id}', { params: { path: { id: record!.id } } })),
    onSuccess: ({ result }) => {
      queryClient.invalidateQueries({ queryKey: keys.all });
      notifySuccess(result === 'archived' ? t('templates.archivedDone') : t('templates.deleted'));
      navigate('/messaging/templates', { replace: true });
    },
    onError: (error) => notifyError(error),
  });

  const insert = (snippet: string) => {
    const at = target.current ?? { path: `content.${lang}.text`, el: null };
    const current = String(at.path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], values) ?? '');
    const start = at.el?.selectionStart ?? current.length;
    const end = at.el?.selectionEnd ?? current.length;
    form.setFieldValue(at.path, current.slice(0, start) + snippet + current.slice(end));
    const el = at.el;
    if (el)
      requestAnimationFrame(() => {
        el.focus();
        el.setSelectionRange(start + snippet.length, start + snippet.length);
      });
  };

  /** Props of an expression input: the form binding plus "remember me as the palette's target". */
  const expression = (path: string) => ({
    ...form.getInputProps(path),
    onFocus: (e: React.FocusEvent<Field>) => {
      target.current = { path, el: e.currentTarget };
    },
  });

  const langFields = (l: Lang) => {
    const v = values.content[l];
    const at = `content.${l}`;
    const channel = values.channel;
    return (
      <Stack gap="sm">
        {channel === 'email' && <TextInput label={t('templates.fields.subject')} {...expression(`${at}.subject`)} />}
        {channel === 'whatsapp' && (
          <Group grow align="flex-start">
            <TextInput
              label={t('templates.fields.templateName')}
              placeholder="kampanya_bahar"
              {...form.getInputProps(`${at}.templateName`)}
            />
            <TextInput label={t('templates.fields.language')} placeholder="tr" {...form.getInputProps(`${at}.language`)} />
          </Group>
        )}
        <div>
          <Textarea
            label={t(
              channel === 'email'
                ? 'templates.fields.emailText'
                : channel === 'whatsapp'
                  ? 'templates.fields.fallback'
                  : 'templates.fields.text',
            )}
            autosize
            minRows={channel === 'sms' ? 4 : 6}
            maxRows={16}
            data-testid={`text-${l}`}
            {...expression(`${at}.text`)}
          />
          {channel === 'sms' && <SmsCounter text={v.text} turkishShift={variables.data?.sms.turkishShift ?? false} />}
        </div>
        {channel === 'email' && (
          <Textarea
            label={t('templates.fields.html')}
            autosize
            minRows={4}
            maxRows={16}
            styles={{ input: { fontFamily: 'monospace' } }}
            {...expression(`${at}.html`)}
          />
        )}
        {channel === 'whatsapp' && (
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('templates.fields.parameters')}
            </Text>
            {v.parameters.map((_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a WhatsApp parameter is its position ({{1}}, {{2}} …)
              <Group key={`${l}-${i}`} gap={6} wrap="nowrap">
                <TextInput
                  style={{ flex: 1 }}
                  aria-label={t('templates.fields.parameter', { n: i + 1 })}
                  leftSection={<Text size="xs">{`{{${i + 1}}}`}</Text>}
                  leftSectionWidth={44}
                  {...expression(`${at}.parameters.${i}`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('templates.fields.removeParameter', { n: i + 1 })}
                  onClick={() => form.removeListItem(`${at}.parameters`, i)}
                >
                  <IconX size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconPlus size={14} />}
              style={{ alignSelf: 'flex-start' }}
              onClick={() => form.insertListItem(`${at}.parameters`, '')}
            >
              {t('templates.fields.addParameter')}
            </Button>
          </Stack>
        )}
      </Stack>
    );
  };

  const ready = complete(values.channel, values.content.tr);
  const draft = {
    channel: values.channel,
    brandId: values.brandId,
    content: { tr: contentOf(values.channel, values.content.tr), en: values.english ? contentOf(values.channel, values.content.en) : null },
  } as Parameters<typeof PreviewPanel>[0]['draft'];

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/messaging/templates" size="sm">
        <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> {t('templates.back')}
      </Anchor>
      <PageHeader
        title={record ? record.name : t('templates.new')}
        actions={
          record &&
          can('messaging.manage') &&
          record.status === 'active' && (
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirmDelete(true)}>
              {tApp('actions.delete')}
            </Button>
          )
        }
      />
      {record?.status === 'archived' && <Alert color="gray">{t('templates.archivedNote')}</Alert>}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
            <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
              <Card withBorder padding="md">
                <Stack gap="md">
                  <Tabs value={values.channel} onChange={(c) => c && form.setFieldValue('channel', c as Channel)}>
                    <Tabs.List>
                      {CHANNELS.map((c) => (
                        <Tabs.Tab key={c} value={c} disabled={record !== null && c !== record.channel}>
                          {t(`templates.channels.${c}`)}
                        </Tabs.Tab>
                      ))}
                    </Tabs.List>
                  </Tabs>
                  <TextInput label={t('templates.fields.name')} withAsterisk {...form.getInputProps('name')} />
                  <Group grow align="flex-start" wrap="wrap">
                    <Select
                      label={t('templates.fields.purpose')}
                      allowDeselect={false}
                      data={PURPOSES.map((p) => ({ value: p, label: t(`templates.purposes.${p}`) }))}
                      {...form.getInputProps('purpose')}
                    />
                    {(brands.data?.length ?? 0) > 0 && (
                      <Select
                        label={t('templates.fields.brand')}
                        placeholder={t('templates.fields.allBrands')}
                        clearable
                        data={(brands.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
                        {...form.getInputProps('brandId')}
                      />
                    )}
                  </Group>
                  <Switch
                    label={t('templates.fields.english')}
                    description={t('templates.fields.englishHint')}
                    {...form.getInputProps('english', { type: 'checkbox' })}
                  />
                  {variables.data && !readOnly && (
                    <VariablePalette variables={variables.data.items} email={values.channel === 'email'} onInsert={insert} />
                  )}
                  <Tabs value={lang} onChange={(l) => l && setLang(l as Lang)}>
                    <Tabs.List>
                      <Tabs.Tab value="tr">{t('templates.languages.tr')}</Tabs.Tab>
                      <Tabs.Tab value="en" disabled={!values.english}>
                        {t('templates.languages.en')}
                      </Tabs.Tab>
                    </Tabs.List>
                    <Tabs.Panel value="tr" pt="sm">
                      {langFields('tr')}
                    </Tabs.Panel>
                    <Tabs.Panel value="en" pt="sm">
                      {values.english && langFields('en')}
                    </Tabs.Panel>
                  </Tabs>
                  {!readOnly && (
                    <Group justify="flex-end">
                      <Button type="submit" size="md" loading={save.isPending}>
                        {record ? tApp('actions.save') : t('templates.create')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Card>
            </fieldset>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <PreviewPanel draft={draft} ready={ready} />
        </Grid.Col>
      </Grid>
      <ConfirmModal
        opened={confirmDelete}
        title={t('templates.deleteTitle')}
        message={t('templates.deleteText', { name: record?.name ?? '' })}
        confirmLabel={tApp('actions.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirmDelete(false)}
      />
    </Stack>
  );
}
