// The frame of the complainant's pages (/complain, /status/…, /rate/…): no
// account, no navigation — a plain header, the main landmark and a short
// footer. The header names the organisation (GET /api/v1/public/organisation,
// publicOrg.tsx); "Complaints" alone only when that could not be fetched.
import { useEffect, type ReactNode } from 'react';
import { usePublicOrg } from '../publicOrg';

/** `title` names the page in the document title; `newComplaintLink` (default true) shows the footer link to the form. */
export function PublicShell({ title, children, newComplaintLink = true, app = 'Complaints' }: { title: string; children: ReactNode; newComplaintLink?: boolean; app?: string }) {
  const org = usePublicOrg()?.name?.trim() ?? '';

  // App sets the document title after its children's effects on first load,
  // so set ours on the next tick.
  useEffect(() => {
    const t = window.setTimeout(() => {
      document.title = `${title} · ${org || app}`;
    }, 0);
    return () => window.clearTimeout(t);
  }, [title, org, app]);

  return (
    <div className="public">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="public-top">
        <div className="public-top-inner">
          {org ? (
            <span className="brand-mark" aria-hidden="true">
              {org.charAt(0).toUpperCase()}
            </span>
          ) : null}
          <span className="public-brand">
            {org ? <span className="public-org">{org}</span> : null}
            <span className={org ? 'public-app' : 'public-org'}>{app}</span>
          </span>
        </div>
      </header>
      <main id="main" className="public-main" tabIndex={-1}>
        {children}
      </main>
      {newComplaintLink ? (
        <footer className="public-foot">
          <p>
            <a href="/complain">Make a new complaint</a>
          </p>
        </footer>
      ) : null}
    </div>
  );
}
