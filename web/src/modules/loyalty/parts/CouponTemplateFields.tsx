import { Fieldset, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CouponTemplate, Promotion } from '../queries';
import { errorAt, errorsUnder, setOrDrop } from './form';
import { IntInput, MoneyInput } from './inputs';
import { PromotionFields, promotionOfKind } from './PromotionFields';

/** A coupon issued later (a stamp card's reward, a receipt-bottom coupon): its effect and validity. */
export const newCouponTemplate = (): CouponTemplate => ({
  validity: { startsInDays: 0, days: 30 },
  effect: { ...promotionOfKind('percent_off'), priority: 0 } as Promotion,
});

export function CouponTemplateFields({
  value,
  onChange,
  errors = {},
  legend,
}: {
  value: CouponTemplate;
  onChange: (v: CouponTemplate) => void;
  errors?: Record<string, string>;
  legend: string;
}) {
  const { t } = useTranslation('loyalty');
  const err = (key: string) => errorAt(errors, key);
  return (
    <Fieldset legend={legend} variant="filled" p="sm">
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t('template.hint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <IntInput
            label={t('template.startsInDays')}
            description={t('template.startsInDaysHint')}
            min={0}
            value={value.validity.startsInDays}
            onChange={(v) => onChange({ ...value, validity: { ...value.validity, startsInDays: v ?? 0 } })}
            error={err('validity.startsInDays')}
          />
          <IntInput
            label={t('template.days')}
            min={1}
            value={value.validity.days}
            onChange={(v) => onChange({ ...value, validity: { ...value.validity, days: v ?? 1 } })}
            error={err('validity.days')}
          />
          <MoneyInput
            label={t('template.minimumBasket')}
            value={value.minimumBasket}
            onChange={(v) => onChange(setOrDrop(value, 'minimumBasket', v))}
            error={err('minimumBasket')}
          />
        </SimpleGrid>
        <PromotionFields
          value={value.effect}
          onChange={(effect) => onChange({ ...value, effect })}
          errors={errorsUnder(errors, 'effect')}
          asEffect
        />
      </Stack>
    </Fieldset>
  );
}
