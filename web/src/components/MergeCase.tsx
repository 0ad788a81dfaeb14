// Merging duplicates on the case page: the banner of a case merged into
// another (with its link), the list of the duplicates merged into this one,
// and the form that merges this case, as a duplicate, into the case that
// carries on (named by its reference).
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../hooks';
import type { Complaint } from '../types';
import { FormAlert } from './Feedback';
import { TextField } from './Fields';

export function MergeLinks({ complaint }: { complaint: Complaint }) {
  return (
    <>
      {complaint.merged_into ? (
        <div className="alert alert-info" role="status">
          <p className="alert-title">
            Merged as a duplicate into <Link to={`/complaints/${complaint.merged_into.id}`}>{complaint.merged_into.reference}</Link>, which carries on.
          </p>
          <p>Its messages and files stay here and are listed on that case too.</p>
        </div>
      ) : null}
      {complaint.merged && complaint.merged.length > 0 ? (
        <p className="merged-in">
          Merged into this case:{' '}
          {complaint.merged.map((m, i) => (
            <span key={m.id}>
              {i ? ', ' : ''}
              <Link to={`/complaints/${m.id}`}>{m.reference}</Link>
            </span>
          ))}
        </p>
      ) : null}
    </>
  );
}

export function MergeForm({ complaint, onSaved }: { complaint: Complaint; onSaved: (c: Complaint, notice: string) => void }) {
  const [open, setOpen] = useState(false);
  const [into, setInto] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  if (complaint.state === 'closed' || complaint.state === 'withdrawn') return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const merged = await api.post<Complaint>(`/api/v1/complaints/${complaint.id}/merge`, { into_reference: into.trim().toUpperCase(), reason });
      onSaved(merged, `Merged into ${merged.merged_into?.reference ?? into}.`);
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }
  if (!open) {
    return (
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        Merge into another case…
      </button>
    );
  }
  return (
    <form className="merge-form" onSubmit={submit} aria-label="Merge this case into another">
      <p className="muted small">This case is closed as a duplicate and links to the case that carries on; its messages are kept.</p>
      <FormAlert errors={errors} shown={['into_reference', 'reason']} />
      <TextField id="merge-into" label="Reference of the case that carries on" placeholder="C-2026-000123" value={into} onChange={setInto} error={errors.fields.into_reference} required />
      <TextField id="merge-reason" label="Why they are the same" value={reason} onChange={setReason} error={errors.fields.reason} required />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Merge as duplicate
        </button>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
