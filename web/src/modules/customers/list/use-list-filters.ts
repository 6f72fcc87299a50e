import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { QUALITY_ISSUES } from '../quality-issues';
import type { CustomerFilters, QualityIssue } from '../queries';

/** The list's filters as they are kept in the address: shareable, and other pages link to them. */
export const FILTER_PARAMS = ['q', 'tag', 'city', 'storeId', 'from', 'to', 'custom', 'issue'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];
export type FilterValues = Partial<Record<FilterParam, string>>;

/**
 * The filters from the address, and the query the API takes. `from`/`to` are days, both
 * included; the API's `createdTo` is exclusive, so it gets the day after.
 */
export function useListFilters() {
  const [params, setParams] = useSearchParams();
  const values = useMemo(
    () => Object.fromEntries(FILTER_PARAMS.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : []))) as FilterValues,
    [params],
  );
  const query = useMemo((): CustomerFilters => {
    const issue = QUALITY_ISSUES.find((i) => i === values.issue) as QualityIssue | undefined;
    return {
      q: values.q,
      tag: values.tag,
      city: values.city,
      storeId: values.storeId,
      custom: values.custom,
      issue,
      createdFrom: values.from,
      createdTo: values.to ? dayjs(values.to).add(1, 'day').format('YYYY-MM-DD') : undefined,
    };
  }, [values]);

  const set = (changes: FilterValues) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      // Typing in the search box should not fill the history with every letter.
      { replace: true },
    );
  const clear = () => set(Object.fromEntries(FILTER_PARAMS.filter((k) => k !== 'q').map((k) => [k, undefined])));
  return { values, query, set, clear };
}
