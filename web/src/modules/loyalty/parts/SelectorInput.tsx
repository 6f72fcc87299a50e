import { Anchor, Collapse, Fieldset, Stack, TagsInput, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/auth/session';
import { brandsQuery, categoriesQuery, categoryParts, categoryText } from '../../catalog/queries';
import type { LineSelector } from '../queries';
import { errorAt, setOrDrop } from './form';

type Lists = Omit<LineSelector, 'exclude'>;

/** Category paths, brands and SKUs for the pickers (from the catalog, when the user may read it). */
export function useCatalogOptions() {
  const { can } = useSession();
  const enabled = can('catalog.read');
  const categories = useQuery({ ...categoriesQuery, enabled });
  const brands = useQuery({ ...brandsQuery, enabled });
  return useMemo(
    () => ({
      categories: (categories.data ?? []).map((c) => categoryText(c.path)),
      brands: (brands.data ?? []).map((b) => b.brand),
    }),
    [categories.data, brands.data],
  );
}

function ListsInput({
  value,
  onChange,
  errors,
  prefix,
}: {
  value: Lists;
  onChange: (v: Lists) => void;
  errors: Record<string, string>;
  prefix: string;
}) {
  const { t } = useTranslation('loyalty');
  const options = useCatalogOptions();
  const at = (key: string) => errorAt(errors, prefix ? `${prefix}.${key}` : key);
  return (
    <>
      <TagsInput
        label={t('selector.categories')}
        placeholder={t('selector.categoriesPlaceholder')}
        data={options.categories}
        value={(value.categories ?? []).map(categoryText)}
        onChange={(v) =>
          onChange(
            setOrDrop(
              value,
              'categories',
              v.map(categoryParts).filter((p) => p.length > 0),
            ),
          )
        }
        error={at('categories')}
        clearable
      />
      <TagsInput
        label={t('selector.brands')}
        placeholder={t('selector.brandsPlaceholder')}
        data={options.brands}
        value={value.brands ?? []}
        onChange={(v) => onChange(setOrDrop(value, 'brands', v))}
        error={at('brands')}
        clearable
      />
      <TagsInput
        label={t('selector.skus')}
        placeholder={t('selector.skusPlaceholder')}
        value={value.skus ?? []}
        onChange={(v) => onChange(setOrDrop(value, 'skus', v))}
        splitChars={[',', ' ', ';']}
        error={at('skus')}
        clearable
      />
    </>
  );
}

/**
 * Which lines a rule is about: categories (path prefixes), brands and SKUs. Within a list any entry
 * matches; across lists all must match; nothing chosen matches every line. Exclusions on request.
 */
export function SelectorInput({
  value,
  onChange,
  label,
  description,
  errors = {},
}: {
  value: LineSelector | undefined;
  onChange: (v: LineSelector) => void;
  label: string;
  description?: string;
  errors?: Record<string, string>;
}) {
  const { t } = useTranslation('loyalty');
  const v = value ?? {};
  const { exclude, ...lists } = v;
  const [showExclude, setShowExclude] = useState(Boolean(exclude));
  const empty = !lists.categories && !lists.brands && !lists.skus;
  return (
    <Fieldset legend={label} variant="filled" p="sm">
      <Stack gap="xs">
        {description && (
          <Text size="xs" c="dimmed">
            {description}
          </Text>
        )}
        <ListsInput
          value={lists}
          onChange={(next) => onChange(setOrDrop(next as LineSelector, 'exclude', exclude))}
          errors={errors}
          prefix=""
        />
        {empty && (
          <Text size="xs" c="dimmed">
            {t('selector.everything')}
          </Text>
        )}
        <Anchor component="button" type="button" size="sm" onClick={() => setShowExclude((s) => !s)} style={{ alignSelf: 'flex-start' }}>
          {showExclude ? t('selector.hideExclude') : t('selector.showExclude')}
        </Anchor>
        {/* Mounted only when open: hidden inputs would share the labels of the ones above. */}
        <Collapse expanded={showExclude}>
          {showExclude && (
            <Stack gap="xs" pl="sm" style={{ borderLeft: '2px solid var(--mantine-color-red-3)' }}>
              <Text size="sm" fw={500}>
                {t('selector.exclude')}
              </Text>
              <ListsInput
                value={exclude ?? {}}
                onChange={(next) => onChange(setOrDrop(v, 'exclude', next))}
                errors={errors}
                prefix="exclude"
              />
            </Stack>
          )}
        </Collapse>
        {errors[''] && (
          <Text size="xs" c="red">
            {errors['']}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}

/** "Ev Tekstili > Nevresim, Pınar, 2 SKU": a selector in a few words, for lists. */
export function selectorSummary(s: LineSelector | undefined, everything: string): string {
  if (!s) return everything;
  const parts = [...(s.categories ?? []).map(categoryText), ...(s.brands ?? []), ...(s.skus ?? [])];
  return parts.length ? parts.join(', ') : everything;
}
