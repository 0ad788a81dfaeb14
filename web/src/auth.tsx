// Who is signed in, the organisation settings, and what the role may do.
// The CSRF token lives only in memory; on load it is fetched again from
// GET /api/v1/auth/session (the session cookie itself is HttpOnly), which
// answers user null rather than 401 to a visitor who is not signed in.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthorized, setCsrfToken } from './api';
import { isPublicPath } from './publicOrg';
import type { Role, Settings, User } from './types';

interface AuthState {
  user: User | null;
  settings: Settings | null;
  loading: boolean;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  // Shows `fresh` settings at once, or fetches them; a failed fetch keeps what was shown.
  reloadSettings: (fresh?: Settings) => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

interface SessionAnswer {
  user: User;
  csrf_token: string;
}

interface MaybeSession {
  user: User | null;
  csrf_token: string | null;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loading, setLoading] = useState(true);

  const reloadSettings = useCallback(async (fresh?: Settings) => {
    if (fresh) {
      setSettings(fresh);
      return;
    }
    try {
      setSettings(await api.get<Settings>('/api/v1/settings'));
    } catch {
      // Keep the settings already shown; the page that needed them reports its own error.
    }
  }, []);

  useEffect(() => {
    let live = true;
    // The complainant's pages have no account to ask about (publicOrg.tsx).
    if (isPublicPath(window.location.pathname)) {
      setLoading(false);
      return;
    }
    onUnauthorized(() => {
      setCsrfToken('');
      setUser(null);
    });
    api
      .get<MaybeSession>('/api/v1/auth/session')
      .then(async (me) => {
        if (!live) return;
        if (!me.user) {
          setUser(null);
          return;
        }
        setCsrfToken(me.csrf_token ?? '');
        setUser(me.user);
        await reloadSettings();
      })
      .catch(() => {
        if (live) setUser(null);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
      onUnauthorized(null);
    };
  }, [reloadSettings]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const answer = await api.post<SessionAnswer>('/api/v1/auth/login', { email, password });
      setCsrfToken(answer.csrf_token);
      setUser(answer.user);
      await reloadSettings();
    },
    [reloadSettings],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post<void>('/api/v1/auth/logout');
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    setCsrfToken('');
    setUser(null);
    setSettings(null);
  }, []);

  const value = useMemo(
    () => ({ user, settings, loading, signIn, signOut, reloadSettings }),
    [user, settings, loading, signIn, signOut, reloadSettings],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** What a role may change (the server enforces the same rules). */
export type Permission = 'customers' | 'communications' | 'segments' | 'requirements' | 'audit_verify' | 'admin' | 'complaints' | 'quality';

const RANK: Record<Role, number> = { viewer: 0, handler: 1, quality_manager: 2, admin: 3 };
const NEEDS: Record<Permission, number> = {
  customers: 1,
  communications: 1,
  segments: 2,
  requirements: 2,
  audit_verify: 2,
  admin: 3,
  complaints: 1, // work on complaints and corrective actions
  quality: 2, // complaint settings, categories, volumes, export, import
};

export function can(user: User | null, what: Permission): boolean {
  if (!user) return false;
  return (RANK[user.role] ?? 0) >= NEEDS[what];
}

export function useCan(what: Permission): boolean {
  return can(useAuth().user, what);
}
