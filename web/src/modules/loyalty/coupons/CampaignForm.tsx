import { Button, Drawer, Fieldset, Group, SegmentedControl, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { notifySuccess } from '../../../app/ui/notify';
import { errorAt, errorsUnder, setClearing, setOrDrop, showErrors } from '../parts/form';
import { IntInput, LocalDateInput, MoneyInput } from '../parts/inputs';
import { PromotionFields, promotionOfKind } from '../parts/PromotionFields';
import { type Campaign, type CampaignTerms, keys, type NewCampaign, type Promotion } from '../queries';

type Kind = Campaign['kind'];
const KINDS: Kind[] = ['unique', 'shared', 'personal'];

interface Values {
  name: string;
  kind: Kind;
  active: boolean;
  terms: CampaignTerms;
  codeFormat: { length: number; prefix?: string } | null;
  reinstateOnRefund: boolean;
  code: string;
}

const NEW_VALUES: Values = {
  name: '',
  kind: 'unique',
  active: true,
  terms: {
    effect: {
      ...promotionOfKind('basket_threshold'),
      steps: [{ threshold: 50_000, reward: { type: 'amount_off', amount: 5_000 } }],
    } as Promotion,
  },
  codeFormat: { length: 8 },
  reinstateOnRefund: false,
  code: '',
};

interface Props {
  campaign: Campaign | null;
  opened: boolean;
  onClose: () => void;
}

/** Create a coupon campaign (unique, shared or personal codes) or change one's terms. */
export function CampaignDrawer({ campaign, opened, onClose }: Props) {
  const { t } = useTranslation('loyalty');
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'xl'}
      title={<Text fw={600}>{campaign ? t('campaigns.edit') : t('campaigns.new')}</Text>}
    >
      {opened && <CampaignForm key={campaign?.id ?? 'new'} campaign={campaign} onDone={onClose} />}
    </Drawer>
  );
}

function CampaignForm({ campaign, onDone }: { campaign: Campaign | null; onDone: () => void }) {
  const { t } = useTranslation('loyalty');
  const { t: tApp } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: campaign
      ? {
          name: campaign.name,
          kind: campaign.kind,
          active: campaign.active,
          terms: campaign.terms,
          codeFormat: campaign.codeFormat,
          reinstateOnRefund: campaign.reinstateOnRefund,
          code: campaign.sharedCode ?? '',
        }
      : NEW_VALUES,
    validate: {
      name: (v) => (v.trim() ? null : tApp('validation.required')),
      code: (v, all) => (!campaign && all.kind === 'shared' && !v.trim() ? tApp('validation.required') : null),
    },
  });
  const v = form.getValues();
  const terms = v.terms;
  const errs = errorsUnder(form.errors, 'terms');
  const setTerms = (next: CampaignTerms) => setClearing(form, 'terms', next);

  const save = useMutation({
    mutationFn: (values: Values) => {
      const codeFormat = values.kind === 'unique' ? values.codeFormat : null;
      if (campaign) {
        return unwrap(
          api.PATCH('/api/v1/loyalty/coupon-campaigns/{id}', {
            params: { path: { id: campaign.id } },
            body: {
              name: values.name,
              active: values.active,
              terms: values.terms,
              codeFormat,
              reinstateOnRefund: values.reinstateOnRefund,
            },
          }),
        );
      }
      const body: NewCampaign = {
        name: values.name,
        kind: values.kind,
        active: values.active,
        terms: values.kind === 'shared' ? values.terms : setOrDrop(values.terms, 'usageLimit', undefined),
        codeFormat,
        reinstateOnRefund: values.reinstateOnRefund,
        ...(values.kind === 'shared' ? { code: values.code.trim() } : {}),
      };
      return unwrap(api.POST('/api/v1/loyalty/coupon-campaigns', { body }));
    },
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: keys.campaigns });
      notifySuccess(campaign ? t('campaigns.saved') : t('campaigns.created', { name: saved.name }));
      onDone();
      if (!campaign) navigate(`/loyalty/coupons/${saved.id}`);
    },
    onError: (error) => showErrors(form, error, { code_exists: 'code' }),
  });

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack gap="md">
        <TextInput label={t('campaigns.name')} required {...form.getInputProps('name')} />
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('campaigns.kind')}
          </Text>
          <SegmentedControl
            fullWidth
            disabled={campaign !== null}
            aria-label={t('campaigns.kind')}
            data={KINDS.map((k) => ({ value: k, label: t(`campaignKinds.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <Text size="xs" c="dimmed" mt={4}>
            {t(`campaignKindHints.${v.kind}`)}
          </Text>
        </div>
        {v.kind === 'shared' && (
          <TextInput
            label={t('campaigns.sharedCode')}
            description={t('campaigns.sharedCodeHint')}
            required
            disabled={campaign !== null}
            {...form.getInputProps('code')}
          />
        )}
        {v.kind === 'unique' && (
          <SimpleGrid cols={2} spacing="sm">
            <IntInput
              label={t('campaigns.codeLength')}
              min={4}
              max={32}
              value={v.codeFormat?.length}
              onChange={(length) => setClearing(form, 'codeFormat', { ...v.codeFormat, length: length ?? 8 })}
              error={errorAt(errorsUnder(form.errors, 'codeFormat'), 'length')}
            />
            <TextInput
              label={t('campaigns.codePrefix')}
              value={v.codeFormat?.prefix ?? ''}
              onChange={(e) => {
                const prefix = e.currentTarget.value.toUpperCase();
                setClearing(form, 'codeFormat', setOrDrop({ length: v.codeFormat?.length ?? 8, prefix }, 'prefix', prefix));
              }}
              error={errorAt(errorsUnder(form.errors, 'codeFormat'), 'prefix')}
            />
          </SimpleGrid>
        )}
        <Fieldset legend={t('campaigns.terms')} variant="filled" p="sm">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <LocalDateInput
                label={t('conditions.validFrom')}
                value={terms.validFrom}
                onChange={(d) => setTerms(setOrDrop(terms, 'validFrom', d))}
                error={errorAt(errs, 'validFrom')}
              />
              <LocalDateInput
                label={t('conditions.validUntil')}
                description={t('conditions.validUntilHint')}
                value={terms.validUntil}
                onChange={(d) => setTerms(setOrDrop(terms, 'validUntil', d))}
                error={errorAt(errs, 'validUntil')}
              />
              <MoneyInput
                label={t('campaigns.minimumBasket')}
                description={t('campaigns.minimumBasketHint')}
                value={terms.minimumBasket}
                onChange={(x) => setTerms(setOrDrop(terms, 'minimumBasket', x))}
                error={errorAt(errs, 'minimumBasket')}
              />
              {v.kind === 'shared' && (
                <IntInput
                  label={t('campaigns.usageLimit')}
                  placeholder={t('program.noLimit')}
                  min={1}
                  value={terms.usageLimit}
                  onChange={(x) => setTerms(setOrDrop(terms, 'usageLimit', x))}
                  error={errorAt(errs, 'usageLimit')}
                />
              )}
            </SimpleGrid>
            <Switch
              label={t('campaigns.onePerCustomer')}
              checked={terms.onePerCustomer ?? false}
              onChange={(e) => setTerms(setOrDrop(terms, 'onePerCustomer', e.currentTarget.checked || undefined))}
            />
            <Switch
              label={t('campaigns.requiresCustomer')}
              checked={terms.requiresCustomer ?? false}
              onChange={(e) => setTerms(setOrDrop(terms, 'requiresCustomer', e.currentTarget.checked || undefined))}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('campaigns.effect')} variant="filled" p="sm">
          <PromotionFields
            value={terms.effect}
            onChange={(effect) => setTerms({ ...terms, effect })}
            errors={errorsUnder(errs, 'effect')}
            asEffect
          />
        </Fieldset>
        <Switch label={t('campaigns.reinstate')} {...form.getInputProps('reinstateOnRefund', { type: 'checkbox' })} />
        <Switch label={t('status.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {tApp('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {campaign ? tApp('actions.save') : t('campaigns.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
