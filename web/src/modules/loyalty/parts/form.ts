import type { FormErrors, UseFormReturnType } from '@mantine/form';
import { showFormError } from '../../../app/api/form-errors';

/**
 * The form's errors below `prefix`, keyed by the rest of their path: a sub-editor (a line selector,
 * the conditions of a promotion) shows the server's field errors on its own inputs.
 * `errorsUnder({ 'definition.target.skus.0': 'x' }, 'definition.target')` → `{ 'skus.0': 'x' }`.
 */
export function errorsUnder(errors: FormErrors, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (!message) continue;
    if (path === prefix) out[''] = String(message);
    else if (path.startsWith(`${prefix}.`)) out[path.slice(prefix.length + 1)] = String(message);
  }
  return out;
}

/** Every error at `key` or below it, as one text (for an input that edits a list). */
export function errorAt(errors: Record<string, string>, key: string): string | undefined {
  const found = Object.entries(errors)
    .filter(([path]) => path === key || path.startsWith(`${key}.`))
    .map(([, m]) => m);
  return found.length ? [...new Set(found)].join(' ') : undefined;
}

/** Drops `key` when the value is empty (undefined, '', [] or an object without keys). */
export function setOrDrop<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): T {
  const next = { ...obj };
  const empty =
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0);
  if (empty) delete next[key];
  else next[key] = value as T[K];
  return next;
}

/**
 * Shows an API error on a form (the app's showFormError) and scrolls the first invalid input into
 * view: the sub-editors' inputs are not registered with the form, so it cannot focus them itself.
 */
// biome-ignore lint/suspicious/noExplicitAny: any form shape; only its errors are touched.
export function showErrors(form: UseFormReturnType<any>, error: unknown, codeFields: Record<string, string> = {}) {
  showFormError(form, error, codeFields);
  requestAnimationFrame(() => document.querySelector('[aria-invalid="true"]')?.scrollIntoView({ block: 'center' }));
}

/** Sets a part of the form and forgets the errors below it (they were about the old value). */
// biome-ignore lint/suspicious/noExplicitAny: any form shape.
export function setClearing(form: UseFormReturnType<any>, path: string, value: unknown) {
  form.setFieldValue(path, value);
  const kept = Object.fromEntries(Object.entries(form.errors).filter(([k]) => k !== path && !k.startsWith(`${path}.`)));
  if (Object.keys(kept).length !== Object.keys(form.errors).length) form.setErrors(kept);
}
