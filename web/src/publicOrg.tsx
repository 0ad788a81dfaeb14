// The organisation as the complainant's pages (/complain, /status/…, /rate/…)
// know it: its name for the header and its time zone for every time shown,
// from GET /api/v1/public/organisation — no account needed, so these pages
// never ask /auth/me (a 401 in every complainant's console).
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from './api';
import { setDisplayTimeZone } from './format';

export interface PublicOrganisation {
  name: string;
  time_zone: string;
}

const PUBLIC_PREFIXES = ['/complain', '/status/', '/rate/', '/s/', '/f'];

/** Whether `pathname` is one of the complainant's pages. */
export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PREFIXES.some((p) => (p.endsWith('/') ? pathname.startsWith(p) : pathname === p));
}

const PublicOrgContext = createContext<PublicOrganisation | null>(null);

/**
 * Renders `children` once the organisation is known (or could not be
 * fetched: then with no name, in the browser's zone), so the first render
 * already shows times in the organisation's zone.
 */
export function PublicOrgGate({ children }: { children: ReactNode }) {
  const [org, setOrg] = useState<PublicOrganisation | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => {
    let live = true;
    api
      .get<PublicOrganisation>('/api/v1/public/organisation')
      .then((o) => {
        if (!live) return;
        setDisplayTimeZone(o.time_zone);
        setOrg(o);
      })
      .catch(() => undefined)
      .finally(() => {
        if (live) setDone(true);
      });
    return () => {
      live = false;
    };
  }, []);
  if (!done) {
    return (
      <p className="boot muted" role="status">
        Loading…
      </p>
    );
  }
  return <PublicOrgContext.Provider value={org}>{children}</PublicOrgContext.Provider>;
}

/** The organisation on a complainant's page; null when it could not be fetched. */
export function usePublicOrg(): PublicOrganisation | null {
  return useContext(PublicOrgContext);
}
