/** API messages of duplicate review, merge and the data-quality report (merged into the platform catalogs). */
export const dedupTr = {
  'dedup.merge_self': 'Bir müşteri kendisiyle birleştirilemez.',
  'dedup.already_merged': 'Bu müşteri zaten başka bir müşteriyle birleştirildi.',
  'dedup.unknown_field': 'Birleştirmede böyle bir alan yok: {field}',
  'dedup.range': 'Bitiş tarihi başlangıçtan sonra olmalı.',
} as const;

export const dedupEn: Record<keyof typeof dedupTr, string> = {
  'dedup.merge_self': 'A customer cannot be merged with itself.',
  'dedup.already_merged': 'This customer has already been merged into another customer.',
  'dedup.unknown_field': 'There is no such field to merge: {field}',
  'dedup.range': 'The end date must be after the start date.',
};
