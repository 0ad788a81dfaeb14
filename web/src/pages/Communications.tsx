// The communication log across all customers.
import { useSearchParams } from 'react-router-dom';
import { qs } from '../api';
import { CommunicationList } from '../components/Communications';
import { CustomerPicker } from '../components/CustomerPicker';
import { LoadError, Loading } from '../components/Feedback';
import { enumOptions, SelectField } from '../components/Fields';
import { Pager } from '../components/Pager';
import { useApi, useCustomerNames } from '../hooks';
import { CHANNELS, DIRECTIONS, type Communication, type Page } from '../types';

const LIMIT = 25;

export function CommunicationsPage() {
  const [params, setParams] = useSearchParams();
  const channel = params.get('channel') ?? '';
  const direction = params.get('direction') ?? '';
  const customerId = params.get('customer_id') ?? '';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const { data, error, loading } = useApi<Page<Communication>>(
    `/api/v1/communications${qs({ channel, direction, customer_id: customerId, sort: '-occurred_at', limit: LIMIT, offset })}`,
  );
  const names = useCustomerNames(data?.items.map((c) => c.customer_id) ?? []);

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
        <h1>Communications</h1>
      </div>
      <p className="muted">Record new communications on the customer's page.</p>
      <form className="filters" role="search" aria-label="Filter communications" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="comm-f-channel" label="Channel" value={channel} onChange={(v) => set('channel', v)} empty="Any channel" options={enumOptions(CHANNELS)} />
        <SelectField id="comm-f-direction" label="Direction" value={direction} onChange={(v) => set('direction', v)} empty="Both directions" options={enumOptions(DIRECTIONS)} />
        <CustomerPicker idPrefix="comm-f" value={customerId} onChange={(v) => set('customer_id', v)} empty="All customers" />
      </form>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <CommunicationList items={data.items} customerNames={names} />
          {data.total > 0 ? <Pager total={data.total} limit={LIMIT} offset={data.offset ?? offset} onOffset={(o) => set('offset', o ? String(o) : '')} /> : null}
        </>
      ) : null}
    </>
  );
}
