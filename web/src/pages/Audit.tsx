// The audit trail, newest first by default, filtered by entity (every type
// the caller's role may read, from GET /api/v1/audit/entity-types) or by a
// complaint's reference (its whole case history); and the chain check.
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError, qs } from '../api';
import { useCan } from '../auth';
import { ExportLinks } from '../components/ExportLinks';
import { AuditTable } from '../components/AuditTable';
import { LoadError, Loading } from '../components/Feedback';
import { enumOptions, SelectField, TextField } from '../components/Fields';
import { Pager } from '../components/Pager';
import { useApi } from '../hooks';
import type { AuditEntry, Complaint, Page, VerifyResult } from '../types';

const LIMIT = 50;

function VerifyChain() {
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className="panel verify" aria-labelledby="verify-title">
      <h2 id="verify-title">Integrity</h2>
      <p className="muted small">Each entry is hash-chained to the one before it. Checking recomputes the whole chain.</p>
      <button
        type="button"
        className="btn"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            setResult(await api.get<VerifyResult>('/api/v1/audit/verify'));
          } catch (e) {
            setResult(null);
            setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Verifying…' : 'Verify chain'}
      </button>
      <LoadError error={error} />
      {result ? (
        <div className={`alert ${result.intact ? 'alert-ok' : 'alert-error'}`} role="status">
          <p className="alert-title">
            {result.intact
              ? `Chain intact: ${result.entries_checked} entries checked.`
              : `Chain broken: ${result.problems.length} problem(s) in ${result.entries_checked} entries.`}
          </p>
          {result.problems.length ? (
            <ul>
              {result.problems.map((p, i) => (
                <li key={i}>
                  #{p.seq} {p.kind}: {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** The complaint a reference names, looked up as it is typed; null until one is found. */
function useComplaintByReference(reference: string): { id: number | null; notFound: boolean } {
  const wanted = reference.trim().toUpperCase();
  const shaped = /^C-\d{4}-\d{6,}$/.test(wanted);
  const { data, error } = useApi<Complaint>(shaped ? `/api/v1/complaints/by-reference/${encodeURIComponent(wanted)}` : null);
  return { id: shaped && data ? data.id : null, notFound: shaped && !!error };
}

export function AuditPage() {
  const canVerify = useCan('audit_verify');
  const [params, setParams] = useSearchParams();
  const entityType = params.get('entity_type') ?? '';
  const entityId = params.get('entity_id') ?? '';
  const reference = params.get('complaint') ?? '';
  const sort = params.get('sort') ?? '-seq';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const { data: types } = useApi<{ items: string[] }>('/api/v1/audit/entity-types');
  const complaint = useComplaintByReference(reference);
  const byComplaint = reference.trim() !== '';
  const path = byComplaint
    ? complaint.id
      ? `/api/v1/audit${qs({ complaint_id: complaint.id, sort, limit: LIMIT, offset })}`
      : null
    : `/api/v1/audit${qs({ entity_type: entityType, entity_id: entityType ? entityId : '', sort, limit: LIMIT, offset })}`;
  const { data, error, loading } = useApi<Page<AuditEntry>>(path);

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
        <h1>Audit trail</h1>
        <div className="head-actions">
          <ExportLinks
            base="/api/v1/audit/export"
            query={byComplaint ? { complaint_id: complaint.id ?? undefined } : { entity_type: entityType, entity_id: entityType ? entityId : '' }}
          />
        </div>
      </div>
      {canVerify ? <VerifyChain /> : null}
      <form className="filters" role="search" aria-label="Filter audit trail" onSubmit={(e) => e.preventDefault()}>
        <TextField
          id="audit-complaint"
          label="Complaint"
          placeholder="C-2026-000123"
          value={reference}
          onChange={(v) => set('complaint', v)}
          hint={byComplaint ? (complaint.notFound ? 'No complaint has this reference.' : complaint.id ? undefined : 'Type the whole reference, such as C-2026-000123.') : undefined}
        />
        {byComplaint ? null : (
          <SelectField
            id="audit-type"
            label="Entity"
            value={entityType}
            onChange={(v) => set('entity_type', v)}
            empty="All entities"
            options={enumOptions(types?.items ?? (entityType ? [entityType] : []))}
          />
        )}
        {entityType && !byComplaint ? <TextField id="audit-id" label="Entity id" inputMode="numeric" value={entityId} onChange={(v) => set('entity_id', v)} /> : null}
        <SelectField
          id="audit-sort"
          label="Order"
          value={sort}
          onChange={(v) => set('sort', v === '-seq' ? '' : v)}
          options={[
            { value: '-seq', label: 'Newest first' },
            { value: 'seq', label: 'Oldest first' },
          ]}
        />
      </form>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data && path ? (
        <>
          <AuditTable entries={data.items} caption="Audit trail" />
          {data.total > 0 ? <Pager total={data.total} limit={LIMIT} offset={data.offset ?? offset} onOffset={(o) => set('offset', o ? String(o) : '')} /> : null}
        </>
      ) : null}
    </>
  );
}
