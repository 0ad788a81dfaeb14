// One customer: details (edit, delete) and tabs for its requirements,
// complaints, communications and history.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, qs } from '../api';
import { useCan } from '../auth';
import { AuditTable } from '../components/AuditTable';
import { CommunicationForm, CommunicationList } from '../components/Communications';
import { useStaff } from '../components/ComplaintBits';
import { ComplaintTable } from '../components/ComplaintTable';
import { ConfirmButton } from '../components/ConfirmButton';
import { CustomerForm } from '../components/CustomerForm';
import { Empty, FormAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { Pager } from '../components/Pager';
import { RequirementCard, RequirementForm } from '../components/Requirements';
import { fmtDateTime, label } from '../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../hooks';
import type { AuditEntry, Communication, Complaint, Customer, Page, Requirement } from '../types';
import { useSegments } from './Customers';
import { Tabs } from '../components/Tabs';
import { FeedbackTable } from './feedback/Feedback';
import type { FeedbackItem } from './feedback/feedbackTypes';

type Tab = 'requirements' | 'complaints' | 'communications' | 'history' | 'feedback';
const TABS: { id: Tab; text: string }[] = [
  { id: 'requirements', text: 'Requirements' },
  { id: 'complaints', text: 'Complaints' },
  { id: 'communications', text: 'Communications' },
  { id: 'feedback', text: 'Feedback' },
  { id: 'history', text: 'History' },
];

export function CustomerPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const canWrite = useCan('customers');
  const segments = useSegments();
  const { data: customer, error, loading, reload } = useApi<Customer>(`/api/v1/customers/${encodeURIComponent(id)}`);
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<Tab>('requirements');
  const [notice, setNotice] = useState('');
  const [deleteErrors, setDeleteErrors] = useState<FormErrors>(NO_ERRORS);

  if (loading && !customer) return <Loading />;
  if (error || !customer) {
    return (
      <>
        <p className="crumbs">
          <Link to="/customers">Customers</Link>
        </p>
        <h1>Customer</h1>
        <LoadError error={error} />
      </>
    );
  }
  const segment = segments.find((s) => s.id === customer.segment_id);

  return (
    <>
      <p className="crumbs">
        <Link to="/customers">Customers</Link>
      </p>
      <div className="page-head">
        <h1>{customer.name}</h1>
        {canWrite && !editing ? (
          <div className="head-actions">
            <button type="button" className="btn" onClick={() => setEditing(true)}>
              Edit
            </button>
            <ConfirmButton
              label="Delete"
              question="Delete this customer?"
              onConfirm={async () => {
                try {
                  await api.del(`/api/v1/customers/${customer.id}`);
                  navigate('/customers');
                } catch (e) {
                  setDeleteErrors(toFormErrors(e));
                }
              }}
            />
          </div>
        ) : null}
      </div>
      <Notice text={notice} onDone={() => setNotice('')} />
      <FormAlert errors={deleteErrors} />
      {editing ? (
        <CustomerForm
          title="Edit customer"
          initial={customer}
          segments={segments}
          submitLabel="Save changes"
          onCancel={() => setEditing(false)}
          onSubmit={async (input) => {
            await api.patch<Customer>(`/api/v1/customers/${customer.id}`, input);
            setEditing(false);
            setNotice('Customer saved.');
            reload();
          }}
        />
      ) : (
        <section className="panel" aria-labelledby="details-title">
          <h2 id="details-title" className="visually-hidden">
            Details
          </h2>
          <dl className="details">
            <div>
              <dt>Kind</dt>
              <dd>{label(customer.kind)}</dd>
            </div>
            <div>
              <dt>E-mail</dt>
              <dd>{customer.email || '—'}</dd>
            </div>
            <div>
              <dt>Phone</dt>
              <dd>{customer.phone || '—'}</dd>
            </div>
            <div>
              <dt>Segment</dt>
              <dd>{segment ? segment.name : customer.segment_id ? `#${customer.segment_id}` : '—'}</dd>
            </div>
            <div>
              <dt>Site</dt>
              <dd>{customer.site || '—'}</dd>
            </div>
            <div>
              <dt>Tags</dt>
              <dd>
                {customer.tags.length
                  ? customer.tags.map((t) => (
                      <span key={t} className="tag">
                        {t}
                      </span>
                    ))
                  : '—'}
              </dd>
            </div>
            <div>
              <dt>Survey consent</dt>
              <dd>{customer.consent_survey ? `Yes, since ${fmtDateTime(customer.consent_survey_at)}` : 'No'}</dd>
            </div>
            <div>
              <dt>Marketing consent</dt>
              <dd>{customer.consent_marketing ? `Yes, since ${fmtDateTime(customer.consent_marketing_at)}` : 'No'}</dd>
            </div>
            {customer.external_ref ? (
              <div>
                <dt>External reference</dt>
                <dd>{customer.external_ref}</dd>
              </div>
            ) : null}
            <div>
              <dt>Created</dt>
              <dd>{fmtDateTime(customer.created_at)}</dd>
            </div>
            <div>
              <dt>Updated</dt>
              <dd>{fmtDateTime(customer.updated_at)}</dd>
            </div>
          </dl>
        </section>
      )}

      <Tabs label="Customer records" tabs={TABS} current={tab} onChange={setTab} />
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel" tabIndex={0}>
        {tab === 'requirements' ? <CustomerRequirements customerId={customer.id} /> : null}
        {tab === 'complaints' ? <CustomerComplaints customerId={customer.id} /> : null}
        {tab === 'communications' ? <CustomerCommunications customerId={customer.id} /> : null}
        {tab === 'history' ? <CustomerHistory customerId={customer.id} /> : null}
        {tab === 'feedback' ? <CustomerFeedback customerId={customer.id} /> : null}
      </section>
    </>
  );
}

function CustomerRequirements({ customerId }: { customerId: number }) {
  const canWrite = useCan('requirements');
  const { data, error, reload } = useApi<Page<Requirement>>(
    `/api/v1/requirements${qs({ customer_id: customerId, sort: '-created_at', limit: 100 })}`,
  );
  return (
    <div className="split">
      <div>
        <LoadError error={error} />
        {data ? (
          data.items.length === 0 ? (
            <Empty>No requirements recorded for this customer.</Empty>
          ) : (
            data.items.map((r) => <RequirementCard key={`${r.id}-${r.version}-${r.status}`} requirement={r} onChanged={reload} />)
          )
        ) : null}
      </div>
      {canWrite ? (
        <RequirementForm
          idPrefix="custreq"
          title="Add a requirement"
          buildScope={() => ({ scope: 'customer', customer_id: customerId })}
          onCreated={reload}
        />
      ) : null}
    </div>
  );
}

const COMPLAINTS_LIMIT = 25;

function CustomerComplaints({ customerId }: { customerId: number }) {
  const canWrite = useCan('complaints');
  const staff = useStaff();
  const [offset, setOffset] = useState(0);
  const { data, error, loading } = useApi<Page<Complaint>>(
    `/api/v1/complaints${qs({ customer_id: customerId, sort: '-received_at', limit: COMPLAINTS_LIMIT, offset })}`,
  );
  return (
    <>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        data.total === 0 ? (
          <Empty>No complaints from this customer.</Empty>
        ) : (
          <>
            <ComplaintTable items={data.items} staff={staff} busy={loading} caption="Complaints from this customer" />
            <Pager total={data.total} capped={data.total_capped} limit={COMPLAINTS_LIMIT} offset={data.offset ?? offset} onOffset={setOffset} />
          </>
        )
      ) : null}
      {canWrite ? (
        <p>
          <Link className="btn" to={`/complaints/new${qs({ customer_id: customerId })}`}>
            New complaint from this customer
          </Link>
        </p>
      ) : null}
    </>
  );
}

function CustomerCommunications({ customerId }: { customerId: number }) {
  const canWrite = useCan('communications');
  const { data, error, reload } = useApi<Page<Communication>>(
    `/api/v1/communications${qs({ customer_id: customerId, sort: '-occurred_at', limit: 100 })}`,
  );
  return (
    <div className="split">
      <div>
        <LoadError error={error} />
        {data ? <CommunicationList items={data.items} /> : null}
      </div>
      {canWrite ? <CommunicationForm customerId={customerId} onCreated={reload} /> : null}
    </div>
  );
}

const HISTORY_LIMIT = 100;

function CustomerHistory({ customerId }: { customerId: number }) {
  const { data, error } = useApi<Page<AuditEntry>>(`/api/v1/audit${qs({ customer_id: customerId, sort: '-seq', limit: HISTORY_LIMIT })}`);
  const total = data?.total ?? 0;
  return (
    <>
      <LoadError error={error} />
      {data ? (
        <>
          <p className="muted small">
            Every change to this customer and its requirements, reviews and communications, newest first
            {total > HISTORY_LIMIT ? ` (the latest ${HISTORY_LIMIT} of ${total} entries; see the audit trail for all)` : ` (${total} entries)`}.
          </p>
          <AuditTable entries={data.items} caption="Customer history" />
        </>
      ) : null}
    </>
  );
}

const FEEDBACK_LIMIT = 25;

/** The person's feedback items of every channel (GET /api/v1/feedback?customer_id=). */
function CustomerFeedback({ customerId }: { customerId: number }) {
  const [offset, setOffset] = useState(0);
  const { data, error, loading } = useApi<Page<FeedbackItem>>(`/api/v1/feedback${qs({ customer_id: customerId, limit: FEEDBACK_LIMIT, offset })}`);
  return (
    <>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        data.total === 0 ? (
          <Empty>No feedback from this customer.</Empty>
        ) : (
          <>
            <FeedbackTable items={data.items} caption="Feedback from this customer" />
            <Pager total={data.total} limit={FEEDBACK_LIMIT} offset={data.offset ?? offset} onOffset={setOffset} />
          </>
        )
      ) : null}
    </>
  );
}
