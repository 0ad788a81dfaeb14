// The header's link to the notification inbox with the number of unread
// notifications. The count is fetched on mount, on every route change, every
// 30 s, and whenever a page says it changed (notificationsChanged()); a failed
// fetch keeps the last count.
import { useCallback, useEffect, useRef, useState } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { api } from '../api';
import type { UnreadCount } from '../notificationTypes';

const CHANGED = 'hearken:notifications-changed';
const EVERY_MS = 30_000;

/** Tells the bell to fetch the count again (after marking notifications read). */
export function notificationsChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

export function NotificationBell() {
  const { pathname } = useLocation();
  const [unread, setUnread] = useState(0);
  const live = useRef(true);
  const latest = useRef(0);

  const refresh = useCallback(() => {
    const mine = ++latest.current;
    api.get<UnreadCount>('/api/v1/notifications/unread-count').then(
      (d) => {
        // Only the newest request counts: an older answer may be stale.
        if (!live.current || mine !== latest.current) return;
        const n = Number(d?.unread);
        if (Number.isFinite(n)) setUnread(Math.max(0, Math.floor(n)));
      },
      () => {
        // Keep the last count; the next poll tries again.
      },
    );
  }, []);

  useEffect(() => {
    live.current = true;
    const timer = window.setInterval(refresh, EVERY_MS);
    window.addEventListener(CHANGED, refresh);
    return () => {
      live.current = false;
      window.clearInterval(timer);
      window.removeEventListener(CHANGED, refresh);
    };
  }, [refresh]);

  useEffect(() => {
    refresh();
  }, [pathname, refresh]);

  return (
    <NavLink to="/notifications" className="bell" aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}>
      <span className="bell-text">Notifications</span>
      {unread > 0 ? <span className="bell-count">{unread}</span> : null}
    </NavLink>
  );
}
