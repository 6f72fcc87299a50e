import type { UseFormReturnType } from '@mantine/form';
import { notifyError } from '../ui/notify';
import { isProblem } from './problem';

/** `/openingHours/mon/0` (a JSON pointer from the server) → `openingHours.mon.0` (a form path). */
const toFormPath = (pointer: string) => pointer.replace(/^\//, '').split('/').join('.');

/**
 * Shows an API error on a form: each of the server's field errors on its field, and a
 * notification for what no field can show. `codeFields` names the field for problems the server
 * reports without a field (e.g. `{ store_code_taken: 'code' }`).
 */
// biome-ignore lint/suspicious/noExplicitAny: any form shape; only its errors are touched.
export function showFormError(form: UseFormReturnType<any>, error: unknown, codeFields: Record<string, string> = {}) {
  if (!isProblem(error)) return notifyError(error);
  const values = form.getValues() as Record<string, unknown>;
  const onFields: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const e of error.errors) {
    const path = toFormPath(e.field);
    if (path && path.split('.')[0] in values) onFields[path] = e.detail;
    else elsewhere.push(e.detail);
  }
  const field = codeFields[error.code];
  if (field) onFields[field] = error.detail;
  form.setErrors(onFields);
  // The field may be scrolled away in a long form (a drawer on a phone): bring it into view.
  const first = Object.keys(onFields)[0];
  if (first) requestAnimationFrame(() => form.getInputNode(first)?.focus());
  if (Object.keys(onFields).length === 0) notifyError(error);
  else if (elsewhere.length) notifyError(error, elsewhere.join(' '));
}
