import { Button, Divider, Drawer, Group, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { changedFields } from '../../../app/api/changes';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import type { RequestBody, Schema } from '../../../app/api/types';
import { notifySuccess } from '../../../app/ui/notify';
import { brandsQuery, keys } from '../queries';
import { OpeningHoursInput } from './OpeningHoursInput';
import { defaultWeek, rangeErrors, toWeek, type WeekHours } from './opening-hours';

type Store = Schema<'Store'>;

// Hints below their inputs, so inputs side by side line up whether or not they have one.
const HINT_BELOW: ('label' | 'input' | 'description' | 'error')[] = ['label', 'input', 'description', 'error'];
type StoreBody = RequestBody<'/api/v1/stores', 'post'>;

interface Values {
  code: string;
  name: string;
  brandId: string | null;
  city: string;
  district: string;
  address: string;
  phone: string;
  /** Off: the store's hours are unknown (null), not "closed every day". */
  hasHours: boolean;
  openingHours: WeekHours;
  active: boolean;
}

const valuesOf = (store: Store | null): Values => ({
  code: store?.code ?? '',
  name: store?.name ?? '',
  brandId: store?.brandId ?? null,
  city: store?.city ?? '',
  district: store?.district ?? '',
  address: store?.address ?? '',
  phone: store?.phone ?? '',
  hasHours: Boolean(store?.openingHours),
  openingHours: store?.openingHours ? toWeek(store.openingHours) : defaultWeek(),
  active: store?.active ?? true,
});

/** The API's body: empty text is "not set" (null), not an empty string the API would refuse. */
const bodyOf = ({ hasHours, openingHours, ...v }: Values): StoreBody => ({
  code: v.code,
  name: v.name,
  brandId: v.brandId,
  city: v.city.trim() || null,
  district: v.district.trim() || null,
  address: v.address.trim() || null,
  phone: v.phone.trim() || null,
  openingHours: hasHours ? openingHours : null,
  active: v.active,
});

interface Props {
  /** The store to edit; none to create one. */
  store: Store | null;
  opened: boolean;
  onClose: () => void;
}

export function StoreFormDrawer({ store, opened, onClose }: Props) {
  const { t } = useTranslation('access');
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'lg'}
      title={<Text fw={600}>{store ? t('stores.edit') : t('stores.create')}</Text>}
    >
      {opened && <StoreForm key={store?.id ?? 'new'} store={store} onDone={onClose} />}
    </Drawer>
  );
}

function StoreForm({ store, onDone }: { store: Store | null; onDone: () => void }) {
  const { t } = useTranslation('access');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const brands = useQuery(brandsQuery);
  const form = useForm<Values>({
    initialValues: valuesOf(store),
    validate: (values) => ({
      ...(values.code.trim() ? {} : { code: tApp('validation.required') }),
      ...(values.name.trim() ? {} : { name: tApp('validation.required') }),
      ...(values.hasHours ? rangeErrors(values.openingHours, t('stores.hours.rangeOrder')) : {}),
    }),
  });

  const save = useMutation({
    mutationFn: (values: Values) => {
      if (!store) return unwrap(api.POST('/api/v1/stores', { body: bodyOf(values) }));
      const body = changedFields(bodyOf(values), bodyOf(form.getInitialValues()));
      return unwrap(api.PATCH('/api/v1/stores/{id}', { params: { path: { id: store.id } }, body }));
    },
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: keys.stores });
      notifySuccess(t(store ? 'stores.saved' : 'stores.created', { name: saved.name }));
      onDone();
    },
    onError: (error) => showFormError(form, error, { store_code_taken: 'code', unknown_brand: 'brandId' }),
  });

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('stores.code')}
            description={t('stores.codeHint')}
            inputWrapperOrder={HINT_BELOW}
            withAsterisk
            {...form.getInputProps('code')}
          />
          <TextInput label={t('stores.name')} withAsterisk {...form.getInputProps('name')} />
          <Select
            label={t('stores.brand')}
            placeholder={t('stores.noBrand')}
            clearable
            data={(brands.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            {...form.getInputProps('brandId')}
          />
          <TextInput
            label={t('stores.phone')}
            description={t('stores.phoneHint')}
            inputWrapperOrder={HINT_BELOW}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            {...form.getInputProps('phone')}
          />
          <TextInput label={t('stores.city')} {...form.getInputProps('city')} />
          <TextInput label={t('stores.district')} {...form.getInputProps('district')} />
        </SimpleGrid>
        <Textarea label={t('stores.address')} autosize minRows={2} {...form.getInputProps('address')} />
        <Switch label={t('stores.activeLabel')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <Divider label={t('stores.hours.title')} labelPosition="left" />
        <Switch label={t('stores.hours.known')} {...form.getInputProps('hasHours', { type: 'checkbox' })} />
        {form.values.hasHours && <OpeningHoursInput form={form} week={form.values.openingHours} />}
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onDone}>
            {tApp('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {tApp('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
