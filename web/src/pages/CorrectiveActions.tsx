// Corrective actions (ISO 9001 10.2) raised from complaints: the list with a
// status filter, creating one (linked to complaints by reference), and
// editing title, status, owner and due date.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, qs } from '../api';
import { useCan } from '../auth';
import { ExportLinks } from '../components/ExportLinks';
import { Badge } from '../components/Badge';
import { useComplaintRefs, userName, userOptions, useStaff } from '../components/ComplaintBits';
import { Empty, FormAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { enumOptions, SelectField, TextArea, TextField } from '../components/Fields';
import { Pager } from '../components/Pager';
import { actor, fmtDate, fmtDateTime } from '../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../hooks';
import { ACTION_STATUSES, type ActionStatus, type Complaint, type CorrectiveAction, type Id, type Page, type User } from '../types';

const LIMIT = 25;

/** "C-2026-000001, C-2026-000002" → complaint ids (each looked up by reference). */
async function idsFromReferences(text: string): Promise<Id[]> {
  const refs = text
    .split(/[\s,;]+/)
    .map((r) => r.trim())
    .filter(Boolean);
  const ids: Id[] = [];
  for (const ref of refs) {
    const plain = /^#?(\d+)$/.exec(ref);
    if (plain) {
      if (!ids.includes(Number(plain[1]))) ids.push(Number(plain[1]));
      continue;
    }
    try {
      const c = await api.get<Complaint>(`/api/v1/complaints/by-reference/${encodeURIComponent(ref)}`);
      if (!ids.includes(c.id)) ids.push(c.id);
    } catch {
      throw Object.assign(new Error(`No complaint ${ref}.`), { field: 'complaint_ids' });
    }
  }
  return ids;
}

function refErrors(e: unknown): FormErrors {
  if (e instanceof Error && (e as Error & { field?: string }).field) return { detail: '', fields: { complaint_ids: e.message } };
  return toFormErrors(e);
}

function ActionForm(props: {
  idPrefix: string;
  title: string;
  initial?: CorrectiveAction;
  refs?: Map<Id, string>;
  staff: User[];
  submitLabel: string;
  onDone: (notice: string) => void;
  onCancel?: () => void;
}) {
  const a = props.initial;
  const [title, setTitle] = useState(a?.title ?? '');
  const [description, setDescription] = useState(a?.description ?? '');
  const [status, setStatus] = useState<ActionStatus>(a?.status ?? 'open');
  const [owner, setOwner] = useState(a?.owner_id ? String(a.owner_id) : '');
  const [due, setDue] = useState(a?.due_date ?? '');
  const [complaints, setComplaints] = useState(a ? a.complaint_ids.map((id) => props.refs?.get(id) ?? `#${id}`).join(', ') : '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const p = props.idPrefix;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const complaintIds = await idsFromReferences(complaints);
      const body = {
        title,
        description,
        owner_id: owner ? Number(owner) : null,
        due_date: due || null,
        complaint_ids: complaintIds,
        ...(a ? { status } : {}),
      };
      if (a) await api.patch<CorrectiveAction>(`/api/v1/corrective-actions/${a.id}`, body);
      else await api.post<CorrectiveAction>('/api/v1/corrective-actions', body);
      props.onDone(a ? 'Corrective action saved.' : 'Corrective action created.');
    } catch (err) {
      setErrors(refErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const f = errors.fields;
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label={props.title}>
      <h2>{props.title}</h2>
      <FormAlert errors={errors} shown={['title', 'description', 'status', 'owner_id', 'due_date', 'complaint_ids']} />
      <TextField id={`${p}-title`} label="Title" value={title} onChange={setTitle} required error={f.title} />
      <TextArea id={`${p}-description`} label="Description" value={description} onChange={setDescription} error={f.description} />
      <div className="grid3">
        {a ? (
          <SelectField id={`${p}-status`} label="Status" value={status} onChange={(v) => setStatus(v as ActionStatus)} options={enumOptions(ACTION_STATUSES)} error={f.status} />
        ) : null}
        <SelectField id={`${p}-owner`} label="Owner" value={owner} onChange={setOwner} empty="— none —" options={userOptions(props.staff, a?.owner_id)} error={f.owner_id} />
        <TextField id={`${p}-due`} label="Due date" type="date" value={due} onChange={setDue} error={f.due_date} />
      </div>
      <TextField
        id={`${p}-complaints`}
        label="Linked complaints"
        hint="References separated by commas, e.g. C-2026-000012, C-2026-000015."
        value={complaints}
        onChange={setComplaints}
        error={f.complaint_ids ?? Object.entries(f).find(([k]) => k.startsWith('complaint_ids/'))?.[1]}
      />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {props.submitLabel}
        </button>
        {props.onCancel ? (
          <button type="button" className="btn" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

function ActionCard(props: { action: CorrectiveAction; refs: Map<Id, string>; staff: User[]; canWrite: boolean; highlight: boolean; onSaved: (n: string) => void }) {
  const a = props.action;
  const [editing, setEditing] = useState(false);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (props.highlight) ref.current?.scrollIntoView({ block: 'center' });
  }, [props.highlight]);
  if (editing) {
    return (
      <ActionForm
        idPrefix={`ca-${a.id}`}
        title={`Edit: ${a.title}`}
        initial={a}
        refs={props.refs}
        staff={props.staff}
        submitLabel="Save changes"
        onCancel={() => setEditing(false)}
        onDone={(n) => {
          setEditing(false);
          props.onSaved(n);
        }}
      />
    );
  }
  const late = a.due_date && (a.status === 'open' || a.status === 'in_progress') && a.due_date < new Date().toISOString().slice(0, 10);
  return (
    <article className={`card ca-card${props.highlight ? ' ca-highlight' : ''}`} ref={ref} aria-labelledby={`ca-${a.id}-h`}>
      <div className="card-head">
        <h3 id={`ca-${a.id}-h`}>{a.title}</h3>
        <Badge value={a.status} />
      </div>
      {a.description ? <p className="pre">{a.description}</p> : null}
      <dl className="details">
        <div>
          <dt>Owner</dt>
          <dd>{a.owner_id ? userName(props.staff, a.owner_id) : '—'}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>
            {fmtDate(a.due_date)}
            {late ? <span className="badge badge-breached">Overdue</span> : null}
          </dd>
        </div>
        <div>
          <dt>Raised</dt>
          <dd>
            {fmtDateTime(a.created_at)} by {actor(a.created_by)}
          </dd>
        </div>
        <div>
          <dt>Linked complaints</dt>
          <dd>
            {a.complaint_ids.length === 0 ? (
              '—'
            ) : (
              <ul className="inline-list">
                {a.complaint_ids.map((id) => (
                  <li key={id}>
                    <Link to={`/complaints/${id}`}>{props.refs.get(id) ?? `Complaint #${id}`}</Link>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      {props.canWrite ? (
        <div className="actions">
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)} aria-label={`Edit ${a.title}`}>
            Edit
          </button>
        </div>
      ) : null}
    </article>
  );
}

export function CorrectiveActionsPage() {
  const [params, setParams] = useSearchParams();
  const canWrite = useCan('complaints');
  const staff = useStaff();
  const status = params.get('status') ?? '';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const highlight = Number(params.get('id') ?? 0);
  const [tick, setTick] = useState(0);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState('');
  const { data, error, loading } = useApi<Page<CorrectiveAction>>(
    `/api/v1/corrective-actions${qs({ status, sort: '-created_at', limit: LIMIT, offset })}`,
    tick,
  );
  const refs = useComplaintRefs((data?.items ?? []).flatMap((a) => a.complaint_ids));
  function set(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'offset') next.delete('offset');
    setParams(next, { replace: true });
  }
  const saved = (n: string) => {
    setNotice(n);
    setTick((t) => t + 1);
  };
  return (
    <>
      <div className="page-head">
        <h1>Corrective actions</h1>
        <div className="head-actions">
          <ExportLinks base="/api/v1/corrective-actions/export" query={{ status }} />
          {canWrite && !creating ? (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              New corrective action
            </button>
          ) : null}
        </div>
      </div>
      <Notice text={notice} onDone={() => setNotice('')} />
      {creating ? (
        <ActionForm
          idPrefix="ca-new"
          title="New corrective action"
          staff={staff}
          submitLabel="Create action"
          onCancel={() => setCreating(false)}
          onDone={(n) => {
            setCreating(false);
            saved(n);
          }}
        />
      ) : null}
      <form className="filters" aria-label="Filter corrective actions" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="ca-filter-status" label="Status" value={status} onChange={(v) => set('status', v)} empty="Any status" options={enumOptions(ACTION_STATUSES)} />
      </form>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        data.items.length === 0 ? (
          <Empty>No corrective actions.</Empty>
        ) : (
          <>
            <div className="cards ca-list" aria-busy={loading}>
              {data.items.map((a) => (
                <ActionCard key={`${a.id}-${a.updated_at}`} action={a} refs={refs} staff={staff} canWrite={canWrite} highlight={a.id === highlight} onSaved={saved} />
              ))}
            </div>
            <Pager total={data.total} limit={LIMIT} offset={data.offset ?? offset} onOffset={(o) => set('offset', o ? String(o) : '')} />
          </>
        )
      ) : null}
    </>
  );
}
