// One requirement: current text, versions, reviews, the review form, withdrawal.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { useCan } from '../auth';
import { Badge } from '../components/Badge';
import { ConfirmButton } from '../components/ConfirmButton';
import { FormAlert, LoadError, Loading } from '../components/Feedback';
import { ReviewForm, ReviewsList, VersionsList } from '../components/Requirements';
import { actor, fmtDateTime, label } from '../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../hooks';
import type { Customer, Requirement, Segment } from '../types';

export function RequirementPage() {
  const { id = '' } = useParams();
  const canReview = useCan('requirements');
  const { data: r, error, loading, reload } = useApi<Requirement>(`/api/v1/requirements/${encodeURIComponent(id)}`);
  const customer = useApi<Customer>(r?.customer_id ? `/api/v1/customers/${r.customer_id}` : null);
  const segment = useApi<Segment>(r?.segment_id ? `/api/v1/segments/${r.segment_id}` : null);
  const [tick, setTick] = useState(0);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  if (loading && !r) return <Loading />;
  if (error || !r) {
    return (
      <>
        <p className="crumbs">
          <Link to="/requirements">Requirements</Link>
        </p>
        <h1>Requirement</h1>
        <LoadError error={error} />
      </>
    );
  }
  const refresh = () => {
    setTick((t) => t + 1);
    reload();
  };

  return (
    <>
      <p className="crumbs">
        <Link to="/requirements">Requirements</Link>
        {r.customer_id ? (
          <>
            {' / '}
            <Link to={`/customers/${r.customer_id}`}>{customer.data?.name ?? `Customer #${r.customer_id}`}</Link>
          </>
        ) : null}
      </p>
      <div className="page-head">
        <h1>
          Requirement #{r.id} <span className="muted">· version {r.version}</span>
        </h1>
        <Badge value={r.status} />
      </div>
      <FormAlert errors={errors} />
      <section className="panel" aria-labelledby="req-current">
        <h2 id="req-current">Current text</h2>
        <p className="pre req-text">{r.text}</p>
        <dl className="details">
          <div>
            <dt>Applies to</dt>
            <dd>
              {r.scope === 'customer'
                ? `Customer: ${customer.data?.name ?? `#${r.customer_id}`}`
                : r.scope === 'segment'
                  ? `Segment: ${segment.data?.name ?? `#${r.segment_id}`}`
                  : 'All customers'}
            </dd>
          </div>
          <div>
            <dt>Kind</dt>
            <dd>{label(r.kind)}</dd>
          </div>
          <div>
            <dt>Source</dt>
            <dd>{r.source_ref || '—'}</dd>
          </div>
          <div>
            <dt>Recorded</dt>
            <dd>
              {fmtDateTime(r.created_at)} by {actor(r.created_by)}
            </dd>
          </div>
          <div>
            <dt>Updated</dt>
            <dd>{fmtDateTime(r.updated_at)}</dd>
          </div>
        </dl>
        {canReview && r.status !== 'withdrawn' ? (
          <div className="actions">
            <ConfirmButton
              label="Withdraw"
              question="Withdraw this requirement? It stays in the register as withdrawn."
              onConfirm={async () => {
                setErrors(NO_ERRORS);
                try {
                  await api.post(`/api/v1/requirements/${r.id}/withdraw`, {});
                  refresh();
                } catch (e) {
                  setErrors(toFormErrors(e));
                }
              }}
            />
          </div>
        ) : null}
      </section>
      <div className="split">
        <div>
          <section className="panel" aria-labelledby="req-versions">
            <h2 id="req-versions">Versions</h2>
            <VersionsList id={r.id} reloadKey={tick} />
          </section>
          <section className="panel" aria-labelledby="req-reviews">
            <h2 id="req-reviews">Reviews</h2>
            <ReviewsList id={r.id} reloadKey={tick} />
          </section>
        </div>
        {canReview && r.status !== 'withdrawn' ? (
          <div className="panel">
            <ReviewForm key={`${r.version}-${tick}`} requirement={r} onDone={refresh} />
          </div>
        ) : null}
      </div>
    </>
  );
}
