// One complaint case: header with reference, state and SLA clocks; the next
// allowed steps; assessment, investigation and response; assignee; messages
// (to the complainant and internal notes apart); attachments; corrective
// actions; merging a duplicate into the case that carries on; and the
// timeline of everything that happened.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { useCan } from '../auth';
import { Badge } from '../components/Badge';
import { SlaClock, severityLabel, stateLabel, useCategories, useStaff } from '../components/ComplaintBits';
import { AssigneeForm, Attachments, LinkedActions, Messages, Timeline } from '../components/ComplaintCase';
import { AssessmentForm, InvestigationForm, ResponseForm, TransitionActions } from '../components/ComplaintForms';
import { FormAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { MergeForm, MergeLinks } from '../components/MergeCase';
import { fmtDate, fmtDateTime, label } from '../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../hooks';
import type { Complaint, ComplaintMessage, ComplaintState, Customer, HandlingRating } from '../types';
import { useSegments } from './Customers';

const FINAL: ComplaintState[] = ['closed', 'withdrawn', 'referred'];
const ASSESSABLE: ComplaintState[] = ['acknowledged', 'assessed', 'investigating', 'reopened', 'waiting_on_complainant'];
const INVESTIGABLE: ComplaintState[] = ['assessed', 'investigating'];
const RESPONDABLE: ComplaintState[] = ['investigating'];

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * A closed case the complainant wrote to after closure: say so and offer to
 * reopen it (the complaint settings may reopen such cases by themselves).
 */
function ReplyAfterClosure({ complaint, messages, canWrite, onSaved }: { complaint: Complaint; messages: ComplaintMessage[]; canWrite: boolean; onSaved: (c: Complaint, notice: string) => void }) {
  const closed = complaint.state === 'closed' && complaint.closed_at && complaint.closure !== 'duplicate';
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  if (!closed) return null;
  const closedAt = new Date(complaint.closed_at ?? '').getTime();
  // The case's own messages (not those of duplicates merged into it).
  const items = messages.filter((m) => !m.merged_from);
  const after = items.filter((m) => m.kind === 'from_complainant' && new Date(m.created_at).getTime() > closedAt);
  if (after.length === 0) return null;
  return (
    <div className="alert alert-warn" role="status">
      <p className="alert-title">The complainant wrote after the case was closed ({fmtDateTime(after[after.length - 1].created_at)}).</p>
      <p>Read the reply below. Reopen the case if it needs more work.</p>
      <FormAlert errors={errors} shown={[]} />
      {canWrite ? (
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setErrors(NO_ERRORS);
            try {
              const c = await api.post<Complaint>(`/api/v1/complaints/${complaint.id}/transitions`, { to: 'reopened', reason: 'the complainant replied after closure' });
              onSaved(c, 'Reopened.');
            } catch (e) {
              setErrors(toFormErrors(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          Reopen the case
        </button>
      ) : null}
    </div>
  );
}

/** The customer by name, linked to their page (their number while the name loads or if it cannot be read). */
function CustomerLink({ id }: { id: number }) {
  const { data } = useApi<Customer>(`/api/v1/customers/${id}`);
  return <Link to={`/customers/${id}`}>{data?.name ?? `Customer #${id}`}</Link>;
}

function RatingLine({ id, refreshKey }: { id: number; refreshKey: number }) {
  const { data } = useApi<HandlingRating | null>(`/api/v1/complaints/${id}/rating`, refreshKey);
  if (!data || typeof data.score !== 'number') return null;
  return (
    <Detail term="Complainant’s rating">
      {data.score} of 5{data.comment ? ` — “${data.comment}”` : ''}
    </Detail>
  );
}

export function ComplaintPage() {
  const { id = '' } = useParams();
  const canWrite = useCan('complaints');
  const staff = useStaff();
  const segments = useSegments();
  const { items: categories } = useCategories();
  const [tick, setTick] = useState(0);
  const { data: loaded, error, loading } = useApi<Complaint>(`/api/v1/complaints/${encodeURIComponent(id)}`, tick);
  // Read once for the page: the message columns and the reply-after-closure banner.
  const messages = useApi<{ items: ComplaintMessage[] }>(/^\d+$/.test(id) ? `/api/v1/complaints/${id}/messages` : null, tick);
  const [fresh, setFresh] = useState<Complaint | null>(null);
  const [notice, setNotice] = useState('');
  // A link to another case (a merged one) keeps this page: its notice belongs to the case it was about.
  useEffect(() => setNotice(''), [id]);
  const c = fresh && loaded && fresh.id === loaded.id && fresh.updated_at >= loaded.updated_at ? fresh : loaded;

  if (loading && !c) return <Loading />;
  if (!c) {
    return (
      <>
        <p className="crumbs">
          <Link to="/complaints">Complaints</Link>
        </p>
        <h1>Complaint</h1>
        <LoadError error={error} />
      </>
    );
  }
  const refresh = () => setTick((t) => t + 1);
  const saved = (next: Complaint, text: string) => {
    setFresh(next);
    setNotice(text);
    refresh();
  };
  const segment = segments.find((s) => s.id === c.segment_id);
  const final = FINAL.includes(c.state);
  const breached = c.sla?.acknowledge?.breached || c.sla?.resolve?.breached;
  const warning = !breached && (c.sla?.acknowledge?.warning || c.sla?.resolve?.warning);
  const openClock = (s: { stopped: boolean } | null | undefined) => s && !s.stopped;

  return (
    <>
      <p className="crumbs">
        <Link to="/complaints">Complaints</Link>
      </p>
      <div className="page-head">
        <h1>
          <span className="mono">{c.reference}</span>
        </h1>
        <div className="head-actions">
          <Badge value={c.state} />
          {c.closure ? <span className="muted small">({label(c.closure)})</span> : null}
          {c.state === 'waiting_on_complainant' && c.paused_from ? (
            <span className="muted small">paused from {stateLabel(c.paused_from).toLowerCase()}</span>
          ) : null}
          <button type="button" className="btn btn-small" onClick={() => window.print()}>
            Print case report
          </button>
        </div>
      </div>
      <p className="print-only muted small">Case report, printed {fmtDateTime(new Date().toISOString())}</p>
      <p className="case-summary">{c.summary}</p>
      <Notice text={notice} onDone={() => setNotice('')} />
      <MergeLinks complaint={c} />
      <ReplyAfterClosure complaint={c} messages={messages.data?.items ?? []} canWrite={canWrite} onSaved={saved} />
      {breached && (openClock(c.sla?.acknowledge) || openClock(c.sla?.resolve)) ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">This complaint is past its SLA due time.</p>
        </div>
      ) : warning ? (
        <div className="alert alert-warn" role="status">
          <p className="alert-title">The SLA due time is close.</p>
        </div>
      ) : null}

      <section className="panel" aria-labelledby="sla-title">
        <h2 id="sla-title">Service level</h2>
        <dl className="details sla">
          <SlaClock name="Acknowledge" sla={c.sla?.acknowledge} />
          <SlaClock name="Resolve" sla={c.sla?.resolve} />
          <Detail term="Received">{fmtDateTime(c.received_at)}</Detail>
          <Detail term="Acknowledged">{fmtDateTime(c.acknowledged_at)}</Detail>
          <Detail term="Responded">{fmtDateTime(c.responded_at)}</Detail>
          <Detail term="Closed">{fmtDateTime(c.closed_at)}</Detail>
          {c.reopen_count ? <Detail term="Reopened">{`${c.reopen_count} time${c.reopen_count === 1 ? '' : 's'}`}</Detail> : null}
        </dl>
      </section>

      {canWrite ? (
        <section className="panel no-print" aria-labelledby="next-title">
          <h2 id="next-title">Next steps</h2>
          <TransitionActions complaint={c} onSaved={saved} />
          <div className="subform">
            <AssigneeForm key={`${c.id}-${c.assignee_id}`} complaint={c} staff={staff} canWrite={canWrite} onSaved={(n) => saved(n, '')} />
          </div>
          <div className="subform">
            <MergeForm key={`merge-${c.id}`} complaint={c} onSaved={saved} />
          </div>
        </section>
      ) : (
        <AssigneeForm complaint={c} staff={staff} canWrite={false} onSaved={() => undefined} />
      )}

      <section className="panel" aria-labelledby="details-title">
        <h2 id="details-title">Complaint</h2>
        <dl className="details">
          <Detail term="Channel">{label(c.channel)}</Detail>
          <Detail term="Intake">{label(c.intake)}</Detail>
          <Detail term="Complainant">{c.contact_name || '—'}</Detail>
          <Detail term="E-mail">{c.contact_email || '—'}</Detail>
          <Detail term="Phone">{c.contact_phone || '—'}</Detail>
          <Detail term="May be contacted">{c.consent_contact ? 'Yes' : 'No'}</Detail>
          <Detail term="Customer">{c.customer_id ? <CustomerLink id={c.customer_id} /> : '—'}</Detail>
          <Detail term="Segment">{segment ? segment.name : c.segment_id ? `#${c.segment_id}` : '—'}</Detail>
          <Detail term="Product">{c.product || '—'}</Detail>
          <Detail term="Site">{c.site || '—'}</Detail>
          <Detail term="Happened on">{fmtDate(c.occurred_on)}</Detail>
          <Detail term="Category">{c.category_path || '—'}</Detail>
          <Detail term="Severity">{severityLabel(c.severity)}</Detail>
          <Detail term="Priority">{c.priority ? label(c.priority) : '—'}</Detail>
          {c.external_ref ? <Detail term="External reference">{c.external_ref}</Detail> : null}
          {c.source_outcome ? <Detail term="Source outcome">{c.source_outcome}</Detail> : null}
          <RatingLine id={c.id} refreshKey={tick} />
        </dl>
        <h3 className="sub-head">What happened</h3>
        <p className="pre">{c.description}</p>
        {c.remedy_wanted ? (
          <>
            <h3 className="sub-head">What the complainant asks for</h3>
            <p className="pre">{c.remedy_wanted}</p>
          </>
        ) : null}
        {c.immediate_action ? (
          <>
            <h3 className="sub-head">Immediate action</h3>
            <p className="pre">{c.immediate_action_note}</p>
          </>
        ) : null}
      </section>

      {canWrite && ASSESSABLE.includes(c.state) ? (
        <AssessmentForm key={`as-${c.id}-${c.updated_at}`} complaint={c} categories={categories} segments={segments} onSaved={saved} />
      ) : null}

      {canWrite && INVESTIGABLE.includes(c.state) ? (
        <InvestigationForm key={`inv-${c.id}-${c.updated_at}`} complaint={c} onSaved={saved} />
      ) : c.whys.length || c.root_cause ? (
        <section className="panel" aria-labelledby="inv-view-title">
          <h2 id="inv-view-title">Investigation</h2>
          {c.whys.length ? (
            <ol className="whys-view">
              {c.whys.map((w, i) => (
                <li key={i}>
                  <span className="muted">Why {i + 1}:</span> {w}
                </li>
              ))}
            </ol>
          ) : null}
          <dl className="details">
            <Detail term="Cause category">{c.cause_category ? label(c.cause_category) : '—'}</Detail>
            <Detail term="Root cause">{c.root_cause || '—'}</Detail>
            <Detail term="Evidence">{c.evidence || '—'}</Detail>
          </dl>
        </section>
      ) : null}

      {canWrite && RESPONDABLE.includes(c.state) ? (
        <ResponseForm key={`resp-${c.id}-${c.updated_at}`} complaint={c} onSaved={saved} />
      ) : c.decision ? (
        <section className="panel" aria-labelledby="resp-view-title">
          <h2 id="resp-view-title">Response</h2>
          <p className="pre">{c.decision}</p>
          <dl className="details">
            <Detail term="Remedies">{c.remedies.length ? c.remedies.map(label).join(', ') : '—'}</Detail>
            <Detail term="Remedy detail">{c.remedy_detail || '—'}</Detail>
          </dl>
        </section>
      ) : null}

      <Messages complaint={c} canWrite={canWrite && c.state !== 'withdrawn'} items={messages.data?.items ?? []} error={messages.error} onChange={refresh} />
      <div className="split">
        <Attachments complaint={c} canWrite={canWrite && !final} onChange={refresh} />
        <LinkedActions complaint={c} staff={staff} canWrite={canWrite} onChange={refresh} />
      </div>
      <Timeline complaint={c} refreshKey={tick} />
    </>
  );
}
