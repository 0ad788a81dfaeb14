// The work forms of one complaint: state transitions (only the allowed next
// steps), assessment, investigation (five whys) and response. Each form
// posts to its own route and shows the server's field messages next to the
// fields.
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { label } from '../format';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../hooks';
import {
  CAUSE_CATEGORIES,
  CLOSURE_KINDS,
  PRIORITIES,
  REMEDIES,
  type CauseCategory,
  type Complaint,
  type ComplaintCategory,
  type ComplaintState,
  type Priority,
  type Remedy,
  type Segment,
} from '../types';
import { CategorySelect, SEVERITY_OPTIONS, stateLabel } from './ComplaintBits';
import { CustomerPicker } from './CustomerPicker';
import { FormAlert } from './Feedback';
import { CheckboxField, enumOptions, SelectField, TextArea, TextField } from './Fields';

type Saved = (c: Complaint, notice: string) => void;

/** Field messages for list fields ("whys/2") gathered under their index. */
function indexed(fields: Record<string, string>, name: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    const m = new RegExp(`^${name}[/.\\[](\\d+)\\]?$`).exec(k);
    if (m) out[Number(m[1])] = v;
  }
  return out;
}

// ---- Transitions -----------------------------------------------------------

interface Step {
  to: ComplaintState;
  text: string;
  reason: boolean; // a reason is required
  closure?: boolean; // choose how it was closed
  primary?: boolean;
}

/** The buttons for the allowed next states of `c`. */
function stepsFor(c: Complaint): Step[] {
  const out: Step[] = [];
  for (const to of c.allowed_next ?? []) {
    if (c.state === 'waiting_on_complainant' && to === c.paused_from) {
      out.push({ to, text: `Resume (back to ${stateLabel(to).toLowerCase()})`, reason: false, primary: true });
      continue;
    }
    switch (to) {
      case 'acknowledged':
        out.push({ to, text: 'Acknowledge', reason: false, primary: true });
        break;
      case 'waiting_on_complainant':
        out.push({ to, text: 'Wait on complainant', reason: true });
        break;
      case 'withdrawn':
        out.push({ to, text: 'Withdraw', reason: true });
        break;
      case 'closed':
        out.push({ to, text: 'Close', reason: false, closure: c.state !== 'referred', primary: true });
        break;
      case 'reopened':
        out.push({ to, text: 'Reopen', reason: true, primary: true });
        break;
      case 'referred':
        out.push({ to, text: 'Refer to external dispute resolution', reason: true });
        break;
      case 'investigating':
        if (c.state === 'responded') out.push({ to, text: 'Response rejected: investigate again', reason: true });
        else out.push({ to, text: 'Start investigation', reason: false });
        break;
      case 'assessed':
        // Reached by saving the assessment.
        break;
      case 'responded':
        // Reached by recording the response.
        break;
      default:
        out.push({ to, text: `Move to ${stateLabel(to).toLowerCase()}`, reason: false });
    }
  }
  return out;
}

export function TransitionActions({ complaint, onSaved }: { complaint: Complaint; onSaved: Saved }) {
  const steps = stepsFor(complaint);
  const [open, setOpen] = useState<Step | null>(null);
  const [reason, setReason] = useState('');
  const [closure, setClosure] = useState('accepted');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function go(step: Step) {
    setBusy(true);
    setErrors(NO_ERRORS);
    const body: Record<string, unknown> = { to: step.to, reason: reason.trim() };
    if (step.to === 'closed') body.closure = complaint.state === 'referred' ? 'referral' : closure;
    try {
      const c = await api.post<Complaint>(`/api/v1/complaints/${complaint.id}/transitions`, body);
      setOpen(null);
      setReason('');
      onSaved(c, c.state === 'closed' && c.closure ? `Closed (${label(c.closure).toLowerCase()}).` : `Now ${stateLabel(c.state).toLowerCase()}.`);
    } catch (e) {
      setErrors(toFormErrors(e));
    } finally {
      setBusy(false);
    }
  }

  if (steps.length === 0) return <p className="muted">No further steps: this case is {stateLabel(complaint.state).toLowerCase()}.</p>;
  return (
    <div className="steps">
      {!open ? <FormAlert errors={errors} shown={[]} /> : null}
      <div className="actions steps-buttons">
        {steps.map((s) => (
          <button
            key={s.to}
            type="button"
            className={`btn${s.primary ? ' btn-primary' : ''}`}
            aria-expanded={s.reason || s.closure ? open?.to === s.to : undefined}
            disabled={busy}
            onClick={() => {
              setErrors(NO_ERRORS);
              if (s.reason || s.closure) setOpen(open?.to === s.to ? null : s);
              else void go(s);
            }}
          >
            {s.text}
          </button>
        ))}
      </div>
      {open ? (
        <form
          className="subform step-form"
          aria-label={open.text}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void go(open);
          }}
        >
          <FormAlert errors={errors} shown={['reason', 'closure']} />
          {open.closure ? (
            <SelectField
              id="step-closure"
              label="How it was closed"
              value={closure}
              onChange={setClosure}
              options={CLOSURE_KINDS.map((k) => ({
                value: k,
                label: k === 'accepted' ? 'Accepted by the complainant' : k === 'no_reply' ? 'No reply after the response' : 'After external referral',
              }))}
              error={errors.fields.closure}
            />
          ) : null}
          <TextArea
            id="step-reason"
            label={open.reason ? 'Reason' : 'Note (optional)'}
            value={reason}
            onChange={setReason}
            required={open.reason}
            error={errors.fields.reason}
          />
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Confirm: {open.text.toLowerCase()}
            </button>
            <button type="button" className="btn" onClick={() => setOpen(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

// ---- Assessment ------------------------------------------------------------

export function AssessmentForm(props: {
  complaint: Complaint;
  categories: ComplaintCategory[];
  segments: Segment[];
  onSaved: Saved;
}) {
  const c = props.complaint;
  const [severity, setSeverity] = useState(String(c.severity ?? 3));
  const [priority, setPriority] = useState<Priority>(c.priority ?? 'normal');
  const [category, setCategory] = useState(c.category_id ? String(c.category_id) : '');
  const [product, setProduct] = useState(c.product ?? '');
  const [customer, setCustomer] = useState(c.customer_id ? String(c.customer_id) : '');
  const [segment, setSegment] = useState(c.segment_id ? String(c.segment_id) : '');
  const [site, setSite] = useState(c.site ?? '');
  const [immediate, setImmediate] = useState(c.immediate_action ?? false);
  const [note, setNote] = useState(c.immediate_action_note ?? '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const saved = await api.post<Complaint>(`/api/v1/complaints/${c.id}/assessment`, {
        severity: Number(severity),
        priority,
        category_id: category ? Number(category) : null,
        product,
        customer_id: customer ? Number(customer) : null,
        segment_id: segment ? Number(segment) : null,
        site,
        immediate_action: immediate,
        immediate_action_note: note,
      });
      props.onSaved(saved, 'Assessment saved.');
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const f = errors.fields;
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="assess-title">
      <h2 id="assess-title">Assessment</h2>
      <FormAlert
        errors={errors}
        shown={['severity', 'priority', 'category_id', 'product', 'customer_id', 'segment_id', 'site', 'immediate_action', 'immediate_action_note']}
      />
      <div className="grid2">
        <SelectField id="as-severity" label="Severity" hint="1 is the most severe." value={severity} onChange={setSeverity} options={SEVERITY_OPTIONS} error={f.severity} />
        <SelectField id="as-priority" label="Priority" value={priority} onChange={(v) => setPriority(v as Priority)} options={enumOptions(PRIORITIES)} error={f.priority} />
      </div>
      <CategorySelect id="as-category" value={category} onChange={setCategory} categories={props.categories} error={f.category_id} />
      <div className="grid2">
        <TextField id="as-product" label="Product or service" value={product} onChange={setProduct} error={f.product} />
        <TextField id="as-site" label="Site" value={site} onChange={setSite} error={f.site} />
        <SelectField
          id="as-segment"
          label="Segment"
          hint="Empty: the customer's segment."
          value={segment}
          onChange={setSegment}
          empty="— from the customer —"
          options={props.segments.map((s) => ({ value: String(s.id), label: s.name }))}
          error={f.segment_id}
        />
      </div>
      <CustomerPicker idPrefix="as" value={customer} onChange={setCustomer} empty="— none —" error={f.customer_id} />
      <CheckboxField id="as-immediate" label="Immediate action taken" checked={immediate} onChange={setImmediate} error={f.immediate_action} />
      {immediate ? (
        <TextArea id="as-immediate-note" label="Immediate action" hint="What was done at once (containment)." value={note} onChange={setNote} required error={f.immediate_action_note} />
      ) : null}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Save assessment
        </button>
      </div>
    </form>
  );
}

// ---- Investigation ---------------------------------------------------------

const MAX_WHYS = 10;

export function InvestigationForm({ complaint, onSaved }: { complaint: Complaint; onSaved: Saved }) {
  const [whys, setWhys] = useState<string[]>(complaint.whys?.length ? complaint.whys : ['']);
  const [cause, setCause] = useState<CauseCategory>(complaint.cause_category ?? 'process');
  const [root, setRoot] = useState(complaint.root_cause ?? '');
  const [evidence, setEvidence] = useState(complaint.evidence ?? '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const saved = await api.post<Complaint>(`/api/v1/complaints/${complaint.id}/investigation`, {
        whys,
        cause_category: cause,
        root_cause: root,
        evidence,
      });
      onSaved(saved, 'Investigation saved.');
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const f = errors.fields;
  const whyErrors = indexed(f, 'whys');
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="inv-title">
      <h2 id="inv-title">Investigation</h2>
      <FormAlert errors={errors} shown={['whys', 'cause_category', 'root_cause', 'evidence', ...Object.keys(f).filter((k) => /^whys\W/.test(k))]} />
      <fieldset className="whys">
        <legend>Five whys</legend>
        <p className="hint">Ask “why?” until the cause is reached; each answer starts from the one before.</p>
        <ol className="whys-list">
          {whys.map((w, i) => (
            <li key={i} className="why-row">
              <TextField
                id={`why-${i + 1}`}
                label={`Why ${i + 1}`}
                value={w}
                onChange={(v) => setWhys((old) => old.map((x, j) => (j === i ? v : x)))}
                error={whyErrors[i]}
              />
              {whys.length > 1 ? (
                <button
                  type="button"
                  className="btn btn-small btn-quiet why-remove"
                  aria-label={`Remove why ${i + 1}`}
                  onClick={() => setWhys((old) => old.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ol>
        {f.whys ? <p className="field-error">{f.whys}</p> : null}
        {whys.length < MAX_WHYS ? (
          <button type="button" className="btn btn-small" onClick={() => setWhys((old) => [...old, ''])}>
            Add why
          </button>
        ) : null}
      </fieldset>
      <SelectField
        id="inv-cause"
        label="Cause category"
        value={cause}
        onChange={(v) => setCause(v as CauseCategory)}
        options={enumOptions(CAUSE_CATEGORIES)}
        error={f.cause_category}
      />
      <TextArea id="inv-root" label="Root cause" value={root} onChange={setRoot} required error={f.root_cause} />
      <TextArea id="inv-evidence" label="Evidence" hint="What shows this is the cause (records, tests, observations)." value={evidence} onChange={setEvidence} error={f.evidence} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Save investigation
        </button>
      </div>
    </form>
  );
}

// ---- Response --------------------------------------------------------------

export function ResponseForm({ complaint, onSaved }: { complaint: Complaint; onSaved: Saved }) {
  const [decision, setDecision] = useState(complaint.decision ?? '');
  const [remedies, setRemedies] = useState<Remedy[]>(complaint.remedies ?? []);
  const [detail, setDetail] = useState(complaint.remedy_detail ?? '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const saved = await api.post<Complaint>(`/api/v1/complaints/${complaint.id}/response`, {
        decision,
        remedies,
        remedy_detail: detail,
      });
      onSaved(saved, 'Response recorded and sent.');
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const f = errors.fields;
  const remedyError = f.remedies ?? Object.entries(f).find(([k]) => k.startsWith('remedies/'))?.[1];
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="resp-title">
      <h2 id="resp-title">Response</h2>
      <FormAlert errors={errors} shown={['decision', 'remedies', 'remedy_detail', ...Object.keys(f).filter((k) => k.startsWith('remedies/'))]} />
      <TextArea
        id="resp-decision"
        label="Decision"
        hint="Sent to the complainant as a message."
        rows={5}
        value={decision}
        onChange={setDecision}
        required
        error={f.decision}
      />
      <fieldset className={`checks remedies${remedyError ? ' field-invalid' : ''}`} aria-describedby={remedyError ? 'resp-remedies-error' : undefined}>
        <legend>Remedies</legend>
        <div className="check-grid">
          {REMEDIES.map((r) => (
            <CheckboxField
              key={r}
              id={`resp-remedy-${r}`}
              label={label(r)}
              checked={remedies.includes(r)}
              onChange={(on) => setRemedies((old) => (on ? REMEDIES.filter((x) => x === r || old.includes(x)) : old.filter((x) => x !== r)))}
            />
          ))}
        </div>
        {remedyError ? (
          <p className="field-error" id="resp-remedies-error">
            {remedyError}
          </p>
        ) : null}
      </fieldset>
      <TextArea
        id="resp-detail"
        label="Remedy detail"
        hint="For example the refund amount; required for “Other”."
        value={detail}
        onChange={setDetail}
        error={f.remedy_detail}
      />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Record response
        </button>
      </div>
    </form>
  );
}
