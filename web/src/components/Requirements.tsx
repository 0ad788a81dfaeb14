// Requirement pieces shared by the customer page, the register and the
// requirement page: the create form, the review form, versions and reviews.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { useCan } from '../auth';
import { actor, fmtDateTime, label } from '../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../hooks';
import {
  REQUIREMENT_KINDS,
  type Id,
  type Requirement,
  type RequirementKind,
  type RequirementVersion,
  type Review,
  type ReviewOutcome,
} from '../types';
import { Badge } from './Badge';
import { FormAlert, LoadError } from './Feedback';
import { enumOptions, SelectField, TextArea, TextField } from './Fields';

export interface RequirementInput {
  scope: 'customer' | 'segment' | 'all';
  customer_id?: Id;
  segment_id?: Id;
  kind: RequirementKind;
  text: string;
  source_ref: string;
}

/** Kind, text and source reference; the scope comes from `scopeFields` or the caller. */
export function RequirementForm(props: {
  idPrefix: string;
  title: string;
  scopeFields?: React.ReactNode;
  buildScope: () => Pick<RequirementInput, 'scope' | 'customer_id' | 'segment_id'>;
  onCreated: (r: Requirement) => void;
  onCancel?: () => void;
  scopeErrors?: (errors: FormErrors) => void;
}) {
  const [kind, setKind] = useState<RequirementKind>('customer_stated');
  const [text, setText] = useState('');
  const [sourceRef, setSourceRef] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const p = props.idPrefix;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    props.scopeErrors?.(NO_ERRORS);
    try {
      const body: RequirementInput = { ...props.buildScope(), kind, text, source_ref: sourceRef };
      const created = await api.post<Requirement>('/api/v1/requirements', body);
      setText('');
      setSourceRef('');
      props.onCreated(created);
    } catch (err) {
      const fe = toFormErrors(err);
      setErrors(fe);
      props.scopeErrors?.(fe);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby={`${p}-title`}>
      <h2 id={`${p}-title`}>{props.title}</h2>
      <FormAlert errors={errors} shown={['kind', 'text', 'source_ref', 'scope', 'customer_id', 'segment_id']} />
      {props.scopeFields}
      <SelectField id={`${p}-kind`} label="Kind" value={kind} onChange={(v) => setKind(v as RequirementKind)} options={enumOptions(REQUIREMENT_KINDS)} error={errors.fields.kind} />
      <TextArea id={`${p}-text`} label="Requirement text" value={text} onChange={setText} required error={errors.fields.text} />
      <TextField id={`${p}-source`} label="Source reference" hint="Contract, e-mail, law or standard it comes from." value={sourceRef} onChange={setSourceRef} error={errors.fields.source_ref} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Add requirement
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

/** Accept / amend / reject with notes; amend asks for the new text. */
export function ReviewForm(props: { requirement: Requirement; onDone: () => void; onCancel?: () => void }) {
  const r = props.requirement;
  const [outcome, setOutcome] = useState<ReviewOutcome>('accepted');
  const [notes, setNotes] = useState('');
  const [text, setText] = useState(r.text);
  const [sourceRef, setSourceRef] = useState(r.source_ref);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const p = `review-${r.id}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const body: Record<string, unknown> = { outcome, notes };
      if (outcome === 'amended') {
        body.text = text;
        if (sourceRef !== r.source_ref) body.source_ref = sourceRef;
      }
      await api.post<Review>(`/api/v1/requirements/${r.id}/reviews`, body);
      setNotes('');
      props.onDone();
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="subform" onSubmit={submit} noValidate aria-labelledby={`${p}-title`}>
      <h3 id={`${p}-title`}>Review version {r.version}</h3>
      <FormAlert errors={errors} shown={['outcome', 'notes', 'text', 'source_ref']} />
      <fieldset className="radios">
        <legend>Outcome</legend>
        {(['accepted', 'amended', 'rejected'] as ReviewOutcome[]).map((o) => (
          <label key={o} className="radio">
            <input type="radio" name={`${p}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
            {o === 'accepted' ? 'Accept' : o === 'amended' ? 'Amend' : 'Reject'}
          </label>
        ))}
        {errors.fields.outcome ? <p className="field-error">{errors.fields.outcome}</p> : null}
      </fieldset>
      {outcome === 'amended' ? (
        <>
          <TextArea id={`${p}-text`} label="Amended text" value={text} onChange={setText} required error={errors.fields.text} />
          <TextField id={`${p}-source`} label="Amended source reference" value={sourceRef} onChange={setSourceRef} error={errors.fields.source_ref} />
        </>
      ) : null}
      <TextArea id={`${p}-notes`} label="Review notes" value={notes} onChange={setNotes} rows={2} error={errors.fields.notes} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Record review
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

export function VersionsList({ id, reloadKey }: { id: Id; reloadKey?: number }) {
  const { data, error } = useApi<RequirementVersion[] | { items: RequirementVersion[] }>(
    `/api/v1/requirements/${id}/versions`,
    reloadKey,
  );
  const items = Array.isArray(data) ? data : data?.items ?? [];
  return (
    <>
      <LoadError error={error} />
      <ol className="versions" aria-label="Versions">
        {[...items]
          .sort((a, b) => b.version - a.version)
          .map((v) => (
            <li key={v.version} className="version">
              <div className="version-head">
                <strong>Version {v.version}</strong>
                <span className="muted">
                  {label(v.kind)} · {fmtDateTime(v.created_at)} · {actor(v.created_by)}
                </span>
              </div>
              <p className="pre">{v.text}</p>
              {v.source_ref ? <p className="muted small">Source: {v.source_ref}</p> : null}
            </li>
          ))}
      </ol>
    </>
  );
}

export function ReviewsList({ id, reloadKey }: { id: Id; reloadKey?: number }) {
  const { data, error } = useApi<Review[] | { items: Review[] }>(
    `/api/v1/requirements/${id}/reviews`,
    reloadKey,
  );
  const items = Array.isArray(data) ? data : data?.items ?? [];
  if (error) return <LoadError error={error} />;
  if (items.length === 0) return <p className="muted">Not reviewed yet.</p>;
  return (
    <ul className="reviews" aria-label="Reviews">
      {items.map((rv) => (
        <li key={rv.id}>
          <Badge value={rv.outcome} /> version {rv.version} by {actor(rv.reviewer)} · {fmtDateTime(rv.reviewed_at)}
          {rv.notes ? <p className="pre small">{rv.notes}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/** One requirement in a list, with its review form and version history. */
export function RequirementCard({ requirement: r, onChanged }: { requirement: Requirement; onChanged: () => void }) {
  const canReview = useCan('requirements');
  const [reviewing, setReviewing] = useState(false);
  const [tick, setTick] = useState(0);
  const closed = r.status === 'withdrawn';
  return (
    <article className="card req-card" aria-labelledby={`req-${r.id}-title`}>
      <div className="card-head">
        <h3 id={`req-${r.id}-title`}>
          <Link to={`/requirements/${r.id}`}>Requirement #{r.id}</Link>
          <span className="muted"> · version {r.version}</span>
        </h3>
        <Badge value={r.status} />
      </div>
      <p className="pre req-text">{r.text}</p>
      <p className="muted small">
        {label(r.kind)}
        {r.source_ref ? ` · Source: ${r.source_ref}` : ''} · recorded {fmtDateTime(r.created_at)} by {actor(r.created_by)}
      </p>
      <details className="more">
        <summary>Versions and reviews</summary>
        <h4>Versions</h4>
        <VersionsList id={r.id} reloadKey={tick} />
        <h4>Reviews</h4>
        <ReviewsList id={r.id} reloadKey={tick} />
      </details>
      {canReview && !closed ? (
        reviewing ? (
          <ReviewForm
            requirement={r}
            onCancel={() => setReviewing(false)}
            onDone={() => {
              setReviewing(false);
              setTick((t) => t + 1);
              onChanged();
            }}
          />
        ) : (
          <div className="actions">
            <button type="button" className="btn" onClick={() => setReviewing(true)}>
              Review
            </button>
          </div>
        )
      ) : null}
    </article>
  );
}
