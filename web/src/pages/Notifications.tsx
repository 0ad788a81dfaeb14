// The notification inbox: what happened to the signed-in user's cases and
// actions (newest first, unread only unless asked), marking one or all as
// read, opening one (marked read first), and below it the preferences for
// which kinds are shown in the app and which are also sent by e-mail.
import { useEffect, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, qs } from '../api';
import { Empty, FormAlert, LoadError, Loading } from '../components/Feedback';
import { CheckboxField } from '../components/Fields';
import { notificationsChanged } from '../components/NotificationBell';
import { Pager } from '../components/Pager';
import { fmtDateTime } from '../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../hooks';
import {
  kindLabel,
  type MarkRead,
  type Notification,
  type NotificationList,
  type NotificationPreference,
  type NotificationPreferences,
  type UnreadCount,
} from '../notificationTypes';

const LIMIT = 25;
const READ = '/api/v1/notifications/read';

/** The link as an in-app path, or null when there is none (or it is not one of ours). */
function appPath(link: string): string | null {
  return link.startsWith('/') && !link.startsWith('//') ? link : null;
}

function NotificationItem(props: { item: Notification; busy: boolean; onMarkRead: (n: Notification) => void; onOpened: () => void }) {
  const n = props.item;
  const navigate = useNavigate();
  const unread = n.read_at === null;
  const to = appPath(n.link);
  const titleId = `notif-${n.id}-title`;

  // An unread one is marked read before its page opens; opened in another
  // tab or window (a modified click), it is marked read alongside.
  function open(e: MouseEvent<HTMLAnchorElement>) {
    if (!unread || !to) return;
    const marked = api
      .post<UnreadCount>(READ, { ids: [n.id] } satisfies MarkRead)
      .then(() => notificationsChanged())
      .catch(() => undefined);
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
      void marked.then(props.onOpened);
      return;
    }
    e.preventDefault();
    void marked.then(() => navigate(to));
  }

  return (
    <li className={`notif${unread ? ' notif-unread' : ''}`}>
      <p className="notif-title" id={titleId}>
        {unread ? <span className="notif-new">New</span> : null}
        {to ? (
          <Link to={to} onClick={open}>
            {n.title}
          </Link>
        ) : (
          <span>{n.title}</span>
        )}
      </p>
      {n.body ? <p className="notif-body pre">{n.body}</p> : null}
      <div className="notif-foot">
        <time className="muted small" dateTime={n.created_at}>
          {fmtDateTime(n.created_at)}
        </time>
        {unread ? (
          <button type="button" className="btn btn-small" aria-describedby={titleId} disabled={props.busy} onClick={() => props.onMarkRead(n)}>
            Mark as read
          </button>
        ) : null}
      </div>
    </li>
  );
}

function Inbox() {
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('all') !== '1';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const [tick, setTick] = useState(0);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState('');
  const list = useApi<NotificationList>(`/api/v1/notifications${qs({ unread: unreadOnly ? 'true' : undefined, limit: LIMIT, offset })}`, tick);
  const count = useApi<UnreadCount>('/api/v1/notifications/unread-count', tick);
  const results = useRef<HTMLDivElement>(null);
  const refocus = useRef(false);

  function set(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'offset') next.delete('offset');
    setParams(next, { replace: true });
  }

  const data = list.data;
  const anyUnread =
    (count.data?.unread ?? 0) > 0 || (unreadOnly && (data?.total ?? 0) > 0) || (data?.items ?? []).some((n) => n.read_at === null);

  useEffect(() => {
    if (!notice) return;
    const t = window.setTimeout(() => setNotice(''), 4000);
    return () => window.clearTimeout(t);
  }, [notice]);

  // Marking read can empty the last page of the unread ones: go back a page.
  useEffect(() => {
    if (!data || list.loading || data.items.length > 0 || offset === 0) return;
    const last = data.total > 0 ? Math.floor((data.total - 1) / LIMIT) * LIMIT : 0;
    if (last !== offset) set('offset', last ? String(last) : '');
  }, [data, list.loading, offset]);

  // A "Mark as read" button goes away once it has done its work; keep the
  // keyboard user in the list instead of back at the top of the page.
  useEffect(() => {
    if (!refocus.current || list.loading) return;
    refocus.current = false;
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) results.current?.focus();
  }, [data, list.loading]);

  async function markRead(body: MarkRead, message: string) {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post<UnreadCount>(READ, body);
      refocus.current = true;
      setNotice(message);
      setTick((t) => t + 1);
      notificationsChanged();
    } catch (e) {
      setErrors(toFormErrors(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="page-head">
        <h1>Notifications</h1>
        <div className="head-actions">
          <button type="button" className="btn" disabled={busy || !anyUnread} onClick={() => markRead({ all: true }, 'All notifications marked as read.')}>
            Mark all as read
          </button>
        </div>
      </div>
      <div role="status" className="notif-status">
        {notice ? <p className="alert alert-ok">{notice}</p> : null}
      </div>
      <FormAlert errors={errors} />
      <form className="filters notif-filters" aria-label="Filter notifications" onSubmit={(e) => e.preventDefault()}>
        <CheckboxField id="notif-unread-only" label="Unread only" checked={unreadOnly} onChange={(v) => set('all', v ? '' : '1')} />
      </form>
      <LoadError error={list.error} />
      {list.loading && !data ? <Loading /> : null}
      {data ? (
        <div className="notif-results" tabIndex={-1} ref={results}>
          {data.items.length === 0 ? (
            <Empty>{unreadOnly ? 'No unread notifications.' : 'No notifications.'}</Empty>
          ) : (
            <>
              <ul className="notif-list" aria-label="Notifications" aria-busy={list.loading}>
                {data.items.map((n) => (
                  <NotificationItem
                    key={n.id}
                    item={n}
                    busy={busy}
                    onMarkRead={(x) => markRead({ ids: [x.id] }, `Marked as read: ${x.title}`)}
                    onOpened={() => setTick((t) => t + 1)}
                  />
                ))}
              </ul>
              <Pager total={data.total} limit={LIMIT} offset={data.offset ?? offset} onOffset={(o) => set('offset', o ? String(o) : '')} />
            </>
          )}
        </div>
      ) : null}
    </>
  );
}

/** The error for one checkbox: "items/2/email", or the whole row "items/2". */
function prefError(fields: Record<string, string>, i: number, key: 'in_app' | 'email'): string | undefined {
  return fields[`items/${i}/${key}`] ?? fields[`items/${i}`];
}

function PreferencesForm({ initial }: { initial: NotificationPreference[] }) {
  const [items, setItems] = useState<NotificationPreference[]>(initial);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  function change(i: number, key: 'in_app' | 'email', value: boolean) {
    setSaved(false);
    setItems((old) => old.map((p, j) => (j === i ? { ...p, [key]: value } : p)));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    setErrors(NO_ERRORS);
    try {
      const body: NotificationPreferences = { items: items.map(({ kind, in_app, email }) => ({ kind, in_app, email })) };
      const answer = await api.put<NotificationPreferences>('/api/v1/notifications/preferences', body);
      if (Array.isArray(answer?.items)) setItems(answer.items);
      setSaved(true);
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form aria-label="Notification preferences" onSubmit={submit} noValidate>
      <FormAlert errors={errors} />
      <div className="table-wrap" tabIndex={0}>
        <table className="table notif-prefs">
          <thead>
            <tr>
              <th scope="col">Tell me when</th>
              <th scope="col">In the app</th>
              <th scope="col">By e-mail</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p, i) => {
              const what = kindLabel(p.kind);
              return (
                <tr key={p.kind}>
                  <th scope="row">{what}</th>
                  <PrefCell id={`notif-pref-${p.kind}-in-app`} label={`${what} — in the app`} checked={p.in_app} error={prefError(errors.fields, i, 'in_app')} onChange={(v) => change(i, 'in_app', v)} />
                  <PrefCell id={`notif-pref-${p.kind}-email`} label={`${what} — by e-mail`} checked={p.email} error={prefError(errors.fields, i, 'email')} onChange={(v) => change(i, 'email', v)} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Save preferences
        </button>
      </div>
      <div role="status" className="notif-status">
        {saved ? <p className="alert alert-ok">Preferences saved.</p> : null}
      </div>
    </form>
  );
}

/** One checkbox of the preferences table; its label is read out, not shown (the column says it). */
function PrefCell(props: { id: string; label: string; checked: boolean; error?: string; onChange: (v: boolean) => void }) {
  return (
    <td className="notif-check">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        aria-invalid={props.error ? true : undefined}
      />
      <label htmlFor={props.id} className="visually-hidden">
        {props.label}
      </label>
    </td>
  );
}

function Preferences() {
  const { data, error, loading } = useApi<NotificationPreferences>('/api/v1/notifications/preferences');
  return (
    <section className="notif-settings" aria-labelledby="notif-prefs-h">
      <h2 id="notif-prefs-h">What to tell me</h2>
      <p className="muted">For each event, choose whether it appears in this list, and whether you are also sent an e-mail.</p>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? <PreferencesForm initial={data.items} /> : null}
    </section>
  );
}

export function NotificationsPage() {
  return (
    <>
      <Inbox />
      <Preferences />
    </>
  );
}
