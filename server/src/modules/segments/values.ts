import { z } from 'zod';
import type { Label } from './registry';

const text = z.string().trim().min(1).max(200);
const number = z.number().finite().min(-1e12).max(1e12);

/** The value types a condition can carry; the builder shows a matching input for each. */
export const VALUE_SCHEMAS = {
  none: z.undefined(),
  text,
  text_list: z.array(text).min(1).max(500),
  number,
  number_range: z.tuple([number, number]).refine(([a, b]) => a <= b, 'from ≤ to'),
  /** Money in kuruş. */
  money: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  money_range: z.tuple([z.number().int().min(0), z.number().int().min(0)]).refine(([a, b]) => a <= b, 'from ≤ to'),
  percent: z.number().min(0).max(100),
  days: z.number().int().min(1).max(3660),
  hours: z.number().int().min(1).max(8760),
  date: z.iso.date(),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'),
  enum: text,
  enum_list: z.array(text).min(1).max(500),
  uuid: z.uuid(),
  uuid_list: z.array(z.uuid()).min(1).max(500),
  boolean: z.boolean(),
} as const;
export type ValueType = keyof typeof VALUE_SCHEMAS;
export const VALUE_TYPES = Object.keys(VALUE_SCHEMAS) as ValueType[];

/** Labels of the operators every field draws from. */
export const OPERATOR_LABELS: Record<string, Label> = {
  eq: { tr: 'eşittir', en: 'equals' },
  neq: { tr: 'eşit değildir', en: 'does not equal' },
  in: { tr: 'şunlardan biri', en: 'is one of' },
  not_in: { tr: 'şunlardan biri değil', en: 'is none of' },
  contains: { tr: 'içerir', en: 'contains' },
  any_of: { tr: 'herhangi birini', en: 'any of' },
  all_of: { tr: 'hepsini', en: 'all of' },
  none_of: { tr: 'hiçbirini', en: 'none of' },
  only: { tr: 'yalnızca bunları', en: 'only these' },
  gte: { tr: 'en az', en: 'at least' },
  lte: { tr: 'en çok', en: 'at most' },
  between: { tr: 'arasında', en: 'between' },
  is_set: { tr: 'dolu', en: 'is set' },
  is_not_set: { tr: 'boş', en: 'is not set' },
  within_last: { tr: 'son … gün içinde', en: 'within the last … days' },
  not_within_last: { tr: 'son … gün içinde değil', en: 'not within the last … days' },
  within_next: { tr: 'önümüzdeki … gün içinde', en: 'within the next … days' },
  within_hours: { tr: 'son … saat içinde', en: 'within the last … hours' },
  before: { tr: 'şu tarihten önce', en: 'before' },
  after: { tr: 'şu tarihten sonra', en: 'after' },
  granted: { tr: 'izin verdi', en: 'granted' },
  not_granted: { tr: 'izin vermedi', en: 'not granted' },
  is_true: { tr: 'evet', en: 'yes' },
  is_false: { tr: 'hayır', en: 'no' },
  yes: { tr: 'oldu', en: 'did' },
  no: { tr: 'olmadı', en: 'did not' },
};
