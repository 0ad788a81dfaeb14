// The frame of the complainant's pages (/complain, /status/…, /rate/…): no
// account, no navigation — a plain header, the main landmark and a short
// footer. There is no public endpoint for the organisation's name, so the
// header says "Complaints" (with the name when a signed-in staff member views
// the page and the settings are known).
import { useEffect, type ReactNode } from 'react';
import { useAuth } from '../auth';

/** `title` names the page in the document title; `newComplaintLink` (default true) shows the footer link to the form. */
export function PublicShell({ title, children, newComplaintLink = true }: { title: string; children: ReactNode; newComplaintLink?: boolean }) {
  const { settings } = useAuth();
  const org = settings?.name?.trim() ?? '';

  // App sets the document title after its children's effects on first load,
  // so set ours on the next tick.
  useEffect(() => {
    const t = window.setTimeout(() => {
      document.title = `${title} · ${org || 'Complaints'}`;
    }, 0);
    return () => window.clearTimeout(t);
  }, [title, org]);

  return (
    <div className="public">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="public-top">
        <div className="public-top-inner">
          <span className="brand-mark" aria-hidden="true">
            {(org || 'C').charAt(0).toUpperCase()}
          </span>
          <span className="public-brand">
            {org ? <span className="public-org">{org}</span> : null}
            <span className={org ? 'public-app' : 'public-org'}>Complaints</span>
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
