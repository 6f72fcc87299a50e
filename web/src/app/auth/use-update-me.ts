import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { RequestBody } from '../api/types';
import { type Me, meQuery } from './session';

/** Changes the user's own name or language; the new language applies as /me updates. */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestBody<'/api/v1/me', 'patch'>) => unwrap(api.PATCH('/api/v1/me', { body })),
    onSuccess: (user) => queryClient.setQueryData<Me>(meQuery.queryKey, (me) => (me ? { ...me, user } : me)),
  });
}
