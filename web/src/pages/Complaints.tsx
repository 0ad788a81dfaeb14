// The complaint queues (mine, unassigned, overdue, open, all) with filters,
// full-text search, saved views, paging and bulk actions on selected cases,
// and the staff entry form for complaints taken by phone, at the counter, by
// letter or e-mail.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, qs } from '../api';
import { useAuth, useCan } from '../auth';
import { CategorySelect, SEVERITY_OPTIONS, STAFF_CHANNELS, stateLabel, useCategories, useStaff } from '../components/ComplaintBits';
import { BulkActions } from '../components/BulkActions';
import { ComplaintTable } from '../components/ComplaintTable';
import { SavedViews } from '../components/SavedViews';
import { CustomerPicker } from '../components/CustomerPicker';
import { Empty, FormAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { ExportLinks } from '../components/ExportLinks';
import { ShortcutHelp, useListShortcuts } from '../components/ListShortcuts';
import { CheckboxField, SelectField, TextArea, TextField } from '../components/Fields';
import { Pager } from '../components/Pager';
import { displayTimeZone, label, localInputToIso, todayInput } from '../format';
import { NO_ERRORS, toFormErrors, useApi, useDebounced, type FormErrors } from '../hooks';
import { CHANNELS, COMPLAINT_INTAKES, COMPLAINT_STATES, type Complaint, type Page } from '../types';
import { useSegments } from './Customers';

const LIMIT = 25;

const QUEUES: { id: string; text: string }[] = [
  { id: 'mine', text: 'Mine' },
  { id: 'unassigned', text: 'Unassigned' },
  { id: 'overdue', text: 'Overdue' },
  { id: 'open', text: 'Open' },
  { id: 'all', text: 'All' },
];

const FILTER_KEYS = ['state', 'category_id', 'severity', 'segment_id', 'site', 'channel', 'intake', 'from', 'to'];

export function ComplaintsPage() {
  const [params, setParams] = useSearchParams();
  const { user } = useAuth();
  const canWrite = useCan('complaints');
  const segments = useSegments();
  const { items: categories } = useCategories();
  const staff = useStaff();
  // A handler opens the list on their own cases; everyone else on all.
  const queue = params.get('queue') ?? (user?.role === 'handler' ? 'mine' : 'all');
  const q = params.get('q') ?? '';
  const debounced = useDebounced(q);
  // The server refuses a search without a word of three letters or digits
  // (it would match nearly everything): wait for one.
  const searched = /[\p{L}\p{N}]{3}/u.test(debounced) ? debounced : '';
  const site = params.get('site') ?? '';
  const searchedSite = useDebounced(site);
  // A search without a chosen order lists the most recently filed first
  // (the server's index order, which keeps a search of many matches fast).
  const sort = params.get('sort') ?? (searched ? '' : '-received_at');
  const offset = Number(params.get('offset') ?? 0) || 0;
  const get = (k: string) => params.get(k) ?? '';

  const path = `/api/v1/complaints${qs({
    queue: queue === 'all' ? '' : queue,
    q: searched,
    state: get('state'),
    category_id: get('category_id'),
    severity: get('severity'),
    segment_id: get('segment_id'),
    site: searchedSite,
    channel: get('channel'),
    intake: get('intake'),
    from: get('from'),
    to: get('to'),
    sort,
    limit: LIMIT,
    offset,
  })}`;
  const [assignTick, setAssignTick] = useState(0);
  const { data, error, loading } = useApi<Page<Complaint>>(path, assignTick);
  const [shortcutNotice, setShortcutNotice] = useState('');
  const navigate = useNavigate();
  const items = data?.items ?? [];
  // Selected cases for bulk actions, kept across pages until cleared or acted on.
  const [picked, setPicked] = useState<Map<number, Complaint>>(new Map());
  const selection = canWrite
    ? {
        ids: new Set(picked.keys()),
        toggle: (id: number) =>
          setPicked((now) => {
            const next = new Map(now);
            const c = items.find((x) => x.id === id);
            if (next.has(id)) next.delete(id);
            else if (c) next.set(id, c);
            return next;
          }),
        toggleAll: () =>
          setPicked((now) => {
            const next = new Map(now);
            const all = items.every((c) => next.has(c.id));
            for (const c of items) {
              if (all) next.delete(c.id);
              else next.set(c.id, c);
            }
            return next;
          }),
      }
    : undefined;
  const { current, help, closeHelp } = useListShortcuts({
    rows: items.length,
    searchId: 'cmp-q',
    onOpen: (i) => navigate(`/complaints/${items[i].id}`),
    onAssign:
      canWrite && user
        ? async (i) => {
            try {
              await api.put(`/api/v1/complaints/${items[i].id}/assignee`, { assignee_id: user.id });
              setShortcutNotice(`${items[i].reference} assigned to you.`);
              setAssignTick((t) => t + 1);
            } catch (e) {
              setShortcutNotice(e instanceof ApiError ? `${items[i].reference}: ${e.message}` : String(e));
            }
          }
        : undefined,
  });

  function set(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'offset') next.delete('offset');
    setParams(next, { replace: true });
  }
  const filtered = FILTER_KEYS.some((k) => params.get(k)) || q;

  return (
    <>
      <div className="page-head">
        <h1>Complaints</h1>
        <div className="head-actions">
          <ExportLinks
            base="/api/v1/complaints/export"
            query={{ queue: queue === 'all' ? '' : queue, q: searched, state: get('state'), category_id: get('category_id'), severity: get('severity'), segment_id: get('segment_id'), site: searchedSite, channel: get('channel'), intake: get('intake'), from: get('from'), to: get('to') }}
          />
          <Link className="btn" to="/complaints/analysis">
            Analysis
          </Link>
          {canWrite ? (
            <Link className="btn btn-primary" to="/complaints/new">
              New complaint
            </Link>
          ) : null}
        </div>
      </div>
      <nav className="queue-tabs" aria-label="Queues">
        <ul>
          {QUEUES.map((t) => (
            <li key={t.id}>
              <Link
                to={`/complaints${qs({ queue: t.id })}`}
                className={queue === t.id ? 'queue-tab active' : 'queue-tab'}
                aria-current={queue === t.id ? 'page' : undefined}
              >
                {t.text}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form className="filters" role="search" aria-label="Filter complaints" onSubmit={(e) => e.preventDefault()}>
        <TextField
          id="cmp-q"
          label="Search"
          type="search"
          placeholder="Reference, words in the complaint or messages"
          value={q}
          onChange={(v) => set('q', v)}
          hint={q && !/[\p{L}\p{N}]{3}/u.test(q) ? 'Type a word of at least three letters to search.' : undefined}
        />
        <SelectField
          id="cmp-state"
          label="State"
          value={get('state')}
          onChange={(v) => set('state', v)}
          empty="Any state"
          options={COMPLAINT_STATES.map((s) => ({ value: s, label: stateLabel(s) }))}
        />
        <CategorySelect id="cmp-category" value={get('category_id')} onChange={(v) => set('category_id', v)} categories={categories} empty="Any category" />
        <SelectField id="cmp-severity" label="Severity" value={get('severity')} onChange={(v) => set('severity', v)} empty="Any severity" options={SEVERITY_OPTIONS} />
        <SelectField
          id="cmp-segment"
          label="Segment"
          value={get('segment_id')}
          onChange={(v) => set('segment_id', v)}
          empty="Any segment"
          options={segments.map((s) => ({ value: String(s.id), label: s.name }))}
        />
        <TextField id="cmp-site" label="Site" value={site} onChange={(v) => set('site', v)} />
        <SelectField
          id="cmp-channel"
          label="Channel"
          value={get('channel')}
          onChange={(v) => set('channel', v)}
          empty="Any channel"
          options={CHANNELS.map((c) => ({ value: c, label: label(c) }))}
        />
        <SelectField
          id="cmp-intake"
          label="Intake"
          value={get('intake')}
          onChange={(v) => set('intake', v)}
          empty="Any intake"
          options={COMPLAINT_INTAKES.map((i) => ({ value: i, label: label(i) }))}
        />
        <TextField id="cmp-from" label="Received from" type="date" value={get('from')} onChange={(v) => set('from', v)} />
        <TextField id="cmp-to" label="Received to" type="date" value={get('to')} onChange={(v) => set('to', v)} />
        <SelectField
          id="cmp-sort"
          label="Sort by"
          value={sort}
          onChange={(v) => set('sort', v)}
          options={[
            ...(searched ? [{ value: '', label: 'Newest filed first' }] : []),
            { value: '-received_at', label: 'Newest first' },
            { value: 'received_at', label: 'Oldest first' },
            { value: 'resolve_due_at', label: 'Resolve due soonest' },
            { value: 'ack_due_at', label: 'Acknowledge due soonest' },
            { value: 'severity', label: 'Most severe first' },
            { value: '-updated_at', label: 'Recently updated' },
            { value: 'reference', label: 'Reference' },
          ]}
        />
        {filtered ? (
          <div className="filters-clear">
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setParams(new URLSearchParams({ queue }), { replace: true })}
            >
              Clear filters
            </button>
          </div>
        ) : null}
      </form>
      <SavedViews params={params} />
      <p className="muted small">
        Press <kbd>?</kbd> for keyboard shortcuts.
      </p>
      {canWrite && picked.size > 0 ? (
        <BulkActions
          selected={[...picked.values()]}
          staff={staff}
          onClear={() => setPicked(new Map())}
          onDone={(text) => {
            setPicked(new Map());
            setShortcutNotice(text);
            setAssignTick((t) => t + 1);
          }}
        />
      ) : null}
      <Notice text={shortcutNotice} onDone={() => setShortcutNotice('')} />
      <ShortcutHelp open={help} onClose={closeHelp} canAssign={canWrite} />
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        data.items.length === 0 ? (
          <Empty>No complaints match.</Empty>
        ) : (
          <>
            <ComplaintTable items={data.items} staff={staff} busy={loading} current={current} selection={selection} />
            <Pager total={data.total} capped={data.total_capped} limit={LIMIT} offset={data.offset ?? offset} onOffset={(o) => set('offset', o ? String(o) : '')} />
          </>
        )
      ) : null}
    </>
  );
}

const NEW_SHOWN = [
  'channel',
  'summary',
  'description',
  'product',
  'occurred_on',
  'remedy_wanted',
  'contact_name',
  'contact_email',
  'contact_phone',
  'consent_contact',
  'customer_id',
  'site',
  'category_id',
  'received_at',
  'external_ref',
  'acknowledge',
];

/** Staff entry of a complaint received by phone, at the counter, by letter or e-mail. */
export function NewComplaintPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const canWrite = useCan('complaints');
  const { items: categories } = useCategories();
  const [channel, setChannel] = useState('phone');
  const [summary, setSummary] = useState('');
  const [description, setDescription] = useState('');
  const [product, setProduct] = useState('');
  const [occurred, setOccurred] = useState('');
  const [remedy, setRemedy] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  // From a customer's Complaints tab: /complaints/new?customer_id=7.
  const [customer, setCustomer] = useState(/^\d+$/.test(params.get('customer_id') ?? '') ? (params.get('customer_id') ?? '') : '');
  const [site, setSite] = useState('');
  const [category, setCategory] = useState('');
  const [received, setReceived] = useState('');
  const [externalRef, setExternalRef] = useState('');
  const [acknowledge, setAcknowledge] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  if (!canWrite) {
    return (
      <>
        <h1>New complaint</h1>
        <p>Your role does not allow entering complaints.</p>
      </>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    const body: Record<string, unknown> = {
      channel,
      summary,
      description,
      product,
      remedy_wanted: remedy,
      contact_name: name,
      contact_email: email.trim(),
      contact_phone: phone,
      consent_contact: consent,
      site,
      external_ref: externalRef,
      acknowledge,
    };
    if (occurred) body.occurred_on = occurred;
    if (received) body.received_at = localInputToIso(received);
    if (customer) body.customer_id = Number(customer);
    if (category) body.category_id = Number(category);
    try {
      const created = await api.post<Complaint>('/api/v1/complaints', body);
      navigate(`/complaints/${created.id}`);
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }

  const f = errors.fields;
  return (
    <>
      <p className="crumbs">
        <Link to="/complaints">Complaints</Link>
      </p>
      <h1>New complaint</h1>
      <form className="panel form" onSubmit={submit} noValidate aria-labelledby="new-complaint-title">
        <h2 id="new-complaint-title">Complaint received by staff</h2>
        <FormAlert errors={errors} shown={NEW_SHOWN} />
        <div className="grid2">
          <SelectField id="nc-channel" label="Received by" value={channel} onChange={setChannel} options={STAFF_CHANNELS} error={f.channel} />
          <TextField id="nc-received" label="Received at" type="datetime-local" hint={`Time in ${displayTimeZone()}; leave empty for now.`} value={received} onChange={setReceived} error={f.received_at} />
        </div>
        <TextField id="nc-summary" label="Summary" hint="One line that says what the complaint is about." value={summary} onChange={setSummary} required error={f.summary} />
        <TextArea id="nc-description" label="What happened" rows={5} value={description} onChange={setDescription} required error={f.description} />
        <div className="grid2">
          <TextField id="nc-product" label="Product or service" value={product} onChange={setProduct} error={f.product} />
          <TextField id="nc-occurred" label="When it happened" type="date" max={todayInput()} value={occurred} onChange={setOccurred} error={f.occurred_on} />
        </div>
        <TextArea id="nc-remedy" label="What the complainant asks for" value={remedy} onChange={setRemedy} error={f.remedy_wanted} />
        <fieldset>
          <legend>Complainant</legend>
          <div className="grid2">
            <TextField id="nc-name" label="Name" autoComplete="off" value={name} onChange={setName} error={f.contact_name} />
            <TextField id="nc-email" label="E-mail" type="email" inputMode="email" autoComplete="off" value={email} onChange={setEmail} error={f.contact_email} />
            <TextField id="nc-phone" label="Phone" type="tel" autoComplete="off" value={phone} onChange={setPhone} error={f.contact_phone} />
          </div>
          <CheckboxField
            id="nc-consent"
            label="Agrees to be contacted about this complaint"
            hint="Needed before the acknowledgement and replies are e-mailed."
            checked={consent}
            onChange={setConsent}
            error={f.consent_contact}
          />
          <CustomerPicker idPrefix="nc" label="Existing customer" empty="— not a known customer —" value={customer} onChange={setCustomer} error={f.customer_id} />
        </fieldset>
        <div className="grid2">
          <TextField id="nc-site" label="Site" value={site} onChange={setSite} error={f.site} />
          <CategorySelect id="nc-category" value={category} onChange={setCategory} categories={categories} error={f.category_id} />
          <TextField id="nc-extref" label="External reference" value={externalRef} onChange={setExternalRef} error={f.external_ref} />
        </div>
        <CheckboxField
          id="nc-acknowledge"
          label="Acknowledged to the complainant now"
          hint="For example on the phone or at the counter; the acknowledgement mail is sent too when an e-mail is given and contact is agreed."
          checked={acknowledge}
          onChange={setAcknowledge}
          error={f.acknowledge}
        />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Record complaint
          </button>
          <button type="button" className="btn" onClick={() => navigate('/complaints')}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
