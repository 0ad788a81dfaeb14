// The requirements register: filters, list and the create form.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { qs } from '../api';
import { useCan } from '../auth';
import { Badge } from '../components/Badge';
import { CustomerPicker } from '../components/CustomerPicker';
import { Empty, LoadError, Loading } from '../components/Feedback';
import { enumOptions, SelectField, TextField } from '../components/Fields';
import { Pager } from '../components/Pager';
import { RequirementForm } from '../components/Requirements';
import { fmtDate, label } from '../format';
import { NO_ERRORS, useApi, useCustomerNames, useDebounced, type FormErrors } from '../hooks';
import { REQUIREMENT_KINDS, REQUIREMENT_STATUSES, SCOPES, type Page, type Requirement, type Scope } from '../types';
import { useSegments } from './Customers';

const LIMIT = 25;

function NewRequirement({ onCreated, onCancel }: { onCreated: () => void; onCancel: () => void }) {
  const segments = useSegments();
  const [scope, setScope] = useState<Scope>('customer');
  const [customerId, setCustomerId] = useState('');
  const [segmentId, setSegmentId] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const f = errors.fields;
  return (
    <RequirementForm
      idPrefix="newreq"
      title="New requirement"
      scopeErrors={setErrors}
      buildScope={() =>
        scope === 'customer'
          ? { scope, customer_id: customerId ? Number(customerId) : undefined }
          : scope === 'segment'
            ? { scope, segment_id: segmentId ? Number(segmentId) : undefined }
            : { scope }
      }
      onCreated={onCreated}
      onCancel={onCancel}
      scopeFields={
        <>
          <SelectField
            id="newreq-scope"
            label="Applies to"
            value={scope}
            onChange={(v) => setScope(v as Scope)}
            options={[
              { value: 'customer', label: 'One customer' },
              { value: 'segment', label: 'A segment' },
              { value: 'all', label: 'All customers' },
            ]}
            error={f.scope}
          />
          {scope === 'customer' ? (
            <CustomerPicker idPrefix="newreq" value={customerId} onChange={setCustomerId} error={f.customer_id} />
          ) : null}
          {scope === 'segment' ? (
            <SelectField
              id="newreq-segment"
              label="Segment"
              value={segmentId}
              onChange={setSegmentId}
              empty="— choose —"
              options={segments.map((s) => ({ value: String(s.id), label: s.name }))}
              error={f.segment_id}
            />
          ) : null}
        </>
      }
    />
  );
}

export function RequirementsPage() {
  const [params, setParams] = useSearchParams();
  const canWrite = useCan('requirements');
  const segments = useSegments();
  const [creating, setCreating] = useState(false);
  const scope = params.get('scope') ?? '';
  const kind = params.get('kind') ?? '';
  const status = params.get('status') ?? '';
  const q = params.get('q') ?? '';
  const searched = useDebounced(q);
  const offset = Number(params.get('offset') ?? 0) || 0;
  const { data, error, loading, reload } = useApi<Page<Requirement>>(
    `/api/v1/requirements${qs({ scope, kind, status, q: searched, sort: '-created_at', limit: LIMIT, offset })}`,
  );
  const segName = new Map(segments.map((s) => [s.id, s.name]));
  const custNames = useCustomerNames(data?.items.flatMap((r) => (r.customer_id ? [r.customer_id] : [])) ?? []);

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
        <h1>Requirements register</h1>
        {canWrite && !creating ? (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            New requirement
          </button>
        ) : null}
      </div>
      {creating ? (
        <NewRequirement
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            reload();
          }}
        />
      ) : null}
      <form className="filters" role="search" aria-label="Filter requirements" onSubmit={(e) => e.preventDefault()}>
        <TextField id="req-q" label="Search" type="search" value={q} onChange={(v) => set('q', v)} />
        <SelectField id="req-scope" label="Scope" value={scope} onChange={(v) => set('scope', v)} empty="Any scope" options={enumOptions(SCOPES)} />
        <SelectField id="req-kind" label="Kind" value={kind} onChange={(v) => set('kind', v)} empty="Any kind" options={enumOptions(REQUIREMENT_KINDS)} />
        <SelectField id="req-status" label="Status" value={status} onChange={(v) => set('status', v)} empty="Any status" options={enumOptions(REQUIREMENT_STATUSES)} />
      </form>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        data.items.length === 0 ? (
          <Empty>No requirements match.</Empty>
        ) : (
          <>
            <div className="table-wrap" aria-busy={loading} tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden">Requirements</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Requirement</th>
                    <th scope="col">Applies to</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Status</th>
                    <th scope="col">Version</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((r) => (
                    <tr key={r.id}>
                      <td className="num">{r.id}</td>
                      <td className="wide">
                        <Link to={`/requirements/${r.id}`}>{r.text.length > 140 ? `${r.text.slice(0, 140)}…` : r.text}</Link>
                      </td>
                      <td>
                        {r.scope === 'customer' && r.customer_id ? (
                          <Link to={`/customers/${r.customer_id}`}>{custNames.get(r.customer_id) ?? `Customer #${r.customer_id}`}</Link>
                        ) : r.scope === 'segment' && r.segment_id ? (
                          `Segment: ${segName.get(r.segment_id) ?? `#${r.segment_id}`}`
                        ) : (
                          'All customers'
                        )}
                      </td>
                      <td>{label(r.kind)}</td>
                      <td>
                        <Badge value={r.status} />
                      </td>
                      <td className="num">{r.version}</td>
                      <td className="nowrap">{fmtDate(r.updated_at)}</td>
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
