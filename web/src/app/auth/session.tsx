import { queryOptions, useQuery } from '@tanstack/react-query';
import { createContext, useContext, useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { api, setCsrfToken } from '../api/client';
import { isProblem, unwrap } from '../api/problem';
import type { Schema } from '../api/types';
import i18n from '../i18n';
import { FullPageLoader } from '../ui/FullPageLoader';

export type Me = Schema<'Me'>;
export type Permission = Me['permissions'][number];

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async () => {
    const me = await unwrap(api.GET('/api/v1/me'));
    setCsrfToken(me.csrfToken);
    return me;
  },
  staleTime: 5 * 60_000,
  retry: false,
  // A 401 here means "not signed in", which RequireSession answers with the login page.
  throwOnError: false,
});

const SessionContext = createContext<Me | null>(null);

/** The signed-in user, the org and what the user may do. Only inside RequireSession. */
export function useSession() {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession is used outside RequireSession');
  return { ...me, can: (permission: Permission) => me.permissions.includes(permission) };
}

/** Where the login page sends the user back to. */
export interface LoginState {
  from?: string;
  email?: string;
}

/** Renders its routes for a signed-in user; everyone else goes to /login and comes back after. */
export function RequireSession() {
  const location = useLocation();
  const { data: me, error } = useQuery(meQuery);
  const language = me ? (me.user?.locale ?? me.org.defaultLocale) : null;

  useEffect(() => {
    if (language && i18n.language !== language) i18n.changeLanguage(language);
  }, [language]);

  if (isProblem(error, 401)) {
    const state: LoginState = { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  if (error) throw error;
  if (!me) return <FullPageLoader />;
  return (
    <SessionContext value={me}>
      <Outlet />
    </SessionContext>
  );
}
