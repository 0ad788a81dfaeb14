// The bar above the complaints table while cases are selected: assign them
// all to one person (or unassign them), or move them all to one state with
// a reason where the state needs one. Each action is all or none on the
// server; when one case cannot follow, the error names it and nothing moved.
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../hooks';
import { CLOSURE_KINDS, COMPLAINT_STATES, type Complaint, type User } from '../types';
import { label } from '../format';
import { stateLabel, userName } from './ComplaintBits';
import { FormAlert } from './Feedback';
import { SelectField, TextField } from './Fields';

// States a bulk move may go to: every state but the one a merge sets and
// the ones only a case's own history can reach (a paused case resumes on its page).
const BULK_TARGETS = COMPLAINT_STATES.filter((s) => s !== 'received' && s !== 'waiting_on_complainant');
const NEEDS_REASON = new Set(['withdrawn', 'reopened', 'referred']);

export function BulkActions({ selected, staff, onDone, onClear }: { selected: Complaint[]; staff: User[]; onDone: (notice: string) => void; onClear: () => void }) {
  const [assignee, setAssignee] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [closure, setClosure] = useState('accepted');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const ids = selected.map((c) => c.id);
  const count = `${selected.length} complaint${selected.length === 1 ? '' : 's'}`;

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      onDone(await action());
    } catch (e) {
      setErrors(toFormErrors(e));
    } finally {
      setBusy(false);
    }
  }
  function assign(e: FormEvent) {
    e.preventDefault();
    if (!assignee) {
      setErrors({ detail: '', fields: { assignee_id: 'choose a person, or Nobody' } });
      return;
    }
    const id = assignee === 'none' ? null : Number(assignee);
    void run(async () => {
      await api.post('/api/v1/complaints/bulk/assignee', { ids, assignee_id: id });
      return id === null ? `${count} unassigned.` : `${count} assigned to ${userName(staff, id)}.`;
    });
  }
  function move(e: FormEvent) {
    e.preventDefault();
    if (!to) {
      setErrors({ detail: '', fields: { to: 'choose a state' } });
      return;
    }
    const body: Record<string, unknown> = { ids, to, reason };
    if (to === 'closed') body.closure = closure;
    void run(async () => {
      await api.post('/api/v1/complaints/bulk/transitions', body);
      return `${count} moved to ${stateLabel(to).toLowerCase()}.`;
    });
  }

  return (
    <section className="bulk-bar no-print" aria-label="Bulk actions">
      <p className="bulk-count">
        <strong>{count} selected</strong>{' '}
        <button type="button" className="btn btn-small" onClick={onClear}>
          Clear selection
        </button>
      </p>
      {/* The detail names the case by its reference; its ids/<i> field adds nothing a person reads. */}
      <FormAlert errors={errors} shown={['assignee_id', 'to', 'reason', 'closure', ...Object.keys(errors.fields).filter((f) => f.startsWith('ids'))]} />
      <form className="bulk-form" onSubmit={assign} aria-label="Assign the selected complaints">
        <SelectField
          id="bulk-assignee"
          label="Assign to"
          value={assignee}
          onChange={setAssignee}
          empty="Choose…"
          error={errors.fields.assignee_id}
          options={[{ value: 'none', label: 'Nobody (unassign)' }, ...staff.filter((u) => u.role !== 'viewer').map((u) => ({ value: String(u.id), label: u.display_name || u.email }))]}
        />
        <button type="submit" className="btn" disabled={busy}>
          Assign
        </button>
      </form>
      <form className="bulk-form" onSubmit={move} aria-label="Move the selected complaints">
        <SelectField id="bulk-state" label="Move to" value={to} onChange={setTo} empty="Choose…" error={errors.fields.to} options={BULK_TARGETS.map((s) => ({ value: s, label: stateLabel(s) }))} />
        {to === 'closed' ? (
          <SelectField id="bulk-closure" label="Closed as" value={closure} onChange={setClosure} error={errors.fields.closure} options={CLOSURE_KINDS.map((k) => ({ value: k, label: label(k) }))} />
        ) : null}
        <TextField id="bulk-reason" label={NEEDS_REASON.has(to) ? 'Reason' : 'Reason (if the move needs one)'} value={reason} onChange={setReason} error={errors.fields.reason} />
        <button type="submit" className="btn" disabled={busy}>
          Move
        </button>
      </form>
    </section>
  );
}
