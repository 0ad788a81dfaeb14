// Shared pieces of the complaint pages: the category taxonomy, the staff
// list for assignee and owner selects, SLA clock display and due times.
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { fmtDateTime, label } from '../format';
import { useApi } from '../hooks';
import type { Complaint, ComplaintCategory, Id, Page, SlaStatus, User } from '../types';
import { SelectField, type Option } from './Fields';

/** A list answer as items, whether the server sent `{items}` or a bare array. */
export function itemsOf<T>(data: Page<T> | T[] | undefined): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.items ?? [];
}

/** The category taxonomy (active and inactive), sorted by path. */
export function useCategories(refreshKey = 0): { items: ComplaintCategory[]; reload: () => void; error: ReturnType<typeof useApi>['error'] } {
  const res = useApi<Page<ComplaintCategory> | ComplaintCategory[]>('/api/v1/complaint-categories?limit=500', refreshKey);
  const items = itemsOf(res.data)
    .slice()
    .sort((a, b) => a.path.localeCompare(b.path));
  return { items, reload: res.reload, error: res.error };
}

/** Category options showing the whole path; inactive ones only when currently chosen. */
export function categoryOptions(items: ComplaintCategory[], current?: string): Option[] {
  return items
    .filter((c) => c.active || String(c.id) === current)
    .map((c) => ({ value: String(c.id), label: c.active ? c.path : `${c.path} (inactive)` }));
}

export function CategorySelect(props: {
  id: string;
  label?: string;
  value: string;
  onChange: (v: string) => void;
  categories: ComplaintCategory[];
  error?: string;
  empty?: string;
}) {
  return (
    <SelectField
      id={props.id}
      label={props.label ?? 'Category'}
      value={props.value}
      onChange={props.onChange}
      empty={props.empty ?? '— none —'}
      options={categoryOptions(props.categories, props.value)}
      error={props.error}
    />
  );
}

/**
 * Staff who can be chosen as assignee or owner: the enabled handlers, quality
 * managers and admins from GET /api/v1/staff (names and roles, no addresses).
 */
export function useStaff(): User[] {
  const { user } = useAuth();
  const [users, setUsers] = useState<User[]>(user ? [user] : []);
  useEffect(() => {
    let live = true;
    api
      .get<{ items: { id: Id; display_name: string; role: User['role'] }[] }>('/api/v1/staff')
      .then((d) => {
        if (live) setUsers(d.items.map((m) => ({ ...(user ?? ({} as User)), ...m, email: '', enabled: true })));
      })
      .catch(() => {
        // Keep the signed-in user only.
      });
    return () => {
      live = false;
    };
  }, [user?.id]);
  return users;
}

export function userName(users: User[], id: Id | null | undefined): string {
  if (id === null || id === undefined) return '';
  const u = users.find((x) => x.id === id);
  return u ? u.display_name || u.email : `User #${id}`;
}

/** Options for a user select; `extra` ids not in the list are kept as "User #id". */
export function userOptions(users: User[], ...extra: (Id | null | undefined)[]): Option[] {
  const out = users.map((u) => ({
    value: String(u.id),
    label: u.display_name && u.email ? `${u.display_name} (${u.email})` : u.display_name || u.email,
  }));
  for (const id of extra) {
    if (id !== null && id !== undefined && !users.some((u) => u.id === id)) out.push({ value: String(id), label: `User #${id}` });
  }
  return out;
}

/** The due time that matters now: acknowledge while unacknowledged, else resolve. */
export function currentDue(c: Complaint): { due: string | null; which: 'acknowledge' | 'resolve' | null } {
  if (c.ack_due_at) return { due: c.ack_due_at, which: 'acknowledge' };
  if (c.resolve_due_at) return { due: c.resolve_due_at, which: 'resolve' };
  return { due: null, which: null };
}

export function isPast(iso: string | null | undefined): boolean {
  if (!iso) return false;
  const t = new Date(iso).getTime();
  return !Number.isNaN(t) && t < Date.now();
}

/** "Due 3 Dec 2026, 17:00" with an "overdue" mark; text only. */
export function DueCell({ complaint }: { complaint: Complaint }) {
  const { due, which } = currentDue(complaint);
  if (!due) return <span className="muted">—</span>;
  const late = isPast(due);
  // Date and time may go on two lines (a narrow screen, a long zone name), each kept whole.
  const text = fmtDateTime(due);
  const cut = text.indexOf(', ');
  return (
    <span className={late ? 'due due-late' : 'due'}>
      {cut > 0 ? (
        <>
          <span className="nowrap">{text.slice(0, cut + 1)}</span> <span className="nowrap">{text.slice(cut + 2)}</span>
        </>
      ) : (
        text
      )}
      <span className="due-which"> ({which === 'acknowledge' ? 'acknowledge' : 'resolve'})</span>
      {late ? <span className="badge badge-breached">Overdue</span> : null}
    </span>
  );
}

/** One SLA clock as words: due time and its condition. */
export function SlaClock({ name, sla }: { name: string; sla: SlaStatus | null | undefined }) {
  let condition = 'Running';
  let tone = 'ok';
  if (!sla) {
    return (
      <div className="sla-clock">
        <dt>{name}</dt>
        <dd className="muted">Not applicable</dd>
      </div>
    );
  }
  if (sla.stopped) {
    condition = sla.breached ? 'Met late' : 'Met';
    tone = sla.breached ? 'late' : 'done';
  } else if (sla.paused) {
    condition = 'Paused (waiting on complainant)';
    tone = 'paused';
  } else if (sla.breached) {
    condition = 'Overdue';
    tone = 'late';
  } else if (sla.warning) {
    condition = 'Due soon';
    tone = 'warn';
  }
  const pct = Number.isFinite(sla.fraction_elapsed) ? Math.round(sla.fraction_elapsed * 100) : null;
  return (
    <div className={`sla-clock sla-${tone}`}>
      <dt>{name}</dt>
      <dd>
        <span className="sla-condition">{condition}</span>
        {sla.due ? <span className="sla-due"> · due {fmtDateTime(sla.due)}</span> : null}
        {pct !== null && !sla.stopped ? <span className="sla-pct"> · {pct}% of the time used</span> : null}
      </dd>
    </div>
  );
}

export function severityLabel(s: number | null | undefined): string {
  if (s === null || s === undefined) return '—';
  const words: Record<number, string> = { 1: 'critical', 2: 'major', 3: 'moderate', 4: 'minor' };
  return `${s} – ${words[s] ?? ''}`.replace(/ – $/, '');
}

export const SEVERITY_OPTIONS: Option[] = [1, 2, 3, 4].map((s) => ({ value: String(s), label: severityLabel(s) }));

/** Staff entry channels with their words (counter visits are "meeting"). */
export const STAFF_CHANNELS: Option[] = [
  { value: 'phone', label: 'Phone' },
  { value: 'meeting', label: 'In person (counter)' },
  { value: 'letter', label: 'Letter' },
  { value: 'email', label: 'E-mail' },
  { value: 'portal', label: 'Web portal' },
  { value: 'other', label: 'Other' },
];

export function stateLabel(s: string | null | undefined): string {
  if (s === 'waiting_on_complainant') return 'Waiting on complainant';
  return label(s);
}

/** The references of complaints by id, fetched once each (for linked lists). */
export function useComplaintRefs(ids: Id[]): Map<Id, string> {
  const [refs, setRefs] = useState<Map<Id, string>>(new Map());
  const key = Array.from(new Set(ids)).sort((a, b) => a - b).join(',');
  useEffect(() => {
    let live = true;
    const missing = key ? key.split(',').map(Number).filter((id) => !refs.has(id)) : [];
    if (missing.length === 0) return;
    Promise.all(
      missing.map((id) =>
        api
          .get<Complaint>(`/api/v1/complaints/${id}`)
          .then((c) => [id, c.reference] as const)
          .catch(() => [id, `Complaint #${id}`] as const),
      ),
    ).then((pairs) => {
      if (!live) return;
      setRefs((old) => {
        const next = new Map(old);
        for (const [id, r] of pairs) next.set(id, r);
        return next;
      });
    });
    return () => {
      live = false;
    };
  }, [key]);
  return refs;
}
