/**
 * The fields of `values` that differ from `initial`, for a PATCH: the server records every sent
 * field as a change in the audit log, so unchanged ones stay out.
 */
export function changedFields<T extends Record<string, unknown>>(values: T, initial: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(initial[key])),
  ) as Partial<T>;
}
