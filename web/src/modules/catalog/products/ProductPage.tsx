import {
  ActionIcon,
  Anchor,
  Autocomplete,
  Button,
  Card,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { changedFields } from '../../../app/api/changes';
import { api } from '../../../app/api/client';
import { isProblem, unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { useFormat } from '../../../app/i18n/format';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { ListSkeleton } from '../../../app/ui/ResponsiveTable';
import { brandsQuery, categoriesQuery, categoryText, keys, type Product, productQuery, supplierOptionsQuery } from '../queries';
import { formField, KNOWN_ATTRIBUTES, type ProductValues, toBody, toValues } from './product-values';

const CURRENCIES = ['TRY', 'EUR', 'USD', 'GBP'];

/** One product: its details to read, or to edit with `catalog.write`. */
export function ProductPage() {
  const { t } = useTranslation('catalog');
  const { id = '' } = useParams();
  const format = useFormat();
  // A missing or foreign id throws to the route's error page (404).
  const product = useQuery({ ...productQuery(id), throwOnError: true });
  if (!product.data) return <ListSkeleton rows={8} />;
  const p = product.data;
  return (
    <Stack gap="md">
      <BackLink />
      <PageHeader
        title={p.name}
        description={
          <>
            <Text span ff="monospace">
              {p.sku}
            </Text>
            {' · '}
            {t('product.updatedAt', { date: format.dateTime(p.updatedAt) })}
          </>
        }
      />
      {/* Keyed by the version, so a save restarts the form from the server's values. */}
      <ProductForm key={p.updatedAt} product={p} />
    </Stack>
  );
}

export function NewProductPage() {
  const { t } = useTranslation('catalog');
  return (
    <Stack gap="md">
      <BackLink />
      <PageHeader title={t('product.newTitle')} />
      <ProductForm product={null} />
    </Stack>
  );
}

function BackLink() {
  const { t } = useTranslation('catalog');
  return (
    <Anchor component={Link} to="/catalog/products" size="sm">
      <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> {t('product.back')}
    </Anchor>
  );
}

function ProductForm({ product }: { product: Product | null }) {
  const { t, i18n } = useTranslation('catalog');
  const { t: tApp } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const readOnly = !can('catalog.write');
  const categories = useQuery(categoriesQuery);
  const brands = useQuery(brandsQuery);
  const suppliers = useQuery(supplierOptionsQuery);
  const initial = useMemo(() => toValues(product), [product]);
  const form = useForm<ProductValues>({
    initialValues: initial,
    validate: {
      sku: (v) => (v.trim() ? null : tApp('validation.required')),
      name: (v) => (v.trim() ? null : tApp('validation.required')),
    },
  });

  const showError = (error: unknown) => {
    if (!isProblem(error)) return notifyError(error);
    const errors: Record<string, string> = {};
    for (const e of error.errors) {
      const field = formField(e.field);
      if (field) errors[field] = e.detail;
    }
    if (error.code === 'sku_taken') errors.sku = t('product.skuTaken');
    if (error.code === 'barcode_in_use') errors.barcodes = error.detail;
    form.setErrors(errors);
    if (Object.keys(errors).length === 0) notifyError(error);
  };

  const save = useMutation({
    mutationFn: async (values: ProductValues) => {
      const body = toBody(values);
      if (!product) {
        // The API upserts by SKU; a new product must not silently overwrite an existing one.
        const existing = await api.GET('/api/v1/catalog/products/by-code/{code}', { params: { path: { code: body.sku } } });
        if (existing.data?.sku === body.sku) throw new SkuTaken();
        return unwrap(api.POST('/api/v1/catalog/products', { body }));
      }
      const changes = changedFields(body, toBody(initial));
      if (Object.keys(changes).length === 0) return null;
      return unwrap(api.PATCH('/api/v1/catalog/products/{id}', { params: { path: { id: product.id } }, body: changes }));
    },
    onSuccess: (saved) => {
      if (!saved) return notifySuccess(t('product.noChanges'));
      queryClient.setQueryData(keys.product(saved.id), saved);
      queryClient.invalidateQueries({ queryKey: keys.products });
      queryClient.invalidateQueries({ queryKey: keys.categories });
      queryClient.invalidateQueries({ queryKey: keys.brands });
      if (product) notifySuccess(t('product.saved'));
      else {
        notifySuccess(t('product.created', { sku: saved.sku }));
        navigate(`/catalog/products/${saved.id}`, { replace: true });
      }
    },
    onError: (error) => (error instanceof SkuTaken ? form.setErrors({ sku: t('product.skuTaken') }) : showError(error)),
  });

  const categoryOptions = useMemo(() => (categories.data ?? []).map((c) => categoryText(c.path)), [categories.data]);
  const decimal = i18n.language === 'tr' ? ',' : '.';
  return (
    <Card withBorder padding="md">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} aria-label={t('product.details')}>
        <Fieldset disabled={readOnly} variant="unstyled">
          <Stack gap="lg">
            {readOnly && (
              <Text size="sm" c="dimmed">
                {t('product.readOnly')}
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('fields.sku')} required {...form.getInputProps('sku')} />
              <TextInput label={t('fields.name')} required {...form.getInputProps('name')} />
              <Autocomplete
                label={t('fields.category')}
                placeholder={t('product.categoryPlaceholder')}
                description={t('product.categoryHint')}
                data={categoryOptions}
                limit={20}
                {...form.getInputProps('category')}
              />
              <Autocomplete label={t('fields.brand')} data={(brands.data ?? []).map((b) => b.brand)} {...form.getInputProps('brand')} />
              <Select
                label={t('fields.supplier')}
                placeholder={t('product.noSupplier')}
                searchable
                clearable
                data={(suppliers.data ?? []).map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
                {...form.getInputProps('supplierId')}
              />
              <TagsInput
                label={t('fields.barcodes')}
                description={t('product.barcodesHint')}
                inputMode="numeric"
                splitChars={[',', ';', ' ']}
                clearable
                {...form.getInputProps('barcodes')}
              />
              <Group gap="xs" wrap="nowrap" align="flex-end">
                <NumberInput
                  label={t('fields.listPrice')}
                  description={t('product.priceHint')}
                  min={0}
                  decimalScale={2}
                  fixedDecimalScale
                  decimalSeparator={decimal}
                  thousandSeparator={decimal === ',' ? '.' : ','}
                  hideControls
                  style={{ flex: 1 }}
                  {...form.getInputProps('listPrice')}
                />
                <Select label={t('fields.currency')} data={CURRENCIES} allowDeselect={false} w={100} {...form.getInputProps('currency')} />
              </Group>
              <Switch label={t('fields.active')} mt="lg" {...form.getInputProps('active', { type: 'checkbox' })} />
            </SimpleGrid>

            <Stack gap="xs">
              <Title order={4}>{t('fields.attributes')}</Title>
              <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm">
                {KNOWN_ATTRIBUTES.map((k) => (
                  <TextInput key={k} label={t(`fields.${k}`)} {...form.getInputProps(k)} />
                ))}
              </SimpleGrid>
              <Text size="sm" fw={500} mt="xs">
                {t('product.otherAttributes')}
              </Text>
              {form.values.extra.map((_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no identity but their position
                <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
                  <TextInput
                    aria-label={t('product.attributeName')}
                    placeholder={t('product.attributeName')}
                    style={{ flex: 1 }}
                    {...form.getInputProps(`extra.${i}.key`)}
                  />
                  <TextInput
                    aria-label={t('product.attributeValue')}
                    placeholder={t('product.attributeValue')}
                    style={{ flex: 1 }}
                    {...form.getInputProps(`extra.${i}.value`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('product.removeAttribute')}
                    onClick={() => form.removeListItem('extra', i)}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Group>
              ))}
              {form.errors.extra && (
                <Text size="sm" c="red">
                  {form.errors.extra}
                </Text>
              )}
              {!readOnly && (
                <Group>
                  <Button
                    variant="subtle"
                    size="xs"
                    leftSection={<IconPlus size={14} />}
                    onClick={() => form.insertListItem('extra', { key: '', value: '' })}
                  >
                    {t('product.addAttribute')}
                  </Button>
                </Group>
              )}
            </Stack>

            {!readOnly && (
              <Group justify="flex-end">
                <Button type="submit" loading={save.isPending}>
                  {tApp('actions.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>
      </form>
    </Card>
  );
}

class SkuTaken extends Error {}
