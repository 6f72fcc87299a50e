import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Tabs,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changedFields } from '../../../app/api/changes';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { ListSkeleton } from '../../../app/ui/ResponsiveTable';
import { brandsQuery } from '../../access/queries';
import { categoryParts, categoryText } from '../../catalog/queries';
import { AdvancedJson } from '../parts/AdvancedJson';
import { useRuleOptions } from '../parts/ConditionsFields';
import { errorAt, errorsUnder, setClearing, setOrDrop, showErrors } from '../parts/form';
import { DecimalInput, HoursInput, IntInput, LocalDateInput, MoneyInput, WeekdayInput } from '../parts/inputs';
import { SelectorInput, useCatalogOptions } from '../parts/SelectorInput';
import { keys, type NewProgram, type PointsProgram, type Program, programsQuery, type TierList } from '../queries';

type Multiplier = NonNullable<PointsProgram['earn']['multipliers']>[number];
type Dimension = Multiplier['dimension'];
type Tier = TierList[number];
type Values = Required<Omit<NewProgram, 'brandId'>> & { brandId: string | null };

const DIMENSIONS: Dimension[] = ['category', 'brand', 'sku', 'store', 'time'];

/** The starting point of a new program: 1 point per lira, 100 points = 1 lira, no expiry. */
const NEW_PROGRAM: Values = {
  name: '',
  brandId: null,
  active: true,
  definition: { earn: { rate: { points: 1, per: 100 } }, burn: { points: 100, value: 100 } },
  tiers: null,
  tierReview: { month: 1, day: 1 },
  expiryWarningDays: 30,
};

const valuesOf = (p: Program): Values => ({
  name: p.name,
  brandId: p.brandId,
  active: p.active,
  definition: p.definition,
  tiers: p.tiers,
  tierReview: p.tierReview,
  expiryWarningDays: p.expiryWarningDays,
});

/** Program settings: earn, burn, expiry and tiers of each points program, as structured forms. */
export function ProgramPage() {
  const { t } = useTranslation('loyalty');
  const { can } = useSession();
  const programs = useQuery(programsQuery);
  const [tab, setTab] = useState<string | null>(null);
  if (!programs.data) return <ListSkeleton rows={8} />;
  const list = programs.data;
  const current = tab ?? list[0]?.id ?? 'new';
  return (
    <>
      <PageHeader title={t('program.title')} description={t('program.description')} />
      {list.length === 0 && !can('loyalty.manage') ? (
        <Alert color="gray">{t('program.none')}</Alert>
      ) : (
        <Tabs value={current} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            {list.map((p) => (
              <Tabs.Tab
                key={p.id}
                value={p.id}
                rightSection={
                  !p.active ? (
                    <Badge size="xs" color="gray">
                      {t('status.inactive')}
                    </Badge>
                  ) : null
                }
              >
                {p.name}
              </Tabs.Tab>
            ))}
            {can('loyalty.manage') && (
              <Tabs.Tab value="new" leftSection={<IconPlus size={14} />}>
                {t('program.new')}
              </Tabs.Tab>
            )}
          </Tabs.List>
          {list.map((p) => (
            <Tabs.Panel key={p.id} value={p.id}>
              {/* Keyed by the version, so a save restarts the form from the server's values. */}
              <ProgramForm key={`${p.id}-${p.version}`} program={p} onCreated={setTab} />
            </Tabs.Panel>
          ))}
          <Tabs.Panel value="new">
            <ProgramForm program={null} onCreated={setTab} />
          </Tabs.Panel>
        </Tabs>
      )}
    </>
  );
}

function ProgramForm({ program, onCreated }: { program: Program | null; onCreated: (id: string) => void }) {
  const { t } = useTranslation('loyalty');
  const { t: tApp } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const readOnly = !can('loyalty.manage');
  const brands = useQuery({ ...brandsQuery, enabled: can('stores.read') });
  const initial = program ? valuesOf(program) : NEW_PROGRAM;
  const form = useForm<Values>({
    initialValues: initial,
    validate: { name: (v) => (v.trim() ? null : tApp('validation.required')) },
  });
  const v = form.getValues();
  const def = v.definition;
  const errs = errorsUnder(form.errors, 'definition');
  const setDef = (next: PointsProgram) => setClearing(form, 'definition', next);

  const save = useMutation({
    mutationFn: async (values: Values) => {
      if (!program) return unwrap(api.POST('/api/v1/loyalty/programs', { body: values }));
      const changes = changedFields(values, initial);
      if (Object.keys(changes).length === 0) return null;
      return unwrap(api.PATCH('/api/v1/loyalty/programs/{id}', { params: { path: { id: program.id } }, body: changes }));
    },
    onSuccess: (saved) => {
      if (!saved) return notifySuccess(t('saved.nothing'));
      notifySuccess(t('program.saved'));
      queryClient.invalidateQueries({ queryKey: keys.programs });
      if (!program) onCreated(saved.id);
    },
    onError: (error) => showErrors(form, error),
  });

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          <Card withBorder padding="md">
            <Stack gap="sm">
              <Text fw={700}>{t('program.general')}</Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput label={t('program.name')} required {...form.getInputProps('name')} />
                <Select
                  label={t('program.brand')}
                  description={t('program.brandHint')}
                  placeholder={t('program.orgWide')}
                  data={(brands.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
                  clearable
                  {...form.getInputProps('brandId')}
                />
              </SimpleGrid>
              <Switch label={t('program.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
            </Stack>
          </Card>

          <Card withBorder padding="md">
            <Stack gap="sm">
              <Text fw={700}>{t('program.earn')}</Text>
              <Group align="flex-end" gap="xs" wrap="wrap">
                <IntInput
                  label={t('program.ratePoints')}
                  min={1}
                  required
                  w={120}
                  value={def.earn.rate.points}
                  onChange={(x) => setDef({ ...def, earn: { ...def.earn, rate: { ...def.earn.rate, points: x ?? 1 } } })}
                  error={errorAt(errs, 'earn.rate.points')}
                />
                <Text pb={8}>{t('program.ratePer')}</Text>
                <MoneyInput
                  label={t('program.rateAmount')}
                  required
                  w={150}
                  value={def.earn.rate.per}
                  onChange={(x) => setDef({ ...def, earn: { ...def.earn, rate: { ...def.earn.rate, per: x ?? 100 } } })}
                  error={errorAt(errs, 'earn.rate.per')}
                />
              </Group>
              <MoneyInput
                label={t('program.earnMinimum')}
                description={t('program.earnMinimumHint')}
                maw={260}
                value={def.earn.minimumBasket}
                onChange={(x) => setDef({ ...def, earn: setOrDrop(def.earn, 'minimumBasket', x) })}
                error={errorAt(errs, 'earn.minimumBasket')}
              />
              <Switch
                label={t('program.excludeSome')}
                checked={def.earn.exclude !== undefined}
                onChange={(e) =>
                  setDef({
                    ...def,
                    earn: e.currentTarget.checked ? { ...def.earn, exclude: {} } : setOrDrop(def.earn, 'exclude', undefined),
                  })
                }
              />
              {def.earn.exclude !== undefined && (
                <SelectorInput
                  label={t('program.exclude')}
                  value={def.earn.exclude}
                  onChange={(exclude) => setDef({ ...def, earn: { ...def.earn, exclude } })}
                  errors={errorsUnder(errs, 'earn.exclude')}
                />
              )}
            </Stack>
          </Card>

          <Multipliers
            value={def.earn.multipliers ?? []}
            onChange={(m) => setDef({ ...def, earn: setOrDrop(def.earn, 'multipliers', m) })}
            errors={errorsUnder(errs, 'earn.multipliers')}
          />

          <Card withBorder padding="md">
            <Stack gap="sm">
              <Text fw={700}>{t('program.birthday')}</Text>
              <SegmentedControl
                aria-label={t('program.birthday')}
                data={[
                  { value: 'none', label: t('program.birthdayNone') },
                  { value: 'points', label: t('program.birthdayPoints') },
                  { value: 'multiplier', label: t('program.birthdayMultiplier') },
                ]}
                value={def.birthday?.type ?? 'none'}
                onChange={(type) =>
                  setDef(
                    type === 'none'
                      ? setOrDrop(def, 'birthday', undefined)
                      : { ...def, birthday: type === 'points' ? { type: 'points', points: 250 } : { type: 'multiplier', factor: 2 } },
                  )
                }
                style={{ alignSelf: 'flex-start' }}
              />
              {def.birthday?.type === 'points' && (
                <IntInput
                  label={t('program.birthdayPointsValue')}
                  min={1}
                  maw={200}
                  value={def.birthday.points}
                  onChange={(x) => setDef({ ...def, birthday: { type: 'points', points: x ?? 1 } })}
                  error={errorAt(errs, 'birthday')}
                />
              )}
              {def.birthday?.type === 'multiplier' && (
                <DecimalInput
                  label={t('program.birthdayFactor')}
                  prefix="×"
                  maw={200}
                  value={def.birthday.factor}
                  onChange={(x) => setDef({ ...def, birthday: { type: 'multiplier', factor: x ?? 1 } })}
                  error={errorAt(errs, 'birthday')}
                />
              )}
            </Stack>
          </Card>

          <Card withBorder padding="md">
            <Stack gap="sm">
              <Text fw={700}>{t('program.burn')}</Text>
              <Group align="flex-end" gap="xs" wrap="wrap">
                <IntInput
                  label={t('program.burnPoints')}
                  min={1}
                  w={120}
                  value={def.burn.points}
                  onChange={(x) => setDef({ ...def, burn: { ...def.burn, points: x ?? 1 } })}
                  error={errorAt(errs, 'burn.points')}
                />
                <Text pb={8}>=</Text>
                <MoneyInput
                  label={t('program.burnValue')}
                  w={150}
                  value={def.burn.value}
                  onChange={(x) => setDef({ ...def, burn: { ...def.burn, value: x ?? 1 } })}
                  error={errorAt(errs, 'burn.value')}
                />
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <IntInput
                  label={t('program.burnMin')}
                  value={def.burn.minPoints}
                  onChange={(x) => setDef({ ...def, burn: setOrDrop(def.burn, 'minPoints', x) })}
                  error={errorAt(errs, 'burn.minPoints')}
                />
                <IntInput
                  label={t('program.burnMax')}
                  placeholder={t('program.noLimit')}
                  value={def.burn.maxPoints}
                  onChange={(x) => setDef({ ...def, burn: setOrDrop(def.burn, 'maxPoints', x) })}
                  error={errorAt(errs, 'burn.maxPoints')}
                />
                <DecimalInput
                  label={t('program.burnShare')}
                  placeholder={t('program.noLimit')}
                  suffix=" %"
                  value={def.burn.maxSharePercent}
                  onChange={(x) => setDef({ ...def, burn: setOrDrop(def.burn, 'maxSharePercent', x) })}
                  error={errorAt(errs, 'burn.maxSharePercent')}
                />
              </SimpleGrid>
            </Stack>
          </Card>

          <Card withBorder padding="md">
            <Stack gap="sm">
              <Text fw={700}>{t('program.expiry')}</Text>
              <Switch
                label={t('program.expires')}
                checked={def.expiry !== undefined}
                onChange={(e) =>
                  setDef(
                    e.currentTarget.checked ? { ...def, expiry: { months: 12, monthEnd: false } } : setOrDrop(def, 'expiry', undefined),
                  )
                }
              />
              {def.expiry && (
                <Group align="flex-end" gap="md" wrap="wrap">
                  <IntInput
                    label={t('program.expiryMonths')}
                    min={1}
                    w={160}
                    value={def.expiry.months}
                    onChange={(x) => def.expiry && setDef({ ...def, expiry: { ...def.expiry, months: x ?? 1 } })}
                    error={errorAt(errs, 'expiry.months')}
                  />
                  <Checkbox
                    mb={8}
                    label={t('program.expiryMonthEnd')}
                    checked={def.expiry.monthEnd}
                    onChange={(e) => def.expiry && setDef({ ...def, expiry: { ...def.expiry, monthEnd: e.currentTarget.checked } })}
                  />
                </Group>
              )}
              <IntInput
                label={t('program.warningDays')}
                description={t('program.warningDaysHint')}
                min={0}
                maw={260}
                {...form.getInputProps('expiryWarningDays')}
              />
            </Stack>
          </Card>

          <Tiers form={form} />

          <Card withBorder padding="md">
            <AdvancedJson
              value={{ definition: v.definition, tiers: v.tiers }}
              onApply={(json) => {
                if (json.definition) form.setFieldValue('definition', json.definition);
                if (json.tiers !== undefined) form.setFieldValue('tiers', json.tiers);
              }}
            />
          </Card>

          {!readOnly && (
            <Group justify="flex-end">
              <Button type="submit" size="md" loading={save.isPending}>
                {program ? tApp('actions.save') : t('program.create')}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}

function newMultiplier(dimension: Dimension, id: string): Multiplier {
  switch (dimension) {
    case 'category':
      return { id, dimension, factor: 2, categories: [] };
    case 'brand':
      return { id, dimension, factor: 2, brands: [] };
    case 'sku':
      return { id, dimension, factor: 2, skus: [] };
    case 'store':
      return { id, dimension, factor: 2, storeCodes: [] };
    case 'time':
      return { id, dimension, factor: 2, weekdays: [3] };
  }
}

/** Earn multipliers: per line, each dimension gives its highest factor and the dimensions multiply. */
function Multipliers({
  value,
  onChange,
  errors,
}: {
  value: Multiplier[];
  onChange: (m: Multiplier[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('loyalty');
  const options = useCatalogOptions();
  const rules = useRuleOptions();
  const setAt = (i: number, m: Multiplier) => onChange(value.map((x, j) => (j === i ? m : x)));
  const nextId = () => {
    let n = value.length + 1;
    while (value.some((m) => m.id === `carpan-${n}`)) n++;
    return `carpan-${n}`;
  };
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Text fw={700}>{t('program.multipliers')}</Text>
        <Text size="xs" c="dimmed">
          {t('program.multipliersHint')}
        </Text>
        {value.map((m, i) => {
          const err = (key: string) => errorAt(errors, `${i}.${key}`);
          return (
            <Card key={m.id || i} withBorder padding="sm" data-testid="multiplier">
              <Stack gap="xs">
                <Group align="flex-end" gap="xs" wrap="wrap">
                  <Select
                    label={t('program.dimension')}
                    data={DIMENSIONS.map((d) => ({ value: d, label: t(`dimensions.${d}`) }))}
                    value={m.dimension}
                    allowDeselect={false}
                    onChange={(d) => d && d !== m.dimension && setAt(i, { ...newMultiplier(d as Dimension, m.id), factor: m.factor })}
                    w={170}
                  />
                  <DecimalInput
                    label={t('program.factor')}
                    prefix="×"
                    min={0}
                    max={100}
                    w={110}
                    value={m.factor}
                    onChange={(x) => setAt(i, { ...m, factor: x ?? 1 })}
                    error={err('factor')}
                  />
                  <TextInput
                    label={t('program.ruleCode')}
                    w={150}
                    value={m.id}
                    onChange={(e) => setAt(i, { ...m, id: e.currentTarget.value })}
                    error={err('id')}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mb={6}
                    aria-label={t('actions.remove')}
                    onClick={() => onChange(value.filter((_, j) => j !== i))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
                {m.dimension === 'category' && (
                  <TagsInput
                    label={t('selector.categories')}
                    data={options.categories}
                    value={m.categories.map(categoryText)}
                    onChange={(x) => setAt(i, { ...m, categories: x.map(categoryParts).filter((p) => p.length) })}
                    error={err('categories')}
                  />
                )}
                {m.dimension === 'brand' && (
                  <TagsInput
                    label={t('selector.brands')}
                    data={options.brands}
                    value={m.brands}
                    onChange={(x) => setAt(i, { ...m, brands: x })}
                    error={err('brands')}
                  />
                )}
                {m.dimension === 'sku' && (
                  <TagsInput
                    label={t('selector.skus')}
                    splitChars={[',', ' ', ';']}
                    value={m.skus}
                    onChange={(x) => setAt(i, { ...m, skus: x })}
                    error={err('skus')}
                  />
                )}
                {m.dimension === 'store' && (
                  <TagsInput
                    label={t('conditions.stores')}
                    data={rules.stores.map((s) => s.value)}
                    value={m.storeCodes}
                    onChange={(x) => setAt(i, { ...m, storeCodes: x })}
                    error={err('storeCodes')}
                  />
                )}
                {m.dimension === 'time' && (
                  <>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                      <LocalDateInput
                        label={t('conditions.validFrom')}
                        value={m.validFrom}
                        onChange={(d) => setAt(i, setOrDrop(m, 'validFrom', d))}
                        error={err('validFrom')}
                      />
                      <LocalDateInput
                        label={t('conditions.validUntil')}
                        value={m.validUntil}
                        onChange={(d) => setAt(i, setOrDrop(m, 'validUntil', d))}
                        error={err('validUntil')}
                      />
                    </SimpleGrid>
                    <WeekdayInput
                      label={t('conditions.weekdays')}
                      value={m.weekdays}
                      onChange={(d) => setAt(i, setOrDrop(m, 'weekdays', d))}
                      error={err('weekdays')}
                    />
                    <HoursInput
                      label={t('conditions.hours')}
                      value={m.hours}
                      onChange={(h) => setAt(i, setOrDrop(m, 'hours', h))}
                      error={err('hours')}
                    />
                    {errors[String(i)] && (
                      <Text size="xs" c="red">
                        {errors[String(i)]}
                      </Text>
                    )}
                  </>
                )}
              </Stack>
            </Card>
          );
        })}
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() => onChange([...value, newMultiplier('category', nextId())])}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('program.addMultiplier')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('program.tierMultiplierHint')}
        </Text>
      </Stack>
    </Card>
  );
}

// biome-ignore lint/suspicious/noExplicitAny: the form of Values; only its tier fields are touched.
function Tiers({ form }: { form: any }) {
  const { t } = useTranslation('loyalty');
  const values = form.getValues() as Values;
  const tiers = values.tiers;
  const errors = errorsUnder(form.errors, 'tiers');
  const set = (next: Values['tiers']) => setClearing(form, 'tiers', next);
  const setTier = (i: number, tier: Tier) => tiers && set({ ...tiers, tiers: tiers.tiers.map((x, j) => (j === i ? tier : x)) });
  const bySpend = tiers?.metric !== 'points';
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Text fw={700}>{t('program.tiers')}</Text>
        <Switch
          label={t('program.tiersOn')}
          checked={tiers !== null}
          onChange={(e) =>
            set(
              e.currentTarget.checked
                ? { metric: 'spend', windowMonths: 12, tiers: [{ code: 'STANDART', name: t('program.defaultTier'), threshold: 0 }] }
                : null,
            )
          }
        />
        {tiers && (
          <>
            <Group align="flex-end" gap="md" wrap="wrap">
              <div>
                <Text size="sm" fw={500} mb={4}>
                  {t('program.metric')}
                </Text>
                <SegmentedControl
                  aria-label={t('program.metric')}
                  data={[
                    { value: 'spend', label: t('program.metricSpend') },
                    { value: 'points', label: t('program.metricPoints') },
                  ]}
                  value={tiers.metric}
                  onChange={(metric) => set({ ...tiers, metric: metric as 'spend' | 'points' })}
                />
              </div>
              <IntInput
                label={t('program.windowMonths')}
                min={1}
                max={36}
                w={160}
                value={tiers.windowMonths}
                onChange={(x) => set({ ...tiers, windowMonths: x ?? 12 })}
                error={errorAt(errors, 'windowMonths')}
              />
            </Group>
            {tiers.tiers.map((tier, i) => {
              const err = (key: string) => errorAt(errors, `tiers.${i}.${key}`);
              const benefits = tier.benefits ?? {};
              const setBenefits = (b: typeof benefits) => setTier(i, setOrDrop(tier, 'benefits', b));
              return (
                <Fieldset
                  // biome-ignore lint/suspicious/noArrayIndexKey: tiers are edited in place (their code is one of the inputs)
                  key={i}
                  legend={tier.name || tier.code || t('program.tierN', { n: i + 1 })}
                  variant="filled"
                  p="sm"
                  data-testid="tier"
                >
                  <Stack gap="xs">
                    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                      <TextInput
                        label={t('program.tierCode')}
                        value={tier.code}
                        onChange={(e) => setTier(i, { ...tier, code: e.currentTarget.value })}
                        error={err('code')}
                      />
                      <TextInput
                        label={t('program.tierName')}
                        value={tier.name ?? ''}
                        onChange={(e) => setTier(i, setOrDrop(tier, 'name', e.currentTarget.value))}
                        error={err('name')}
                      />
                      {bySpend ? (
                        <MoneyInput
                          label={t('program.thresholdSpend')}
                          value={tier.threshold}
                          onChange={(x) => setTier(i, { ...tier, threshold: x ?? 0 })}
                          error={err('threshold')}
                        />
                      ) : (
                        <IntInput
                          label={t('program.thresholdPoints')}
                          min={0}
                          value={tier.threshold}
                          onChange={(x) => setTier(i, { ...tier, threshold: x ?? 0 })}
                          error={err('threshold')}
                        />
                      )}
                    </SimpleGrid>
                    <Group align="flex-end" gap="md" wrap="wrap">
                      <DecimalInput
                        label={t('program.tierMultiplier')}
                        prefix="×"
                        placeholder="×1"
                        w={140}
                        value={benefits.multiplier}
                        onChange={(x) => setBenefits(setOrDrop(benefits, 'multiplier', x))}
                        error={err('benefits.multiplier')}
                      />
                      <IntInput
                        label={t('program.birthdayGift')}
                        w={170}
                        value={benefits.birthdayGift?.points}
                        onChange={(x) =>
                          setBenefits(setOrDrop(benefits, 'birthdayGift', x ? { ...benefits.birthdayGift, points: x } : undefined))
                        }
                        error={err('benefits.birthdayGift')}
                      />
                      <Checkbox
                        mb={8}
                        label={t('program.freeShipping')}
                        checked={benefits.freeShipping ?? false}
                        onChange={(e) => setBenefits(setOrDrop(benefits, 'freeShipping', e.currentTarget.checked || undefined))}
                      />
                      {tiers.tiers.length > 1 && (
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          mb={6}
                          aria-label={t('actions.remove')}
                          onClick={() => set({ ...tiers, tiers: tiers.tiers.filter((_, j) => j !== i) })}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      )}
                    </Group>
                  </Stack>
                </Fieldset>
              );
            })}
            {errorAt(errors, 'tiers') && !tiers.tiers.some((_, i) => errorAt(errors, `tiers.${i}`)) && (
              <Text size="xs" c="red">
                {errorAt(errors, 'tiers')}
              </Text>
            )}
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              style={{ alignSelf: 'flex-start' }}
              onClick={() => {
                const top = Math.max(...tiers.tiers.map((x) => x.threshold), 0);
                set({
                  ...tiers,
                  tiers: [...tiers.tiers, { code: `SEVIYE${tiers.tiers.length + 1}`, threshold: top + (bySpend ? 500_000 : 5_000) }],
                });
              }}
            >
              {t('program.addTier')}
            </Button>
            <Group gap="xs" align="flex-end">
              <IntInput label={t('program.reviewMonth')} min={1} max={12} w={120} {...form.getInputProps('tierReview.month')} />
              <IntInput label={t('program.reviewDay')} min={1} max={31} w={120} {...form.getInputProps('tierReview.day')} />
            </Group>
            <Text size="xs" c="dimmed">
              {t('program.reviewHint')}
            </Text>
          </>
        )}
      </Stack>
    </Card>
  );
}
