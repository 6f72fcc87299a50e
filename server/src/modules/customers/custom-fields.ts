import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';
import { conflict, invalidField, notFound } from '../../platform/http/problem';
import { type AuditSource, recordAudit } from '../access/audit';
import { type CustomValue, customFields } from './schema';

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'select', 'multi_select', 'boolean'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomFieldInput {
  key: string;
  label: string;
  type: CustomFieldType;
  options?: string[];
  position?: number;
}

export type CustomField = typeof customFields.$inferSelect;

export async function listCustomFields(tx: Tx): Promise<CustomField[]> {
  return tx.select().from(customFields).where(eq(customFields.orgId, tx.orgId!)).orderBy(asc(customFields.position), asc(customFields.key));
}

function checkOptions(type: CustomFieldType, options: string[] | undefined) {
  const needs = type === 'select' || type === 'multi_select';
  if (needs && (!options || options.length === 0)) throw invalidField('/options', 'options_required', 'customers.options_required');
  if (!needs && options && options.length > 0) throw invalidField('/options', 'options_not_allowed', 'customers.options_not_allowed');
}

export async function createCustomField(tx: Tx, source: AuditSource, input: CustomFieldInput): Promise<CustomField> {
  checkOptions(input.type, input.options);
  try {
    const [row] = await tx
      .insert(customFields)
      .values({ ...input, options: input.options ?? [], orgId: tx.orgId! })
      .returning();
    await recordAudit(tx, source, 'custom_field.create', { type: 'custom_field', id: row.key }, { type: row.type });
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('custom_field_exists', 'customers.custom_field_exists');
    throw err;
  }
}

/** The type of a field cannot change: stored values would stop matching it. */
export async function updateCustomField(
  tx: Tx,
  source: AuditSource,
  key: string,
  patch: Partial<Pick<CustomFieldInput, 'label' | 'options' | 'position'>>,
): Promise<CustomField> {
  const [current] = await tx
    .select()
    .from(customFields)
    .where(and(eq(customFields.orgId, tx.orgId!), eq(customFields.key, key)));
  if (!current) throw notFound();
  if (patch.options) checkOptions(current.type as CustomFieldType, patch.options);
  const [row] = await tx
    .update(customFields)
    .set(patch)
    .where(and(eq(customFields.orgId, tx.orgId!), eq(customFields.key, key)))
    .returning();
  await recordAudit(tx, source, 'custom_field.update', { type: 'custom_field', id: key }, patch);
  return row;
}

export async function deleteCustomField(tx: Tx, source: AuditSource, key: string): Promise<void> {
  const deleted = await tx
    .delete(customFields)
    .where(and(eq(customFields.orgId, tx.orgId!), eq(customFields.key, key)))
    .returning({ key: customFields.key });
  if (deleted.length === 0) throw notFound();
  await recordAudit(tx, source, 'custom_field.delete', { type: 'custom_field', id: key });
}

/** Checks one value against its field's type; returns it normalised, or throws a 400 on `/custom/key`. */
export function validateCustomValue(field: CustomField, value: unknown): CustomValue {
  const path = `/custom/${field.key}`;
  const bad = () => invalidField(path, 'invalid_custom_value', 'customers.invalid_custom_value', { type: field.type });
  switch (field.type as CustomFieldType) {
    case 'text':
      if (typeof value !== 'string' || value.length > 1000) throw bad();
      return value.trim();
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad();
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw bad();
      return value;
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw bad();
      return value;
    case 'select':
      if (typeof value !== 'string' || !field.options.includes(value)) throw bad();
      return value;
    case 'multi_select':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && field.options.includes(v))) throw bad();
      return [...new Set(value as string[])];
  }
}

/** Applies a patch of custom values (null removes one) to the current ones. */
export function applyCustomPatch(
  fields: CustomField[],
  current: Record<string, CustomValue>,
  patch: Record<string, unknown>,
): Record<string, CustomValue> {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    const field = byKey.get(key);
    if (!field) throw invalidField(`/custom/${key}`, 'unknown_custom_field', 'customers.unknown_custom_field', { key });
    if (value === null) delete next[key];
    else next[key] = validateCustomValue(field, value);
  }
  return next;
}
