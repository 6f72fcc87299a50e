import { Fieldset, SimpleGrid, Stack, Switch, TagsInput, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/auth/session';
import { allStoresQuery } from '../../access/queries';
import { CHANNELS, type Conditions, programsQuery } from '../queries';
import { errorAt, setOrDrop } from './form';
import { HoursInput, LocalDateInput, MoneyInput, WeekdayInput } from './inputs';

/** The tier codes of the org's programs and the store codes, for the pickers. */
export function useRuleOptions() {
  const { can } = useSession();
  const programs = useQuery({ ...programsQuery, enabled: can('loyalty.read') });
  const stores = useQuery({ ...allStoresQuery, enabled: can('stores.read') });
  return useMemo(
    () => ({
      tiers: [...new Set((programs.data ?? []).flatMap((p) => p.tiers?.tiers.map((tier) => tier.code) ?? []))],
      stores: (stores.data ?? []).map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` })),
    }),
    [programs.data, stores.data],
  );
}

/**
 * The conditions a promotion (or a receipt-bottom coupon rule) may carry; all given must hold.
 * Nothing set is `undefined`: the rule always applies.
 */
export function ConditionsFields({
  value,
  onChange,
  errors = {},
  withCoupon = true,
}: {
  value: Conditions | undefined;
  onChange: (v: Conditions | undefined) => void;
  errors?: Record<string, string>;
  /** Receipt-bottom rules cannot require a coupon code. */
  withCoupon?: boolean;
}) {
  const { t } = useTranslation('loyalty');
  const options = useRuleOptions();
  const v = value ?? {};
  const set = <K extends keyof Conditions>(key: K, next: Conditions[K] | undefined) => {
    const out = setOrDrop(v, key, next);
    onChange(Object.keys(out).length ? out : undefined);
  };
  const at = (key: string) => errorAt(errors, key);
  const storeData = useMemo(() => {
    // Codes already chosen stay listed even when the store list is not readable.
    const known = new Set(options.stores.map((s) => s.value));
    return [...options.stores.map((s) => s.value), ...(v.storeCodes ?? []).filter((c) => !known.has(c))];
  }, [options.stores, v.storeCodes]);

  return (
    <Fieldset legend={t('conditions.title')} variant="filled" p="sm">
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t('conditions.hint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <LocalDateInput
            label={t('conditions.validFrom')}
            value={v.validFrom}
            onChange={(d) => set('validFrom', d)}
            error={at('validFrom')}
          />
          <LocalDateInput
            label={t('conditions.validUntil')}
            description={t('conditions.validUntilHint')}
            value={v.validUntil}
            onChange={(d) => set('validUntil', d)}
            error={at('validUntil')}
          />
        </SimpleGrid>
        <WeekdayInput label={t('conditions.weekdays')} value={v.weekdays} onChange={(d) => set('weekdays', d)} error={at('weekdays')} />
        <HoursInput label={t('conditions.hours')} value={v.hours} onChange={(h) => set('hours', h)} error={at('hours')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TagsInput
            label={t('conditions.tiers')}
            placeholder={t('conditions.anyTier')}
            data={options.tiers}
            value={v.tiers ?? []}
            onChange={(x) => set('tiers', x)}
            error={at('tiers')}
          />
          <TagsInput
            label={t('conditions.tags')}
            placeholder={t('conditions.anyTag')}
            value={v.tags ?? []}
            onChange={(x) => set('tags', x)}
            error={at('tags')}
          />
          <TagsInput
            label={t('conditions.stores')}
            placeholder={t('conditions.anyStore')}
            data={storeData}
            value={v.storeCodes ?? []}
            onChange={(x) => set('storeCodes', x)}
            error={at('storeCodes')}
          />
          <TagsInput
            label={t('conditions.channels')}
            placeholder={t('conditions.anyChannel')}
            data={CHANNELS}
            value={v.channels ?? []}
            onChange={(x) => set('channels', x)}
            error={at('channels')}
          />
          <TagsInput
            label={t('conditions.segments')}
            placeholder={t('conditions.anySegment')}
            value={v.segments ?? []}
            onChange={(x) => set('segments', x)}
            error={at('segments')}
          />
          <MoneyInput
            label={t('conditions.minimumBasket')}
            value={v.minimumBasket}
            onChange={(x) => set('minimumBasket', x)}
            error={at('minimumBasket')}
          />
        </SimpleGrid>
        {withCoupon && (
          <TagsInput
            label={t('conditions.couponCodes')}
            description={t('conditions.couponCodesHint')}
            value={v.couponCodes ?? []}
            onChange={(x) => set('couponCodes', x)}
            error={at('couponCodes')}
          />
        )}
        <Switch
          label={t('conditions.requiresCustomer')}
          checked={v.requiresCustomer ?? false}
          onChange={(e) => set('requiresCustomer', e.currentTarget.checked || undefined)}
        />
        {errors[''] && (
          <Text size="xs" c="red">
            {errors['']}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}
