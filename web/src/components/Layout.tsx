// The app shell: header (organisation, user, sign-out), navigation that
// collapses behind a "Menu" button on narrow screens, and the main landmark.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router-dom';
import { can, useAuth } from '../auth';
import { label } from '../format';
import { NotificationBell } from './NotificationBell';

const COMING = ['Analytics', 'Improvement', 'Management review'];

export function Layout({ children }: { children: ReactNode }) {
  const { user, settings, signOut } = useAuth();
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();

  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    setOpen(false);
    // After in-app navigation, move focus to the new page (not on first load).
    if (firstRender.current) firstRender.current = false;
    else mainRef.current?.focus({ preventScroll: false });
  }, [location.pathname]);

  // "My cases" is the complaints list on the Mine queue; the two are told
  // apart by the query, which NavLink does not look at.
  const mine = location.pathname === '/complaints' && new URLSearchParams(location.search).get('queue') === 'mine';
  const links: { to: string; text: string; show: boolean; active?: boolean }[] = [
    { to: '/complaints?queue=mine', text: 'My cases', show: can(user, 'complaints'), active: mine },
    { to: '/complaints', text: 'Complaints', show: true, active: location.pathname === '/complaints' && !mine },
    { to: '/complaints/analysis', text: 'Complaint analysis', show: true },
    { to: '/corrective-actions', text: 'Corrective actions', show: true },
    { to: '/surveys', text: 'Surveys', show: true },
    { to: '/feedback', text: 'Feedback', show: true },
    { to: '/customers', text: 'Customers', show: true },
    { to: '/segments', text: 'Segments', show: true },
    { to: '/requirements', text: 'Requirements', show: true },
    { to: '/communications', text: 'Communications', show: true },
    { to: '/audit', text: 'Audit trail', show: true },
    { to: '/users', text: 'Users', show: can(user, 'admin') },
    { to: '/settings', text: 'Settings', show: can(user, 'admin') },
    { to: '/complaint-settings', text: 'Complaint settings', show: can(user, 'quality') },
    { to: '/tokens', text: 'API tokens', show: true },
  ];

  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={open}
          aria-controls="primary-nav"
          onClick={() => setOpen((o) => !o)}
        >
          <span className="menu-icon" aria-hidden="true" />
          Menu
        </button>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            H
          </span>
          <span className="brand-text">
            <span className="brand-org">{settings?.name || 'Hearken'}</span>
            <span className="brand-app">Hearken</span>
          </span>
        </div>
        <div className="who">
          <NotificationBell />
          <span className="who-name" title={user?.email}>
            {user?.display_name || user?.email}
          </span>
          <span className="who-role">{label(user?.role)}</span>
          <button
            type="button"
            className="btn btn-small"
            onClick={async () => {
              await signOut();
              navigate('/signin', { replace: true });
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <div className="body">
        <nav id="primary-nav" className={`sidenav${open ? ' open' : ''}`} aria-label="Main">
          <ul>
            {links
              .filter((l) => l.show)
              .map((l) => (
                <li key={l.to}>
                  {l.active === undefined ? (
                    <NavLink to={l.to}>{l.text}</NavLink>
                  ) : (
                    <Link to={l.to} className={l.active ? 'active' : undefined} aria-current={l.active ? 'page' : undefined}>
                      {l.text}
                    </Link>
                  )}
                </li>
              ))}
          </ul>
          <p className="nav-group" id="coming-soon">
            Coming soon
          </p>
          <ul aria-labelledby="coming-soon" className="coming">
            {COMING.map((c) => (
              <li key={c}>
                <span aria-disabled="true">{c}</span>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="main" tabIndex={-1} ref={mainRef}>
          {children}
        </main>
      </div>
    </div>
  );
}
