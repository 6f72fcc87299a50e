import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isProblem } from './api/problem';

/** A 401 anywhere means the session ended: refetching /me sends the user to the login page. */
function onUnauthenticated(error: unknown, key?: readonly unknown[]) {
  if (isProblem(error, 401) && key?.[0] !== 'me') queryClient.resetQueries({ queryKey: ['me'] });
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onUnauthenticated(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => onUnauthenticated(error, []) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // 4xx answers will not change on a retry; network blips and 5xx might.
      retry: (count, error) => count < 2 && !(isProblem(error) && error.status < 500),
      // Page errors go to the route's error boundary, which shows the problem's detail.
      throwOnError: true,
    },
  },
});
