// Who is signed in. Any 401 from the API ends the session and returns the operator to «Вход».
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, setUnauthorizedListener } from '../api/client';
import { api } from '../api/endpoints';
import type { Me } from '../api/types';
import { navigate } from '../app/router';

export const SESSION_EXPIRED_NOTICE = 'Сеанс истёк, войдите снова';

export type SessionState =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiError }
  | { status: 'anonymous'; notice: string | null }
  | { status: 'signedIn'; me: Me };

type SessionContextValue = {
  state: SessionState;
  signedIn: (me: Me) => void;
  logout: () => Promise<void>;
  retry: () => void;
};

const SessionContext = createContext<SessionContextValue | null>(null);

function noticeFor(error: ApiError): string {
  return error.code === 'session_expired' ? SESSION_EXPIRED_NOTICE : error.message;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api.me().then(
      ({ user }) => !cancelled && setState({ status: 'signedIn', me: user }),
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 401) {
          setState({
            status: 'anonymous',
            notice: error.code === 'session_expired' ? SESSION_EXPIRED_NOTICE : null,
          });
        } else {
          setState({
            status: 'failed',
            error:
              error instanceof ApiError
                ? error
                : new ApiError({ status: 0, code: 'unknown', message: String(error) }),
          });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  useEffect(() => {
    setUnauthorizedListener((error) => {
      setState((current) =>
        current.status === 'signedIn' ? { status: 'anonymous', notice: noticeFor(error) } : current,
      );
      queryClient.clear();
    });
    return () => setUnauthorizedListener(null);
  }, [queryClient]);

  const signedIn = useCallback(
    (me: Me) => {
      queryClient.clear();
      setState({ status: 'signedIn', me });
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch (error) {
      // A 401 means the session is already gone; anything else keeps the operator signed in.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    queryClient.clear();
    setState({ status: 'anonymous', notice: null });
    navigate('/login');
  }, [queryClient]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ state, signedIn, logout, retry }), [state, signedIn, logout, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in operator; only for components rendered inside the shell. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useMe without a session');
  return state.me;
}

export function can(me: Me, permission: string): boolean {
  return me.permissions.includes(permission);
}
