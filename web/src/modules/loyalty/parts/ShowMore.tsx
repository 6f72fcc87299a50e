import { useState } from 'react';
import { LoadMore } from '../../../app/ui/LoadMore';

const PAGE = 25;

/**
 * Pages of a list the API answers whole (promotions, stamp cards, receipt-bottom rules: at most
 * 1,000 each): 25 rows, then 25 more on request. `reset` restarts from the first page (a filter).
 */
export function useShowMore<T>(rows: T[], reset?: unknown) {
  const [shown, setShown] = useState({ reset, count: PAGE });
  const count = Object.is(shown.reset, reset) ? shown.count : PAGE;
  return {
    visible: rows.slice(0, count),
    hasNextPage: rows.length > count,
    isFetchingNextPage: false,
    fetchNextPage: () => setShown({ reset, count: count + PAGE }),
  };
}

export function ShowMore(props: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown }) {
  return <LoadMore {...props} />;
}
