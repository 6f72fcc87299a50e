import { Anchor, Button, Card, Group, Select, Stack, Switch } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { ConfirmModal } from '../../../app/ui/ConfirmModal';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { ListSkeleton } from '../../../app/ui/ResponsiveTable';
import { brandsQuery } from '../../access/queries';
import { AdvancedJson } from '../parts/AdvancedJson';
import { errorsUnder, setClearing, showErrors } from '../parts/form';
import { PromotionFields, promotionOfKind } from '../parts/PromotionFields';
import { keys, type Promotion, type PromotionRecord, promotionQuery } from '../queries';
import { TestBasketPanel } from './TestBasketPanel';

interface Values {
  definition: Promotion;
  active: boolean;
  brandId: string | null;
}

export function NewPromotionPage() {
  return <PromotionEditor record={null} />;
}

export function PromotionPage() {
  const { id = '' } = useParams();
  // A missing or foreign id throws to the route's error page (404).
  const promotion = useQuery({ ...promotionQuery(id), throwOnError: true });
  if (!promotion.data) return <ListSkeleton rows={8} />;
  return <PromotionEditor key={promotion.data.updatedAt} record={promotion.data} />;
}

/** A promotion's editor, with the "test this basket" panel running the draft as it stands. */
function PromotionEditor({ record }: { record: PromotionRecord | null }) {
  const { t } = useTranslation('loyalty');
  const { t: tApp } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const readOnly = !can('loyalty.manage');
  const brands = useQuery({ ...brandsQuery, enabled: can('stores.read') });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const form = useForm<Values>({
    initialValues: record
      ? { definition: record.definition, active: record.active, brandId: record.brandId }
      : { definition: promotionOfKind('percent_off'), active: true, brandId: null },
  });
  const values = form.getValues();

  const save = useMutation({
    mutationFn: (v: Values) =>
      record
        ? unwrap(api.PATCH('/api/v1/loyalty/promotions/{id}', { params: { path: { id: record.id } }, body: v }))
        : unwrap(api.POST('/api/v1/loyalty/promotions', { body: v })),
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: keys.promotions });
      notifySuccess(record ? t('promotion.saved') : t('promotion.created', { label: saved.definition.label }));
      if (!record) navigate(`/loyalty/promotions/${saved.id}`, { replace: true });
    },
    // The definition's id is its code, unique in the org.
    onError: (error) => showErrors(form, error, { code_exists: 'definition.id' }),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/loyalty/promotions/{id}', { params: { path: { id: record!.id } } })),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: keys.promotions });
      notifySuccess(t('promotion.deleted'));
      navigate('/loyalty/promotions', { replace: true });
    },
    onError: (error) => notifyError(error),
  });

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/loyalty/promotions" size="sm">
        <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> {t('promotions.back')}
      </Anchor>
      <PageHeader
        title={record ? record.definition.label : t('promotions.new')}
        actions={
          record &&
          !readOnly && (
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirmDelete(true)}>
              {tApp('actions.delete')}
            </Button>
          )
        }
      />
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Card withBorder padding="md">
            <Stack gap="md">
              <PromotionFields
                value={values.definition}
                onChange={(d) => setClearing(form, 'definition', d)}
                errors={errorsUnder(form.errors, 'definition')}
                codeLocked={record !== null}
              />
              <Group align="flex-end" gap="md">
                <Select
                  label={t('program.brand')}
                  placeholder={t('promotion.allBrands')}
                  data={(brands.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
                  clearable
                  w={260}
                  {...form.getInputProps('brandId')}
                />
                <Switch mb={8} label={t('status.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
              </Group>
              <AdvancedJson value={values.definition} onApply={(d) => form.setFieldValue('definition', d)} />
              {!readOnly && (
                <Group justify="flex-end">
                  <Button type="submit" size="md" loading={save.isPending}>
                    {record ? tApp('actions.save') : t('promotions.create')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        </fieldset>
      </form>
      <TestBasketPanel draft={values.definition} />
      <ConfirmModal
        opened={confirmDelete}
        title={t('promotion.deleteTitle')}
        message={t('promotion.deleteText', { label: record?.definition.label ?? '' })}
        confirmLabel={tApp('actions.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirmDelete(false)}
      />
    </Stack>
  );
}
