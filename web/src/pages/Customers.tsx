// Customer list (search, filters, sort, paging) and the new-customer page.
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, qs } from '../api';
import { useCan } from '../auth';
import { ExportLinks } from '../components/ExportLinks';
import { CustomerForm, type CustomerInput } from '../components/CustomerForm';
import { Empty, LoadError, Loading } from '../components/Feedback';
import { enumOptions, SelectField, TextField } from '../components/Fields';
import { Pager } from '../components/Pager';
import { fmtDate, label } from '../format';
import { useApi, useDebounced } from '../hooks';
import { CUSTOMER_KINDS, type Customer, type Page, type Segment } from '../types';

const LIMIT = 25;

export function useSegments() {
  const res = useApi<Page<Segment>>('/api/v1/segments?limit=100&sort=name');
  return res.data?.items ?? [];
}

/** A column header that sorts by its field; a second click reverses the order. */
function SortHeader(props: { field: string; text: string; sort: string; onSort: (v: string) => void }) {
  const active = props.sort.replace(/^-/, '') === props.field;
  const desc = props.sort.startsWith('-');
  return (
    <th scope="col" aria-sort={active ? (desc ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="th-sort"
        onClick={() => props.onSort(active && !desc ? `-${props.field}` : props.field)}
      >
        {props.text}
        <span className="sort-mark" aria-hidden="true">
          {active ? (desc ? ' ▼' : ' ▲') : ''}
        </span>
      </button>
    </th>
  );
}

export function CustomersPage() {
  const [params, setParams] = useSearchParams();
  const canWrite = useCan('customers');
  const segments = useSegments();
  const q = params.get('q') ?? '';
  const searched = useDebounced(q);
  const segmentId = params.get('segment_id') ?? '';
  const kind = params.get('kind') ?? '';
  const sort = params.get('sort') ?? 'name';
  const offset = Number(params.get('offset') ?? 0) || 0;

  const path = `/api/v1/customers${qs({ q: searched, segment_id: segmentId, kind, sort, limit: LIMIT, offset })}`;
  const { data, error, loading } = useApi<Page<Customer>>(path);
  const segName = new Map(segments.map((s) => [s.id, s.name]));

  function set(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'offset') next.delete('offset');
    setParams(next, { replace: true });
  }

  return (
    <>
      <div className="page-head">
        <h1>Customers</h1>
        <div className="head-actions">
          <ExportLinks base="/api/v1/customers/export" query={{ q: searched, segment_id: segmentId, kind }} />
          {canWrite ? (
            <Link className="btn btn-primary" to="/customers/new">
              New customer
            </Link>
          ) : null}
        </div>
      </div>
      <form className="filters" role="search" aria-label="Filter customers" onSubmit={(e) => e.preventDefault()}>
        <TextField id="cust-q" label="Search" type="search" placeholder="Name, e-mail, reference or tag" value={q} onChange={(v) => set('q', v)} />
        <SelectField
          id="cust-filter-segment"
          label="Segment"
          value={segmentId}
          onChange={(v) => set('segment_id', v)}
          empty="All segments"
          options={segments.map((s) => ({ value: String(s.id), label: s.name }))}
        />
        <SelectField id="cust-filter-kind" label="Kind" value={kind} onChange={(v) => set('kind', v)} empty="All kinds" options={enumOptions(CUSTOMER_KINDS)} />
        <SelectField
          id="cust-sort"
          label="Sort by"
          value={sort}
          onChange={(v) => set('sort', v)}
          options={[
            { value: 'name', label: 'Name (A–Z)' },
            { value: '-name', label: 'Name (Z–A)' },
            { value: '-created_at', label: 'Newest first' },
            { value: 'created_at', label: 'Oldest first' },
          ]}
        />
      </form>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        data.items.length === 0 ? (
          <Empty>No customers match.</Empty>
        ) : (
          <>
            <div className="table-wrap" aria-busy={loading} tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden">Customers</caption>
                <thead>
                  <tr>
                    <SortHeader field="name" text="Name" sort={sort} onSort={(v) => set('sort', v)} />
                    <th scope="col">Kind</th>
                    <th scope="col">E-mail</th>
                    <th scope="col">Segment</th>
                    <th scope="col">Site</th>
                    <th scope="col">Tags</th>
                    <SortHeader field="created_at" text="Created" sort={sort} onSort={(v) => set('sort', v)} />
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/customers/${c.id}`}>{c.name}</Link>
                      </td>
                      <td>{label(c.kind)}</td>
                      <td>{c.email || <span className="muted">—</span>}</td>
                      <td>{c.segment_id ? segName.get(c.segment_id) ?? `#${c.segment_id}` : <span className="muted">—</span>}</td>
                      <td>{c.site || <span className="muted">—</span>}</td>
                      <td>
                        {c.tags.map((t) => (
                          <span key={t} className="tag">
                            {t}
                          </span>
                        ))}
                      </td>
                      <td className="nowrap">{fmtDate(c.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager total={data.total} limit={LIMIT} offset={data.offset ?? offset} onOffset={(o) => set('offset', o ? String(o) : '')} />
          </>
        )
      ) : null}
    </>
  );
}

/** Sends only what the server needs on create (no null segment). */
export function customerBody(input: CustomerInput): Record<string, unknown> {
  const body: Record<string, unknown> = { ...input };
  if (input.segment_id === null) delete body.segment_id;
  return body;
}

export function NewCustomerPage() {
  const segments = useSegments();
  const navigate = useNavigate();
  return (
    <>
      <p className="crumbs">
        <Link to="/customers">Customers</Link>
      </p>
      <h1>New customer</h1>
      <CustomerForm
        title="Customer details"
        segments={segments}
        submitLabel="Create customer"
        onCancel={() => navigate('/customers')}
        onSubmit={async (input) => {
          const created = await api.post<Customer>('/api/v1/customers', customerBody(input));
          navigate(`/customers/${created.id}`);
        }}
      />
    </>
  );
}
