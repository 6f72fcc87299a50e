import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { likeEscaped } from '../../platform/db/like';
import { titleCaseTr } from '../../platform/text';
import {
  checkStores,
  compare,
  DATE_OPERATORS,
  instantTest,
  NUMBER_OPERATORS,
  storeOptions,
  textArray,
  today,
  uuidArray,
} from '../segments/field-sql';
import { registerSegmentField, type SegmentField } from '../segments/registry';
import { listCustomFields } from './custom-fields';
import { GENDERS } from './profile';

// The customers module's segment fields: profile, custom fields, tags, places, birthday.

const GENDER_LABELS = { female: { tr: 'Kadın', en: 'Female' }, male: { tr: 'Erkek', en: 'Male' }, other: { tr: 'Diğer', en: 'Other' } };

/** Cities and districts are stored title-cased in Turkish (İstanbul), so "İSTANBUL" and "istanbul" match. */
function placeField(key: 'city' | 'district', label: SegmentField['label']): SegmentField {
  const column = sql.raw(`c.${key}`);
  return {
    key,
    group: 'profile',
    label,
    operators: { in: 'text_list', not_in: 'text_list', is_set: 'none', is_not_set: 'none' },
    async options(tx) {
      const { rows } = await tx.execute(
        sql`select ${column} as v from customers c where c.org_id = ${tx.orgId} and c.status = 'active' and ${column} is not null
            group by 1 order by count(*) desc limit 200`,
      );
      return (rows as { v: string }[]).map((r) => ({ value: r.v, label: r.v }));
    },
    compile({ operator, value }) {
      const places = () => textArray((value as string[]).map((v) => titleCaseTr(v.trim())));
      if (operator === 'in') return sql`${column} = any(${places()})`;
      if (operator === 'not_in') return sql`${column} is not null and not (${column} = any(${places()}))`;
      return compare(column, operator, value);
    },
  };
}

const customField: SegmentField = {
  key: 'custom',
  group: 'profile',
  label: { tr: 'Özel alan', en: 'Custom field' },
  operators: {
    eq: 'text',
    neq: 'text',
    contains: 'text',
    gte: 'number',
    lte: 'number',
    is_true: 'none',
    is_false: 'none',
    is_set: 'none',
    is_not_set: 'none',
  },
  params: { key: { type: 'text', required: true, label: { tr: 'Alan', en: 'Field' } } },
  async options(tx) {
    return (await listCustomFields(tx)).map((f) => ({ value: f.key, label: f.label }));
  },
  async resolve(tx, condition) {
    return (await listCustomFields(tx)).some((f) => f.key === condition.key) ? condition : { invalid: 'key' };
  },
  compile({ operator, value, key }) {
    const json = sql`(c.custom -> ${key})`;
    const text = sql`(c.custom ->> ${key})`;
    switch (operator) {
      case 'eq':
        return sql`${text} = ${value}`;
      case 'neq':
        return sql`${text} is distinct from ${value}`;
      case 'contains':
        // a multi-select holds the option; a text holds the words
        return sql`case jsonb_typeof(${json}) when 'array' then jsonb_exists(${json}, ${value})
          when 'string' then ${text} ilike ${likeEscaped(String(value), 'contains')} else false end`;
      case 'gte':
      case 'lte':
        return compare(sql`(case when jsonb_typeof(${json}) = 'number' then ${text}::numeric end)`, operator, value);
      case 'is_true':
        return sql`${json} = 'true'::jsonb`;
      case 'is_false':
        return sql`${json} = 'false'::jsonb`;
      default:
        return compare(json, operator, value);
    }
  },
};

/** Days from today (org calendar) to the next birthday; 29 February falls on 1 March in other years. */
const nextBirthday = (env: Parameters<SegmentField['compile']>[1]) => sql`(
  select case when b >= t then b - t else (b + interval '1 year')::date - t end
  from (select ${today(env)} as t) d,
  lateral (select (date_trunc('year', d.t) + make_interval(months => c.birth_month - 1, days => c.birth_day - 1))::date as b) x)`;

export const customerSegmentFields: SegmentField[] = [
  placeField('city', { tr: 'İl', en: 'City' }),
  placeField('district', { tr: 'İlçe', en: 'District' }),
  {
    key: 'gender',
    group: 'profile',
    label: { tr: 'Cinsiyet', en: 'Gender' },
    operators: { in: 'enum_list', is_not_set: 'none' },
    enumValues: GENDERS,
    async options(_tx, locale) {
      return GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g][locale] }));
    },
    compile: ({ operator, value }) => (operator === 'in' ? sql`c.gender = any(${textArray(value)})` : sql`c.gender is null`),
  },
  {
    key: 'age',
    group: 'profile',
    label: { tr: 'Yaş', en: 'Age' },
    operators: { ...NUMBER_OPERATORS, is_not_set: 'none' },
    compile: ({ operator, value }, env) => compare(sql`(extract(year from ${today(env)})::int - c.birth_year)`, operator, value),
  },
  {
    key: 'birthday',
    group: 'profile',
    label: { tr: 'Doğum günü', en: 'Birthday' },
    operators: { within_next: 'days' },
    compile: ({ value }, env) => sql`c.birth_month is not null and c.birth_day is not null and ${nextBirthday(env)} <= ${value}::int`,
  },
  {
    key: 'tags',
    group: 'profile',
    label: { tr: 'Etiketler', en: 'Tags' },
    operators: { any_of: 'text_list', all_of: 'text_list', none_of: 'text_list' },
    async options(tx: Tx) {
      const { rows } = await tx.execute(
        sql`select t as v from customers c, unnest(c.tags) t where c.org_id = ${tx.orgId} and c.status = 'active' group by t order by count(*) desc limit 200`,
      );
      return (rows as { v: string }[]).map((r) => ({ value: r.v, label: r.v }));
    },
    compile({ operator, value }) {
      if (operator === 'any_of') return sql`c.tags && ${textArray(value)}`;
      if (operator === 'all_of') return sql`c.tags @> ${textArray(value)}`;
      return sql`not (c.tags && ${textArray(value)})`;
    },
  },
  {
    key: 'created',
    group: 'profile',
    label: { tr: 'Kayıt tarihi', en: 'Registered on' },
    operators: DATE_OPERATORS,
    compile: ({ operator, value }, env) => instantTest(sql`c.created_at`, operator, value, env),
  },
  {
    key: 'preferred_store',
    group: 'profile',
    label: { tr: 'Tercih ettiği mağaza', en: 'Preferred store' },
    operators: { in: 'uuid_list', is_not_set: 'none' },
    options: storeOptions,
    resolve: (tx, condition) => (condition.operator === 'in' ? checkStores(tx, condition) : Promise.resolve(condition)),
    compile: ({ operator, value }) =>
      operator === 'in' ? sql`c.preferred_store_id = any(${uuidArray(value)})` : sql`c.preferred_store_id is null`,
  },
  {
    key: 'has_email',
    group: 'profile',
    label: { tr: 'E-postası var', en: 'Has an e-mail' },
    operators: { is_true: 'none', is_false: 'none' },
    compile: ({ operator }) => (operator === 'is_true' ? sql`c.email is not null` : sql`c.email is null`),
  },
  customField,
];

export function registerCustomerSegmentFields(): void {
  for (const field of customerSegmentFields) registerSegmentField(field);
}
