// Parts of the complaint case page: assignee, messages (to the complainant
// versus internal notes, kept apart), attachments, linked corrective actions
// and the timeline.
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api, type ApiError } from '../api';
import { useAuth } from '../auth';
import { actor, fmtDate, fmtDateTime, label, showValue } from '../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../hooks';
import type { Attachment, CannedResponse, Complaint, ComplaintMessage, CorrectiveAction, Page, TimelineItem, User } from '../types';
import { Badge } from './Badge';
import { itemsOf, userName, userOptions } from './ComplaintBits';
import { Empty, FormAlert, LoadError, Notice } from './Feedback';
import { SelectField, TextArea, TextField } from './Fields';

// ---- Assignee ------------------------------------------------------------------

export function AssigneeForm(props: { complaint: Complaint; staff: User[]; canWrite: boolean; onSaved: (c: Complaint) => void }) {
  const c = props.complaint;
  const [value, setValue] = useState(c.assignee_id ? String(c.assignee_id) : '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  if (!props.canWrite) {
    return (
      <p>
        <span className="muted">Assignee:</span> {c.assignee_id ? userName(props.staff, c.assignee_id) : 'Unassigned'}
      </p>
    );
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const saved = await api.put<Complaint>(`/api/v1/complaints/${c.id}/assignee`, { assignee_id: value ? Number(value) : null });
      setNotice(value ? 'Assigned.' : 'Unassigned.');
      props.onSaved(saved);
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="inline-form assignee-form" onSubmit={submit} aria-label="Assignee" noValidate>
      <FormAlert errors={errors} shown={['assignee_id']} />
      <SelectField
        id="cmp-assignee"
        label="Assignee"
        value={value}
        onChange={setValue}
        empty="Unassigned"
        options={userOptions(props.staff, c.assignee_id)}
        error={errors.fields.assignee_id}
      />
      <button type="submit" className="btn" disabled={busy}>
        Save assignee
      </button>
      <Notice text={notice} onDone={() => setNotice('')} />
    </form>
  );
}

// ---- Messages ------------------------------------------------------------------

// What a message is, as staff read it. Unverified mail named the case but
// came from an address that is not the complainant's: it may not be theirs.
function messageKindLabel(kind: ComplaintMessage['kind']): string {
  switch (kind) {
    case 'to_complainant':
      return 'To complainant';
    case 'from_complainant':
      return 'From complainant';
    case 'unverified_mail':
      return "Unverified e-mail — not from the complainant's address";
    default:
      return 'Internal note';
  }
}

function MessageList({ items, empty, labelledBy }: { items: ComplaintMessage[]; empty: string; labelledBy: string }) {
  if (items.length === 0) return <Empty>{empty}</Empty>;
  return (
    <ol className="messages" aria-labelledby={labelledBy}>
      {items.map((m) => (
        <li key={m.id} className={`message message-${m.kind}`}>
          <p className="message-head">
            <span className="message-kind">{messageKindLabel(m.kind)}</span>{' '}
            <span className="muted">
              {actor(m.author)} · {fmtDateTime(m.created_at)}
            </span>
            {m.merged_from ? (
              <span className="message-origin">
                {' '}
                · on <Link to={`/complaints/${m.merged_from.id}`}>{m.merged_from.reference}</Link> (merged in)
              </span>
            ) : null}
          </p>
          {m.subject ? <p className="message-subject">{m.subject}</p> : null}
          <p className="pre message-body">{m.body}</p>
        </li>
      ))}
    </ol>
  );
}

/** A canned response with its placeholders filled from the case (unknown ones stay as written). */
export function fillCanned(text: string, complaint: Complaint, organisation: string): string {
  const values: Record<string, string> = {
    reference: complaint.reference,
    name: complaint.contact_name || 'customer',
    summary: complaint.summary,
    decision: complaint.decision ?? '',
    organisation,
  };
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (all, key: string) => (key in values ? values[key] : all));
}

/** "Insert a canned response": fills the message's subject and text, which stay editable. */
function CannedPicker({ complaint, onPick }: { complaint: Complaint; onPick: (subject: string, body: string) => void }) {
  const { settings } = useAuth();
  const { data } = useApi<{ items: CannedResponse[] }>('/api/v1/canned-responses');
  const items = data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <SelectField
      id="msg-out-canned"
      label="Insert a canned response"
      value=""
      empty="— choose —"
      options={items.map((c, i) => ({ value: String(i), label: c.name }))}
      onChange={(v) => {
        const c = items[Number(v)];
        if (c) onPick(fillCanned(c.subject, complaint, settings?.name ?? ''), fillCanned(c.body, complaint, settings?.name ?? ''));
      }}
    />
  );
}

function MessageForm(props: { complaint: Complaint; kind: 'to_complainant' | 'internal_note'; onSent: () => void }) {
  const toComplainant = props.kind === 'to_complainant';
  const prefix = toComplainant ? 'msg-out' : 'msg-note';
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post<ComplaintMessage>(`/api/v1/complaints/${props.complaint.id}/messages`, { kind: props.kind, subject, body });
      setSubject('');
      setBody('');
      setNotice(toComplainant ? 'Message sent to the complainant.' : 'Internal note added.');
      props.onSent();
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const title = toComplainant ? 'Message to complainant' : 'Internal note';
  return (
    <form className={`subform message-form message-form-${props.kind}`} onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <p className="hint">
        {toComplainant
          ? 'Shown on the complainant’s status page and e-mailed when they agreed to contact.'
          : 'Staff only: never shown to or e-mailed to the complainant.'}
      </p>
      <FormAlert errors={errors} shown={['subject', 'body', 'kind']} />
      <Notice text={notice} onDone={() => setNotice('')} />
      {toComplainant ? (
        <CannedPicker
          complaint={props.complaint}
          onPick={(s, b) => {
            if (s) setSubject(s);
            setBody(b);
          }}
        />
      ) : null}
      {toComplainant ? <TextField id={`${prefix}-subject`} label="Subject" value={subject} onChange={setSubject} error={errors.fields.subject} /> : null}
      <TextArea id={`${prefix}-body`} label={toComplainant ? 'Message' : 'Note'} rows={4} value={body} onChange={setBody} required error={errors.fields.body ?? errors.fields.kind} />
      <div className="actions">
        <button type="submit" className={`btn${toComplainant ? ' btn-primary' : ''}`} disabled={busy}>
          {toComplainant ? 'Send to complainant' : 'Add internal note'}
        </button>
      </div>
    </form>
  );
}

/** The case's messages (read once by the case page, which also looks for a reply after closure) in two columns. */
export function Messages(props: { complaint: Complaint; canWrite: boolean; items: ComplaintMessage[]; error: ApiError | null; onChange: () => void }) {
  const items = props.items;
  const correspondence = items.filter((m) => m.kind !== 'internal_note');
  const notes = items.filter((m) => m.kind === 'internal_note');
  const sent = () => props.onChange();
  return (
    <div className="split messages-split">
      <section className="panel" aria-labelledby="corr-title">
        <h2 id="corr-title">Correspondence with the complainant</h2>
        <LoadError error={props.error} />
        <MessageList items={correspondence} empty="No messages with the complainant yet." labelledBy="corr-title" />
        {props.canWrite ? <MessageForm complaint={props.complaint} kind="to_complainant" onSent={sent} /> : null}
      </section>
      <section className="panel notes-panel" aria-labelledby="notes-title">
        <h2 id="notes-title">Internal notes</h2>
        <MessageList items={notes} empty="No internal notes." labelledBy="notes-title" />
        {props.canWrite ? <MessageForm complaint={props.complaint} kind="internal_note" onSent={sent} /> : null}
      </section>
    </div>
  );
}

// ---- Attachments ---------------------------------------------------------------

function size(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function Attachments(props: { complaint: Complaint; canWrite: boolean; onChange: () => void }) {
  const { data, error, reload } = useApi<Page<Attachment> | Attachment[]>(`/api/v1/complaints/${props.complaint.id}/attachments`);
  const items = itemsOf(data);
  const fileRef = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setErrors({ detail: '', fields: { attachment: 'choose a file first' } });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    const form = new FormData();
    form.append('attachment', file, file.name);
    try {
      await api.upload<Attachment>(`/api/v1/complaints/${props.complaint.id}/attachments`, form);
      if (fileRef.current) fileRef.current.value = '';
      setNotice('File attached.');
      reload();
      props.onChange();
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const fileError = errors.fields.attachment;
  return (
    <section className="panel" aria-labelledby="att-title">
      <h2 id="att-title">Attachments</h2>
      <LoadError error={error} />
      {items.length === 0 ? (
        <p className="muted">No files.</p>
      ) : (
        <ul className="attachments">
          {items.map((a) => (
            <li key={a.id}>
              <a href={`/api/v1/attachments/${a.id}/content`} download={a.filename}>
                {a.filename}
              </a>{' '}
              <span className="muted small">
                {a.content_type}, {size(a.size)} · {actor(a.uploaded_by)} · {fmtDateTime(a.created_at)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {props.canWrite ? (
        <form className="subform" onSubmit={submit} noValidate aria-label="Attach a file">
          <FormAlert errors={errors} shown={['attachment']} />
          <Notice text={notice} onDone={() => setNotice('')} />
          <div className={`field${fileError ? ' field-invalid' : ''}`}>
            <label htmlFor="att-file">File</label>
            <input
              id="att-file"
              type="file"
              ref={fileRef}
              accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.txt,application/pdf,image/png,image/jpeg,image/gif,image/webp,text/plain"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? 'att-file-error att-file-hint' : 'att-file-hint'}
            />
            <p className="hint" id="att-file-hint">
              PDF, image (PNG, JPEG, GIF, WebP) or plain text, up to 10 MB.
            </p>
            {fileError ? (
              <p className="field-error" id="att-file-error">
                {fileError}
              </p>
            ) : null}
          </div>
          <button type="submit" className="btn" disabled={busy}>
            Upload
          </button>
        </form>
      ) : null}
    </section>
  );
}

// ---- Corrective actions ----------------------------------------------------------

export function LinkedActions(props: { complaint: Complaint; staff: User[]; canWrite: boolean; onChange: () => void }) {
  const c = props.complaint;
  const { data, error, reload } = useApi<Page<CorrectiveAction>>('/api/v1/corrective-actions?limit=100&sort=-created_at');
  const all = data?.items ?? [];
  const linked = all.filter((a) => a.complaint_ids.includes(c.id));
  const others = all.filter((a) => !a.complaint_ids.includes(c.id) && a.status !== 'cancelled' && a.status !== 'done');
  const [mode, setMode] = useState<'' | 'raise' | 'link'>('');
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [pick, setPick] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');

  async function run(fn: () => Promise<unknown>, done: string) {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await fn();
      setMode('');
      setTitle('');
      setOwner('');
      setDue('');
      setPick('');
      setNotice(done);
      reload();
      props.onChange();
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const raise = (e: FormEvent) => {
    e.preventDefault();
    void run(
      () =>
        api.post<CorrectiveAction>('/api/v1/corrective-actions', {
          title,
          description: '',
          owner_id: owner ? Number(owner) : null,
          due_date: due || null,
          complaint_ids: [c.id],
        }),
      'Corrective action raised.',
    );
  };
  const link = (e: FormEvent) => {
    e.preventDefault();
    const action = all.find((a) => String(a.id) === pick);
    if (!action) {
      setErrors({ detail: '', fields: { action: 'choose a corrective action' } });
      return;
    }
    void run(
      () => api.patch<CorrectiveAction>(`/api/v1/corrective-actions/${action.id}`, { complaint_ids: [...action.complaint_ids, c.id] }),
      'Corrective action linked.',
    );
  };
  const f = errors.fields;
  return (
    <section className="panel" aria-labelledby="ca-title">
      <h2 id="ca-title">Corrective actions</h2>
      <LoadError error={error} />
      <Notice text={notice} onDone={() => setNotice('')} />
      {linked.length === 0 ? (
        <p className="muted">None linked.</p>
      ) : (
        <ul className="linked-actions">
          {linked.map((a) => (
            <li key={a.id}>
              <Link to={`/corrective-actions?id=${a.id}`}>{a.title}</Link> <Badge value={a.status} />{' '}
              <span className="muted small">
                {a.owner_id ? userName(props.staff, a.owner_id) : 'No owner'} · due {fmtDate(a.due_date)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {props.canWrite ? (
        <div className="actions">
          <button type="button" className="btn" aria-expanded={mode === 'raise'} onClick={() => setMode(mode === 'raise' ? '' : 'raise')}>
            Raise corrective action
          </button>
          <button type="button" className="btn" aria-expanded={mode === 'link'} onClick={() => setMode(mode === 'link' ? '' : 'link')}>
            Link existing
          </button>
        </div>
      ) : null}
      {mode === 'raise' ? (
        <form className="subform" onSubmit={raise} noValidate aria-label="Raise corrective action">
          <FormAlert errors={errors} shown={['title', 'owner_id', 'due_date']} />
          <TextField id="ca-new-title" label="Title" value={title} onChange={setTitle} required error={f.title} />
          <div className="grid2">
            <SelectField id="ca-new-owner" label="Owner" value={owner} onChange={setOwner} empty="— none —" options={userOptions(props.staff)} error={f.owner_id} />
            <TextField id="ca-new-due" label="Due date" type="date" value={due} onChange={setDue} error={f.due_date} />
          </div>
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Raise action
            </button>
          </div>
        </form>
      ) : null}
      {mode === 'link' ? (
        <form className="subform" onSubmit={link} noValidate aria-label="Link existing corrective action">
          <FormAlert errors={errors} shown={['action']} />
          <SelectField
            id="ca-link"
            label="Corrective action"
            value={pick}
            onChange={setPick}
            empty="— choose —"
            options={others.map((a) => ({ value: String(a.id), label: `${a.title} (${label(a.status)})` }))}
            error={f.action ?? f.complaint_ids}
          />
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Link action
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

// ---- Timeline --------------------------------------------------------------------

function detailText(d: unknown): string {
  if (d === null || d === undefined || d === '') return '';
  if (typeof d === 'string') return d;
  if (typeof d === 'object' && !Array.isArray(d)) {
    return Object.entries(d as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `${label(k)}: ${showValue(v)}`)
      .join('; ');
  }
  return showValue(d);
}

export function Timeline({ complaint, refreshKey }: { complaint: Complaint; refreshKey: number }) {
  const { data, error } = useApi<{ items: TimelineItem[] }>(`/api/v1/complaints/${complaint.id}/timeline`, refreshKey);
  const items = data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="tl-title">
      <h2 id="tl-title">Timeline</h2>
      <LoadError error={error} />
      {items.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ol className="timeline" aria-labelledby="tl-title">
          {items.map((t, i) => (
            <li key={i} className={`tl-item tl-${t.kind}`}>
              <p className="tl-head">
                <span className="tl-action">{label(t.action)}</span> <span className="muted">{actor(t.actor)}</span>{' '}
                <time className="muted small" dateTime={t.at}>
                  {fmtDateTime(t.at)}
                </time>
              </p>
              {detailText(t.detail) ? <p className="tl-detail pre">{detailText(t.detail)}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
