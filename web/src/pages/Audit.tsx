// The audit trail with an entity filter and the chain check.
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError, qs } from '../api';
import { useCan } from '../auth';
import { AuditTable } from '../components/AuditTable';
import { LoadError, Loading } from '../components/Feedback';
import { enumOptions, SelectField, TextField } from '../components/Fields';
import { Pager } from '../components/Pager';
import { useApi } from '../hooks';
import type { AuditEntry, Page, VerifyResult } from '../types';

const LIMIT = 50;
const ENTITY_TYPES = ['settings', 'user', 'session', 'api_token', 'customer', 'segment', 'requirement', 'communication'];

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

export function AuditPage() {
  const canVerify = useCan('audit_verify');
  const [params, setParams] = useSearchParams();
  const entityType = params.get('entity_type') ?? '';
  const entityId = params.get('entity_id') ?? '';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const { data, error, loading } = useApi<Page<AuditEntry>>(
    `/api/v1/audit${qs({ entity_type: entityType, entity_id: entityType ? entityId : '', limit: LIMIT, offset })}`,
  );

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
      </div>
      {canVerify ? <VerifyChain /> : null}
      <form className="filters" role="search" aria-label="Filter audit trail" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="audit-type" label="Entity" value={entityType} onChange={(v) => set('entity_type', v)} empty="All entities" options={enumOptions(ENTITY_TYPES)} />
        {entityType ? <TextField id="audit-id" label="Entity id" inputMode="numeric" value={entityId} onChange={(v) => set('entity_id', v)} /> : null}
      </form>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <AuditTable entries={data.items} caption="Audit trail" />
          {data.total > 0 ? <Pager total={data.total} limit={LIMIT} offset={data.offset ?? offset} onOffset={(o) => set('offset', o ? String(o) : '')} /> : null}
        </>
      ) : null}
    </>
  );
}
