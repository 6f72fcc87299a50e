import { invalidField } from '../../platform/http/problem';
import { maskPhone } from '../../platform/phone';
import { foldTurkish, maskEmail, titleCaseTr, trLower, trUpper } from '../../platform/text';
import { applyCustomPatch, type CustomField } from './custom-fields';
import { customerPhone, type Identity, normalizeCard, normalizeEmail, normalizeExternal } from './identities';
import { assessQuality } from './quality';
import type { CustomValue, customers } from './schema';

export const GENDERS = ['female', 'male', 'other'] as const;
export const CREATED_VIA = ['store', 'pos', 'web', 'import', 'api'] as const;
export type CreatedVia = (typeof CREATED_VIA)[number];

/** What a caller may set on a customer (API, POS, import); every field optional. */
export interface ProfileInput {
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  email?: string | null;
  /** 'YYYY-MM-DD', or '--MM-DD' when the year is not known. */
  birthday?: string | null;
  gender?: (typeof GENDERS)[number] | null;
  city?: string | null;
  district?: string | null;
  preferredStoreId?: string | null;
  sizes?: { top?: string | null; bottom?: string | null; shoe?: string | null };
  colours?: string[];
  styles?: string[];
  tags?: string[];
  custom?: Record<string, unknown>;
  cards?: string[];
  externalIds?: string[];
}

type Row = typeof customers.$inferSelect;
export type Columns = Partial<Omit<Row, 'orgId' | 'id'>>;

/** "AHMET" or "ahmet" as a POS sends it becomes "Ahmet"; a name typed with care is kept as typed. */
function cleanName(v: string | null | undefined): string | null | undefined {
  if (v === undefined || v === null) return v;
  const s = v.replace(/\s+/g, ' ').trim();
  if (!s) return null;
  return s === trUpper(s) || s === trLower(s) ? titleCaseTr(s) : s;
}

function cleanPlace(v: string | null | undefined): string | null | undefined {
  if (v === undefined || v === null) return v;
  const s = v.replace(/\s+/g, ' ').trim();
  return s ? titleCaseTr(s) : null;
}

const cleanList = (list: string[]) => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const v = raw.replace(/\s+/g, ' ').trim();
    const key = foldTurkish(v);
    if (v && !seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
};

export function parseBirthday(v: string): { birthYear: number | null; birthMonth: number; birthDay: number } {
  const m = /^(\d{4}|-)-(\d{2})-(\d{2})$/.exec(v);
  const year = m && m[1] !== '-' ? Number(m[1]) : null;
  const month = m ? Number(m[2]) : 0;
  const day = m ? Number(m[3]) : 0;
  const probe = new Date(Date.UTC(year ?? 2000, month - 1, day));
  if (!m || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || (year !== null && year < 1900)) {
    throw invalidField('/birthday', 'invalid_birthday', 'customers.invalid_birthday');
  }
  return { birthYear: year, birthMonth: month, birthDay: day };
}

export function formatBirthday(r: Pick<Row, 'birthYear' | 'birthMonth' | 'birthDay'>): string | null {
  if (r.birthMonth === null || r.birthDay === null) return null;
  const mmdd = `${String(r.birthMonth).padStart(2, '0')}-${String(r.birthDay).padStart(2, '0')}`;
  return r.birthYear === null ? `--${mmdd}` : `${r.birthYear}-${mmdd}`;
}

function listIdentities(kind: 'card' | 'external', values: string[] | undefined, normalize: (v: string) => string | null): Identity[] {
  return (values ?? []).map((raw, i) => {
    const value = normalize(raw);
    if (!value) throw invalidField(`/${kind === 'card' ? 'cards' : 'externalIds'}/${i}`, `invalid_${kind}`, `customers.invalid_${kind}`);
    return { kind, value };
  });
}

/**
 * Validates and normalises an input into column values and the identities it names. Only the
 * fields present in the input appear in `columns`, so the same function serves create and patch.
 */
export function normalizeProfile(
  input: ProfileInput,
  fields: CustomField[],
  currentCustom: Record<string, CustomValue> = {},
): { columns: Columns; identities: Identity[] } {
  const columns: Columns = {};
  const identities: Identity[] = [];
  if (input.firstName !== undefined) columns.firstName = cleanName(input.firstName);
  if (input.lastName !== undefined) columns.lastName = cleanName(input.lastName);
  if (input.phone !== undefined) {
    columns.phone = input.phone === null || input.phone.trim() === '' ? null : customerPhone(input.phone);
    if (columns.phone) identities.push({ kind: 'phone', value: columns.phone });
  }
  if (input.email !== undefined) {
    if (input.email === null || input.email.trim() === '') columns.email = null;
    else {
      const email = normalizeEmail(input.email);
      if (!email) throw invalidField('/email', 'invalid_email', 'validation.invalid_email');
      columns.email = email;
      identities.push({ kind: 'email', value: email });
    }
  }
  if (input.birthday !== undefined) {
    Object.assign(columns, input.birthday === null ? { birthYear: null, birthMonth: null, birthDay: null } : parseBirthday(input.birthday));
  }
  if (input.gender !== undefined) columns.gender = input.gender;
  if (input.city !== undefined) columns.city = cleanPlace(input.city);
  if (input.district !== undefined) columns.district = cleanPlace(input.district);
  if (input.preferredStoreId !== undefined) columns.preferredStoreId = input.preferredStoreId;
  if (input.sizes) {
    if (input.sizes.top !== undefined) columns.sizeTop = input.sizes.top?.trim() || null;
    if (input.sizes.bottom !== undefined) columns.sizeBottom = input.sizes.bottom?.trim() || null;
    if (input.sizes.shoe !== undefined) columns.sizeShoe = input.sizes.shoe?.trim() || null;
  }
  if (input.colours) columns.colours = cleanList(input.colours);
  if (input.styles) columns.styles = cleanList(input.styles);
  if (input.tags) columns.tags = cleanList(input.tags);
  if (input.custom) columns.custom = applyCustomPatch(fields, currentCustom, input.custom);
  identities.push(
    ...listIdentities('card', input.cards, normalizeCard),
    ...listIdentities('external', input.externalIds, normalizeExternal),
  );
  return { columns, identities };
}

/** Recomputes what depends on other columns: the folded name key and the quality score. */
export function derived(
  row: Omit<Row, 'orgId' | 'id' | 'qualityScore' | 'qualityIssues' | 'nameKey'>,
): Pick<Row, 'nameKey' | 'qualityScore' | 'qualityIssues'> {
  const q = assessQuality({ ...row, consentRecorded: row.consentRecordedAt !== null });
  return {
    nameKey: foldTurkish(`${row.firstName ?? ''} ${row.lastName ?? ''}`),
    qualityScore: q.score,
    qualityIssues: q.issues,
  };
}

function maskIdentity(i: Identity): Identity {
  switch (i.kind) {
    case 'phone':
      return { kind: i.kind, value: maskPhone(i.value) };
    case 'email':
      return { kind: i.kind, value: maskEmail(i.value) };
    case 'card':
      return { kind: i.kind, value: `****${i.value.slice(-4)}` };
    case 'external':
      return i;
  }
}

/**
 * The API shape of a customer. `masked` is for callers without `pii.read`: contact details and
 * the birth year are hidden, names stay (staff must be able to greet the customer).
 */
export function toCustomer(row: Row, identities: Identity[], masked: boolean) {
  return {
    id: row.id,
    status: row.status as 'active' | 'merged' | 'anonymized',
    mergedInto: row.mergedInto,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: row.phone && masked ? maskPhone(row.phone) : row.phone,
    email: row.email && masked ? maskEmail(row.email) : row.email,
    birthday: masked ? formatBirthday({ ...row, birthYear: null }) : formatBirthday(row),
    gender: row.gender as (typeof GENDERS)[number] | null,
    city: row.city,
    district: row.district,
    preferredStoreId: row.preferredStoreId,
    sizes: { top: row.sizeTop, bottom: row.sizeBottom, shoe: row.sizeShoe },
    colours: row.colours,
    styles: row.styles,
    tags: row.tags,
    custom: row.custom,
    identities: masked ? identities.map(maskIdentity) : identities,
    createdVia: row.createdVia as CreatedVia,
    createdStoreId: row.createdStoreId,
    createdBy: row.createdById ? { type: row.createdByType ?? 'user', id: row.createdById, name: row.createdByName ?? '' } : null,
    consentRecorded: row.consentRecordedAt !== null,
    quality: { score: row.qualityScore, issues: row.qualityIssues },
    masked,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type CustomerView = ReturnType<typeof toCustomer>;
