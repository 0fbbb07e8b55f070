// Who is signed in. The session cookie is httpOnly; the CSRF token from sign-in or /me goes on changes.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Agent, api, onUnauthorized, setCsrfToken, unwrap } from './api-client.ts';
import { i18n, type LanguageCode } from './i18n.ts';
import { currentViewAs, forgetViewAs } from './view-as.ts';

interface SessionValue {
  agent: Agent | null;
  loading: boolean;
  /** True after a 401 on a signed-in session: show the sign-in dialog without leaving the page. */
  expired: boolean;
  signIn(email: string, password: string, remember: boolean): Promise<void>;
  signOut(): Promise<void>;
  setLanguage(language: LanguageCode): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [expired, setExpired] = useState(false);
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const res = await api.GET('/api/v1/me');
      if (res.response.status === 401) return null;
      const data = unwrap(res);
      setCsrfToken(data.csrfToken);
      return data.agent;
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const agent = me.data ?? null;

  useEffect(() => {
    // A preview (view as) shows the other agent's console in the administrator's own language.
    if (agent && !currentViewAs() && agent.language !== i18n.language)
      void i18n.changeLanguage(agent.language);
  }, [agent]);

  useEffect(() => onUnauthorized(() => setExpired(Boolean(queryClient.getQueryData(['me'])))), [queryClient]);

  const signIn = useCallback(
    async (email: string, password: string, remember: boolean) => {
      const data = unwrap(await api.POST('/api/v1/auth/session', { body: { email, password, remember } }));
      setCsrfToken(data.csrfToken);
      queryClient.setQueryData(['me'], data.agent);
      setExpired(false);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    forgetViewAs();
    await api.DELETE('/api/v1/auth/session');
    setCsrfToken(null);
    queryClient.setQueryData(['me'], null);
    queryClient.clear();
  }, [queryClient]);

  const setLanguage = useCallback(
    async (language: LanguageCode) => {
      await i18n.changeLanguage(language);
      if (queryClient.getQueryData(['me']) && !currentViewAs()) {
        const updated = unwrap(await api.PATCH('/api/v1/me', { body: { language } }));
        queryClient.setQueryData(['me'], updated);
      }
    },
    [queryClient],
  );

  const value = useMemo(
    () => ({ agent, loading: me.isLoading, expired, signIn, signOut, setLanguage }),
    [agent, me.isLoading, expired, signIn, signOut, setLanguage],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
