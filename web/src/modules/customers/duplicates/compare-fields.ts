import type { Customer } from '../queries';

/** The fields a person picks between when merging, as the API names them, with how to show each. */
export const MERGE_FIELDS = [
  'firstName',
  'lastName',
  'phone',
  'email',
  'birthday',
  'gender',
  'city',
  'district',
  'preferredStoreId',
  'sizeTop',
  'sizeBottom',
  'sizeShoe',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export function fieldValue(c: Customer, field: MergeField): string | null {
  switch (field) {
    case 'sizeTop':
      return c.sizes.top;
    case 'sizeBottom':
      return c.sizes.bottom;
    case 'sizeShoe':
      return c.sizes.shoe;
    default:
      return c[field];
  }
}

/** The fields where both records have a value and the values differ: only these need a choice. */
export const differing = (a: Customer, b: Customer) =>
  MERGE_FIELDS.filter((f) => {
    const [x, y] = [fieldValue(a, f), fieldValue(b, f)];
    return x !== null && y !== null && x !== y;
  });
