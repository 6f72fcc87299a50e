import { Anchor, Badge, Group, Radio, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPhone } from '../../../app/ui/phone';
import { allStoresQuery } from '../../access/queries';
import { customerName } from '../customer-name';
import type { Customer } from '../queries';
import { differing, fieldValue, MERGE_FIELDS, type MergeField } from './compare-fields';

export type Side = 'a' | 'b';

interface Props {
  a: Customer;
  b: Customer;
  keep: Side;
  onKeep: (side: Side) => void;
  /** Per differing field, whose value stays; fields not listed keep the kept record's value. */
  picks: Partial<Record<MergeField, Side>>;
  onPick: (field: MergeField, side: Side) => void;
}

const LABELS: Record<MergeField, string> = {
  firstName: 'fields.firstName',
  lastName: 'fields.lastName',
  phone: 'fields.phone',
  email: 'fields.email',
  birthday: 'fields.birthday',
  gender: 'fields.gender',
  city: 'fields.city',
  district: 'fields.district',
  preferredStoreId: 'fields.preferredStore',
  sizeTop: 'fields.sizeTop',
  sizeBottom: 'fields.sizeBottom',
  sizeShoe: 'fields.sizeShoe',
};

/** The two records side by side: which one stays, and a choice for every field where they disagree. */
export function PairCompare({ a, b, keep, onKeep, picks, onPick }: Props) {
  const { t } = useTranslation('dedup');
  const { t: tc } = useTranslation('customers');
  const stores = useQuery(allStoresQuery);
  const conflicts = new Set(differing(a, b));
  const show = (c: Customer, f: MergeField) => {
    const v = fieldValue(c, f);
    if (v === null) return '—';
    if (f === 'phone') return formatPhone(v);
    if (f === 'gender') return tc(`genders.${v as 'female'}`);
    if (f === 'preferredStoreId') return stores.data?.find((s) => s.id === v)?.name ?? '…';
    return v;
  };
  // The same person's two records often carry the same name: A and B tell them apart.
  const name = (c: Customer) => `${c.id === a.id ? 'A' : 'B'} · ${customerName(c) ?? c.id.slice(0, 8)}`;

  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={600}>
          {t('duplicates.keep')}
        </Text>
        <SegmentedControl
          size="xs"
          value={keep}
          onChange={(v) => onKeep(v as Side)}
          aria-label={t('duplicates.keep')}
          data={[
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
          ]}
        />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" verticalSpacing={6}>
        <Text size="xs" c="dimmed" visibleFrom="sm">
          {t('duplicates.field')}
        </Text>
        {[a, b].map((c) => (
          <Anchor key={c.id} component={Link} to={`/customers/${c.id}`} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {name(c)}
          </Anchor>
        ))}
        {MERGE_FIELDS.filter((f) => fieldValue(a, f) !== null || fieldValue(b, f) !== null).map((f) => (
          <FieldRow
            key={f}
            label={tc(LABELS[f] as 'fields.firstName')}
            values={[show(a, f), show(b, f)]}
            conflict={conflicts.has(f)}
            picked={picks[f] ?? keep}
            onPick={(side) => onPick(f, side)}
            sameLabel={t('duplicates.same')}
          />
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('duplicates.listsUnited')}
      </Text>
    </Stack>
  );
}

interface RowProps {
  label: string;
  values: [string, string];
  conflict: boolean;
  picked: Side;
  onPick: (side: Side) => void;
  sameLabel: string;
}

/** One field: a radio per side when the records disagree, else the value that will stay. */
function FieldRow({ label, values, conflict, picked, onPick, sameLabel }: RowProps) {
  const sides: Side[] = ['a', 'b'];
  return (
    <>
      <Text size="sm" c="dimmed" style={{ gridColumn: 'span 1' }} visibleFrom="sm">
        {label}
      </Text>
      <Text size="xs" c="dimmed" hiddenFrom="sm" style={{ gridColumn: '1 / -1' }}>
        {label}
      </Text>
      {sides.map((side, i) =>
        conflict ? (
          <Radio
            key={side}
            size="xs"
            name={label}
            checked={picked === side}
            onChange={() => onPick(side)}
            label={values[i]}
            aria-label={`${label}: ${values[i]}`}
            styles={{ label: { overflowWrap: 'anywhere' } }}
          />
        ) : (
          <Group key={side} gap={4} wrap="nowrap">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {values[i]}
            </Text>
            {i === 0 && values[0] === values[1] && (
              <Badge size="xs" variant="light" color="gray">
                {sameLabel}
              </Badge>
            )}
          </Group>
        ),
      )}
    </>
  );
}
