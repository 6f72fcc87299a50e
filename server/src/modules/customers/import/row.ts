import { Problem } from '../../../platform/http/problem';
import type { ImportRow, Rejection } from '../../../platform/imports';
import type { Channel } from '../../privacy/channels';
import type { Identity } from '../identities';
import { type Columns, normalizeProfile, type ProfileInput } from '../profile';
import { CONSENT_FIELDS } from './fields';
import { birthdayOf, consentOf, genderOf, phoneText, splitName, textOf } from './values';

/** One row read into what a customer record takes. */
export interface CustomerLine {
  index: number;
  columns: Columns;
  identities: Identity[];
  storeCode: string | null;
  consents: { channel: Channel; status: 'granted' | 'revoked' }[];
  note: string | null;
}

const MAX: Record<string, number> = {
  fullName: 200,
  firstName: 100,
  lastName: 100,
  city: 100,
  district: 100,
  storeCode: 50,
  tags: 1000,
  note: 5000,
};

class RowProblem extends Error {
  constructor(readonly rejection: Omit<Rejection, 'index'>) {
    super(rejection.reason);
  }
}

const reject = (reason: Rejection['reason'], params: Record<string, string | number> = {}) => new RowProblem({ reason, params });

/** The reason normalizeProfile's validation gives, keyed by the field it names. */
const PROFILE_REASONS: Record<string, Rejection['reason']> = {
  '/phone': 'customer_import.invalid_phone',
  '/email': 'customer_import.invalid_email',
  '/birthday': 'customer_import.invalid_birthday',
  '/cards/0': 'customer_import.invalid_card',
  '/externalIds/0': 'customer_import.invalid_external',
};

function read(row: ImportRow, externalSystem: string): CustomerLine {
  const v = row.values;
  const text: Record<string, string | null> = {};
  for (const field of Object.keys(v)) {
    text[field] = textOf(v[field] ?? null);
    const max = MAX[field];
    if (max && (text[field]?.length ?? 0) > max) throw reject('customer_import.too_long', { field, max });
  }
  const split = text.fullName ? splitName(text.fullName) : { firstName: null, lastName: null };
  const birthdayCell = v.birthday ?? null;
  const birthday = birthdayCell === null ? undefined : birthdayOf(birthdayCell);
  if (birthday === null) throw reject('customer_import.invalid_birthday', { value: text.birthday ?? '' });
  const gender = text.gender ? genderOf(text.gender) : undefined;
  if (text.gender && !gender) throw reject('customer_import.invalid_gender', { value: text.gender });
  const external = text.externalId && !text.externalId.includes(':') ? `${externalSystem}:${text.externalId}` : text.externalId;
  const input: ProfileInput = {
    firstName: text.firstName ?? split.firstName ?? undefined,
    lastName: text.lastName ?? split.lastName ?? undefined,
    phone: phoneText(v.phone ?? null) ?? undefined,
    email: text.email ?? undefined,
    birthday,
    gender,
    city: text.city ?? undefined,
    district: text.district ?? undefined,
    tags: text.tags ? text.tags.split(/[,;]/).map((t) => t.slice(0, 50)) : undefined,
    cards: text.cardNumber ? [text.cardNumber] : undefined,
    externalIds: external ? [external] : undefined,
  };
  let profile: ReturnType<typeof normalizeProfile>;
  try {
    profile = normalizeProfile(input, []);
  } catch (err) {
    const field = err instanceof Problem ? (err.extra.fieldErrors as { field: string }[] | undefined)?.[0]?.field : undefined;
    const reason = field ? PROFILE_REASONS[field] : undefined;
    if (!reason) throw err;
    const raw = {
      '/phone': input.phone,
      '/email': input.email,
      '/birthday': text.birthday,
      '/cards/0': text.cardNumber,
      '/externalIds/0': external,
    };
    throw reject(reason, { value: String(raw[field as keyof typeof raw] ?? '').slice(0, 60) });
  }
  if (profile.identities.length === 0) throw reject('customer_import.identity_required');
  const consents: CustomerLine['consents'] = [];
  for (const [field, channel] of Object.entries(CONSENT_FIELDS)) {
    const status = consentOf(v[field] ?? null);
    if (status === undefined) throw reject('customer_import.invalid_consent', { field, value: text[field] ?? '' });
    if (status) consents.push({ channel, status });
  }
  return { index: row.index, ...profile, storeCode: text.storeCode, consents, note: text.note };
}

/** The row as a customer line, or why it is rejected. */
export function readCustomerRow(row: ImportRow, externalSystem: string): CustomerLine | Rejection {
  try {
    return read(row, externalSystem);
  } catch (err) {
    if (err instanceof RowProblem) return { index: row.index, ...err.rejection };
    throw err;
  }
}
