import type { RequestBody } from '../../../app/api/types';
import { formatPhone } from '../../../app/ui/phone';
import type { Customer, CustomField } from '../queries';

type CustomValue = Customer['custom'][string];
type Changes = RequestBody<'/api/v1/customers/{id}', 'patch'>;

/** The profile form's values: the customer's fields in the shapes the inputs want. */
export interface ProfileValues {
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  /** Day and month are the birthday; the year is optional (many customers do not give it). */
  birthday: { day: string | null; month: string | null; year: string | number };
  gender: Customer['gender'];
  city: string;
  district: string;
  preferredStoreId: string | null;
  sizes: { top: string; bottom: string; shoe: string };
  colours: string[];
  styles: string[];
  tags: string[];
  custom: Record<string, CustomValue | null>;
}

const BIRTHDAY = /^(\d{4}|-)-(\d{2})-(\d{2})$/;

export function toValues(c: Customer, fields: CustomField[]): ProfileValues {
  const b = c.birthday ? BIRTHDAY.exec(c.birthday) : null;
  return {
    firstName: c.firstName ?? '',
    lastName: c.lastName ?? '',
    // As people read it; unchanged, it is not sent back (see `changes`).
    phone: c.phone && !c.masked ? formatPhone(c.phone) : (c.phone ?? ''),
    email: c.email ?? '',
    birthday: { day: b ? String(Number(b[3])) : null, month: b ? String(Number(b[2])) : null, year: b && b[1] !== '-' ? Number(b[1]) : '' },
    gender: c.gender,
    city: c.city ?? '',
    district: c.district ?? '',
    preferredStoreId: c.preferredStoreId,
    sizes: { top: c.sizes.top ?? '', bottom: c.sizes.bottom ?? '', shoe: c.sizes.shoe ?? '' },
    colours: c.colours,
    styles: c.styles,
    tags: c.tags,
    custom: Object.fromEntries(fields.map((f) => [f.key, c.custom[f.key] ?? null])),
  };
}

const text = (v: string) => v.trim() || null;
const pad = (n: string) => n.padStart(2, '0');

/** 'YYYY-MM-DD', '--MM-DD' without a year, null when day or month is missing. */
function birthday({ day, month, year }: ProfileValues['birthday']): string | null {
  if (!day || !month) return null;
  return `${year === '' ? '-' : String(year)}-${pad(month)}-${pad(day)}`;
}

/** An emptied input clears the value on the server. */
const customValue = (v: CustomValue | null): CustomValue | null => (v === '' || (Array.isArray(v) && v.length === 0) ? null : v);

function toBody(v: ProfileValues): Required<Changes> {
  return {
    firstName: text(v.firstName),
    lastName: text(v.lastName),
    phone: text(v.phone),
    email: text(v.email),
    birthday: birthday(v.birthday),
    gender: v.gender,
    city: text(v.city),
    district: text(v.district),
    preferredStoreId: v.preferredStoreId,
    sizes: { top: text(v.sizes.top), bottom: text(v.sizes.bottom), shoe: text(v.sizes.shoe) },
    colours: v.colours,
    styles: v.styles,
    tags: v.tags,
    custom: Object.fromEntries(Object.entries(v.custom).map(([k, x]) => [k, customValue(x)])),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Only what the user changed: the server records every sent field in the audit log, and a
 * masked phone or e-mail must never be sent back as if it were the real one.
 */
export function changes(values: ProfileValues, initial: ProfileValues): Changes {
  const next = toBody(values);
  const before = toBody(initial);
  const out: Changes = {};
  for (const key of Object.keys(next) as (keyof Changes)[]) {
    if (key === 'custom') continue;
    if (!same(next[key], before[key])) Object.assign(out, { [key]: next[key] });
  }
  const custom = Object.fromEntries(Object.entries(next.custom).filter(([k, x]) => !same(x, before.custom[k])));
  if (Object.keys(custom).length > 0) out.custom = custom;
  return out;
}
