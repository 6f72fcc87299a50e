import { useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list's filters kept in the address: a filtered list can be shared, comes back on "back", and
 * other pages can link to it filtered. An empty value removes the parameter.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(
    () => Object.fromEntries(keys.flatMap((k) => (params.get(k) ? [[k, params.get(k) as string]] : []))) as Partial<Record<K, string>>,
    [params, keys],
  );
  const set = (changes: Partial<Record<K, string | undefined>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes) as [string, string | undefined][]) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  return { values, set, clear: () => setParams(new URLSearchParams(), { replace: true }) };
}
